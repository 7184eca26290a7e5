// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import axe from 'axe-core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../../../sync-server/test/server-process';
import type { ServerProcess } from '../../../sync-server/test/server-process';
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

let server: ServerProcess;
let dataDir: string;
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
  // The real server in its own process: jose and Node's URL refuse jsdom's byte arrays and URLs.
  dataDir = mkdtempSync(join(tmpdir(), 'tend-account-panel-'));
  server = await startServerProcess(await freePort(), { DATA_DIR: dataDir });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  cleanup();
  services?.engine.stop();
  services?.auth.dispose();
  // Let supabase-js finish any storage call in flight before the database closes.
  await new Promise((resolve) => setTimeout(resolve, 50));
  db?.close();
  resetSyncStatus();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A change from the user's other device, straight to the server. */
async function pushFromOtherDevice(taskId: string, parentId: string | null) {
  const other = createClock({ now: Date.now, nodeId: 'CDCDCDCDCDCDCDCD' });
  const response = await fetch(`${server.base}/api/sync/push`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await services.auth.getAccessToken()}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({
      clientId: 'other-device',
      mutations: [{ id: crypto.randomUUID(), taskId, hlc: other.tick(), changes: { parentId } }],
    }),
  });
  expect(response.status).toBe(200);
}

function setup() {
  db = openTendDb(`panel-${++n}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const clock = createClock({ now: Date.now, nodeId: 'ABABABABABABABAB' });
  const auth = createAuth({
    db,
    url: server.base,
    anonKey: 'anon',
    fetch: globalThis.fetch,
    clientOptions: { realtime: { transport: WebSocket as never } },
  });
  const engine = createSyncEngine({
    db,
    clock,
    clientId: 'panel',
    fetch: globalThis.fetch,
    baseUrl: server.base,
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
    await vi.waitFor(
      () =>
        expect(screen.getByRole('alert').textContent).toBe('That email and password do not match.'),
      { timeout: 10_000 },
    );
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(container);

    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    // The server hashes the password at the OWASP cost: seconds on a loaded machine.
    expect(await screen.findByText('grace@example.com', {}, { timeout: 10_000 })).toBeTruthy();
    await expectNoAxeViolations(container);

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    // Signing out asks what happens to the tasks on this device.
    expect(await screen.findByRole('group', { name: /what happens to your tasks/ })).toBeTruthy();
    await expectNoAxeViolations(container);
    fireEvent.click(screen.getByRole('button', { name: 'Keep a copy on this device' }));
    // Signing out syncs first, then ends the session on the server.
    expect(
      await screen.findByRole('button', { name: 'Create account' }, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(await services.auth.getAccessToken()).toBeNull();
  });

  it('shows diagnostics and lets the user retry or discard a refused change', async () => {
    const { store } = setup();
    await services.auth.signUp('lin@example.com', 'password1');
    const parent = await store.addTask({ title: 'Garden' });
    const task = await store.addTask({ title: 'Refused task' });
    await services.engine.syncNow();
    // The other device nests the parent under this task; this one, not yet pulled, nests the task under
    // the parent: the server refuses the cycle.
    await pushFromOtherDevice(parent.id, task.id);
    await store.updateTask(task.id, { parentId: parent.id });
    await services.engine.syncNow();
    updateSyncStatus({ skewMs: 3 * 3_600_000 + 5 * 60_000 });
    const { container } = render(() => <AccountPanel services={services} />);
    const refused = /The new parent is one of the task’s own sub-tasks/;
    expect(await screen.findByText(refused, {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText(/3 h 5 min ahead/)).toBeTruthy();
    expect(screen.getByText('Synced')).toBeTruthy();
    await expectNoAxeViolations(container);

    // The other device undoes its nesting; Retry sends the change again at once, as a new change.
    await pushFromOtherDevice(parent.id, null);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await vi.waitFor(() => expect(screen.queryByText(refused)).toBeNull());
    await vi.waitFor(async () => expect(await db.outbox.count()).toBe(0));
    await vi.waitFor(() => expect(syncStatus().state).toBe('synced'));
    await services.engine.syncNow();
    expect((await store.getTask(task.id))?.parentId).toBe(parent.id);
    expect((await store.getTask(parent.id))?.parentId).toBeNull();

    // A change the server's validation refuses (a priority outside 1-4, past the store's own checks).
    await store.updateTask(task.id, { title: 'Refused again' });
    await db.outbox
      .where('taskId')
      .equals(task.id)
      .modify((entry) => void ((entry.changes as { priority?: number }).priority = 9));
    await services.engine.syncNow();
    fireEvent.click(await screen.findByRole('button', { name: 'Discard' }, { timeout: 5000 }));
    await vi.waitFor(() => expect(screen.queryByText(/changes\.priority/)).toBeNull());
    await services.engine.syncNow();
    // Discarding brought the server's value back.
    expect((await store.getTask(task.id))?.title).toBe('Refused task');
    expect(await db.outbox.count()).toBe(0);
  });
});
