import { describe, expect, it } from 'vitest';
import { describeReminderOffset, REMINDER_WORDS } from '../messages';
import { reminderFromInput } from './reminder-form';
import { describeReminder } from './reminder-text';

const newId = () => '0193b5a0-0000-7000-8000-0000000000a1';

describe('adding a reminder in the detail', () => {
  it('turns minutes before into a relative reminder, refusing what the schema would', () => {
    expect(reminderFromInput('before', '30', newId)).toEqual({
      reminder: { id: newId(), before: 30 },
    });
    expect(reminderFromInput('before', '0', newId)).toEqual({
      reminder: { id: newId(), before: 0 },
    });
    for (const bad of ['', '-5', '1.5', 'soon', '40321'])
      expect(reminderFromInput('before', bad, newId)).toEqual({
        error: REMINDER_WORDS.invalidBefore,
      });
  });

  it('turns a local date and time into the instant it names on this device', () => {
    expect(reminderFromInput('at', '2026-12-03T09:15', newId)).toEqual({
      reminder: { id: newId(), at: new Date(2026, 11, 3, 9, 15).toISOString() },
    });
    for (const bad of ['', '2026-12-03', '2026-02-30T09:00', 'tomorrow'])
      expect(reminderFromInput('at', bad, newId)).toEqual({ error: REMINDER_WORDS.invalidAt });
  });

  it('says what a reminder does', () => {
    expect(describeReminderOffset(0)).toBe('At due time');
    expect(describeReminderOffset(45)).toBe('45 min before');
    expect(describeReminderOffset(120)).toBe('2 h before');
    expect(describeReminderOffset(1440)).toBe('1 day before');
    expect(describeReminderOffset(2880)).toBe('2 days before');
    expect(describeReminder({ before: 30 }, '2026-12-02')).toBe('30 min before');
    expect(
      describeReminder({ at: new Date(2026, 11, 2, 9, 0).toISOString() }, '2026-12-02'),
    ).toMatch(/^Today /);
  });
});
