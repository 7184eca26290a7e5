import { describe, expect, it } from 'vitest';
import {
  isAiAssetPath,
  isOpenTaskMessage,
  isServerPath,
  isSkipWaitingMessage,
  openTaskUrl,
  parseReminderNotice,
  reminderNotification,
} from './sw-protocol.ts';

describe('service worker protocol', () => {
  it('recognises the skip-waiting message workbox-window sends', () => {
    expect(isSkipWaitingMessage({ type: 'SKIP_WAITING' })).toBe(true);
    expect(isSkipWaitingMessage({ type: 'SKIP_WAITING', extra: 1 })).toBe(true);
    expect(isSkipWaitingMessage({ type: 'OTHER' })).toBe(false);
    expect(isSkipWaitingMessage('SKIP_WAITING')).toBe(false);
    expect(isSkipWaitingMessage(null)).toBe(false);
  });

  it('keeps server paths away from the app shell', () => {
    expect(isServerPath('/api/sync/pull')).toBe(true);
    expect(isServerPath('/auth/v1/token')).toBe(true);
    expect(isServerPath('/health')).toBe(true);
    expect(isServerPath('/admin')).toBe(true);
    expect(isServerPath('/today')).toBe(false);
    expect(isServerPath('/share')).toBe(false);
    expect(isServerPath('/apiary')).toBe(false);
  });

  it('knows the lazy AI asset folder', () => {
    expect(isAiAssetPath('/assets/ai/web-llm-abc.js')).toBe(true);
    expect(isAiAssetPath('/assets/index-abc.js')).toBe(false);
  });

  it('reads a pushed reminder as untrusted data and shows it tagged by its firing', () => {
    const notice = {
      type: 'reminder',
      taskId: '0193b5a0-0000-7000-8000-000000000001',
      reminderId: '0193b5a0-0000-7000-8000-0000000000a1',
      key: '0193b5a0-0000-7000-8000-0000000000a1@2026-12-02T09:00:00.000Z',
      title: 'Dentist',
      at: '2026-12-02T09:00:00.000Z',
      due: '2026-12-02T10:30',
    };
    expect(parseReminderNotice(notice)).toEqual(notice);
    for (const bad of [
      null,
      'reminder',
      { ...notice, type: 'other' },
      { ...notice, taskId: '../../etc' },
      { ...notice, title: 'x'.repeat(501) },
      { ...notice, due: 42 },
    ])
      expect(parseReminderNotice(bad)).toBeNull();
    const { title, options } = reminderNotification(parseReminderNotice(notice)!);
    expect(title).toBe('Dentist');
    expect(options).toMatchObject({ tag: notice.key, renotify: false, data: notice });
    expect(options.actions.map((a) => [a.action, a.title])).toEqual([
      ['complete', 'Complete'],
      ['snooze', 'Snooze 10 min'],
    ]);
  });

  it('opens a clicked task in an open window by message, or in a new one by URL', () => {
    expect(isOpenTaskMessage({ type: 'tend:open-task', taskId: 'a' })).toBe(true);
    expect(isOpenTaskMessage({ type: 'tend:open-task' })).toBe(false);
    expect(openTaskUrl('a b')).toBe('/inbox?task=a%20b');
  });
});
