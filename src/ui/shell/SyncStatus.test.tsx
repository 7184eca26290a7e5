// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSignal } from 'solid-js';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { formatMomentTime } from '../lib/dates';
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

  it('never counts pending changes for someone not signed in: there is nowhere to send them', () => {
    setOnline(false);
    render(() => <SyncStatus source={() => ({ state: 'local', pending: 2000 })} />);
    expect(screen.getByRole('status').textContent).toBe('Offline');
    setOnline(true);
    expect(screen.getByRole('status').textContent).toBe('Local only');
  });

  it('says Server unreachable when online without a server, and never Synced while changes wait', () => {
    setOnline(true);
    const [value, setValue] = createSignal<Partial<SyncStatusValue> | undefined>({
      state: 'unreachable',
      pending: 1,
    });
    render(() => <SyncStatus source={value} />);
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Server unreachable1 pending');
    setValue({ state: 'synced', pending: 1, lastSyncedAt: new Date().toISOString() });
    expect(status.textContent).toBe('Waiting to sync1 pending');
  });

  it('opens a panel with the last sync, the changes waiting and Sync now', async () => {
    setOnline(true);
    const syncNow = vi.fn(async () => undefined);
    render(() => (
      <SyncStatus
        source={() => ({ state: 'synced', pending: 0, lastSyncedAt: null })}
        syncNow={syncNow}
      />
    ));
    const pill = screen.getByRole('button', { name: /Synced/ });
    expect(pill.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(pill);
    const panel = screen.getByRole('region', { name: 'Sync' });
    expect(panel.textContent).toContain('Last synced');
    expect(panel.textContent).toContain('Changes waiting0 changes');
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(syncNow).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'Sync' })).toBeNull();
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
    expect(status.textContent).toBe(
      `Syncedlast synced ${formatMomentTime(new Date(2026, 10, 26, 9, 5).toISOString())}`,
    );
    setValue({ state: 'syncing', pending: 3, progress: 0.5 });
    expect(status.textContent).toContain('Syncing');
    expect(status.textContent).toContain('3 pending');
    expect(screen.getByRole('progressbar', { name: 'Sync progress' })).toBeTruthy();
    setValue({ state: 'error', problem: { code: 'unauthorized', detail: 'HTTP 401' } });
    expect(status.textContent).toMatch(/Error/);
    const pill = screen.getByRole('button', { name: /Error/ });
    expect(pill.getAttribute('title')).toMatch(/^Your session has expired\./);
  });
});
