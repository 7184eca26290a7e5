// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createSignal } from 'solid-js';
import { cleanup, render, screen } from '@solidjs/testing-library';
import { SyncStatus } from './SyncStatus';
import type { SyncStatus as SyncStatusValue } from '../../sync/status';

afterEach(() => cleanup());

function setOnline(value: boolean) {
  Object.defineProperty(window.navigator, 'onLine', { value, configurable: true });
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
}

describe('<SyncStatus />', () => {
  it('says Local only, and Offline when the network goes', () => {
    setOnline(true);
    render(() => <SyncStatus source={() => undefined} />);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Local only');
    setOnline(false);
    expect(status.textContent).toBe('Offline');
    setOnline(true);
    expect(status.textContent).toBe('Local only');
  });

  it('says Offline when signed out and the network is gone', () => {
    setOnline(false);
    render(() => <SyncStatus source={() => ({ state: 'local', pending: 2 })} />);
    expect(screen.getByRole('status').textContent).toBe('Offline2 pending');
    setOnline(true);
    expect(screen.getByRole('status').textContent).toBe('Local only2 pending');
  });

  it('says Live while a live stream is connected, and Syncing while a sync runs', () => {
    setOnline(true);
    const [value, setValue] = createSignal<Partial<SyncStatusValue>>({
      state: 'synced',
      live: true,
    });
    render(() => <SyncStatus source={value} />);
    const label = () => screen.getByRole('status').querySelector('.sync-label')?.textContent;
    expect(label()).toBe('Live');
    setValue({ state: 'syncing', live: true });
    expect(label()).toBe('Syncing');
    setValue({ state: 'synced', live: false });
    expect(label()).toBe('Synced');
  });

  it('shows the sync engine’s state, pending changes and last sync', () => {
    const [value, setValue] = createSignal<Partial<SyncStatusValue> | undefined>({
      state: 'synced',
      lastSyncedAt: new Date(2026, 10, 26, 9, 5).toISOString(),
      pending: 0,
    });
    render(() => <SyncStatus source={value} />);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Syncedlast synced 09:05');
    setValue({ state: 'syncing', pending: 3, progress: 0.5 });
    expect(status.textContent).toContain('Syncing');
    expect(status.textContent).toContain('3 pending');
    expect(screen.getByRole('progressbar', { name: 'Sync progress' })).toBeTruthy();
    setValue({ state: 'error', problem: { code: 'unauthorized', detail: 'HTTP 401' } });
    expect(status.textContent).toMatch(/Error/);
    expect(status.getAttribute('title')).toMatch(/^Your session has expired\./);
  });
});
