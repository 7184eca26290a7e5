// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import axe from 'axe-core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startReferenceServer } from '../../../bench/sync-client/reference-server';
import type { ReferenceServer } from '../../../bench/sync-client/reference-server';
import { createClock } from '../../core/hlc';
import { openTendDb } from '../../db/database';
import type { TendDb } from '../../db/database';
import { createTasksStore } from '../../db/tasks-store';
import { createAuth } from '../../sync/auth';
import { createSyncEngine } from '../../sync/sync-engine';
import { resetSyncStatus, syncStatus, updateSyncStatus } from '../../sync/status';
import { setSyncServices } from '../../sync/setup';
import type { SyncServices } from '../../sync/setup';
import { AccountPanel } from './AccountPanel';

let server: ReferenceServer;
let db: TendDb;
let services: SyncServices;
let n = 0;

async function expectNoAxeViolations(container: HTMLElement) {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.html).join(' | ')}`),
  ).toEqual([]);
}

beforeAll(async () => {
  server = await startReferenceServer({});
});
afterAll(() => server.close());
afterEach(async () => {
  cleanup();
  services?.engine.stop();
  services?.auth.dispose();
  // Let supabase-js finish any storage call in flight before the database closes.
  await new Promise((resolve) => setTimeout(resolve, 50));
  db?.close();
  resetSyncStatus();
});

function setup() {
  db = openTendDb(`panel-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const clock = createClock({ now: Date.now, nodeId: 'ABABABABABABABAB' });
  const auth = createAuth({
    db,
    url: server.url,
    anonKey: 'anon',
    fetch: globalThis.fetch,
    clientOptions: { realtime: { transport: WebSocket as never } },
  });
  const engine = createSyncEngine({
    db,
    clock,
    clientId: 'panel',
    fetch: globalThis.fetch,
    baseUrl: server.url,
    getAccessToken: auth.getAccessToken,
    env: { isOnline: () => true, isVisible: () => true, onWake: () => () => undefined },
  });
  services = { db, auth, engine };
  return { store: createTasksStore({ db, clock }) };
}

describe('<AccountPanel />', () => {
  it('says sync is unavailable without services', () => {
    render(() => <AccountPanel services={null} />);
    expect(screen.getByText(/Sync is not available/)).toBeTruthy();
  });

  it('appears when sync starts after the panel was mounted (the page starts sync after first paint)', async () => {
    setup();
    setSyncServices(null);
    render(() => <AccountPanel />);
    expect(screen.queryByLabelText('Email')).toBeNull();
    setSyncServices(services);
    expect(await screen.findByLabelText('Email')).toBeTruthy();
    setSyncServices(null);
  });

  it('signs up, shows the account, signs out; errors are visible; axe-clean', async () => {
    setup();
    const { container } = render(() => <AccountPanel services={services} />);
    await expectNoAxeViolations(container);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter your email and a password.');

    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'grace@example.com' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'wrongpass' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('That email and password do not match.'),
    );
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(container);

    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('grace@example.com')).toBeTruthy();
    await expectNoAxeViolations(container);

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    // Signing out asks what happens to the tasks on this device.
    expect(await screen.findByRole('group', { name: /what happens to your tasks/ })).toBeTruthy();
    await expectNoAxeViolations(container);
    fireEvent.click(screen.getByRole('button', { name: 'Keep a copy on this device' }));
    expect(await screen.findByRole('button', { name: 'Create account' })).toBeTruthy();
    expect(await services.auth.getAccessToken()).toBeNull();
  });

  it('shows diagnostics and lets the user retry or discard a refused change', async () => {
    const { store } = setup();
    await services.auth.signUp('lin@example.com', 'password1');
    const task = await store.addTask({ title: 'Refused task' });
    server.rejectIf = (m) =>
      m.changes.title === 'Refused task' ? 'Not allowed on this plan' : undefined;
    await services.engine.syncNow();
    updateSyncStatus({ skewMs: 3 * 3_600_000 + 5 * 60_000 });
    const { container } = render(() => <AccountPanel services={services} />);
    expect(await screen.findByText(/Not allowed on this plan/, {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText(/3 h 5 min ahead/)).toBeTruthy();
    expect(screen.getByText('Synced')).toBeTruthy();
    await expectNoAxeViolations(container);

    server.rejectIf = undefined;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await vi.waitFor(() => expect(screen.queryByText(/Not allowed on this plan/)).toBeNull());
    const userId = services.auth.user()!.id;
    // Retry sends it again at once.
    await vi.waitFor(() =>
      expect(server.users.get(userId)?.tasks.get(task.id)?.title).toBe('Refused task'),
    );
    await vi.waitFor(() => expect(syncStatus().state).toBe('synced'));

    await store.updateTask(task.id, { title: 'Refused again' });
    server.rejectIf = () => 'Still not allowed';
    await services.engine.syncNow();
    fireEvent.click(await screen.findByRole('button', { name: 'Discard' }, { timeout: 5000 }));
    await vi.waitFor(() => expect(screen.queryByText(/Still not allowed/)).toBeNull());
    server.rejectIf = undefined;
    await services.engine.syncNow();
    // Discarding brought the server's value back.
    expect((await store.getTask(task.id))?.title).toBe('Refused task');
    expect(await db.outbox.count()).toBe(0);
  });
});
