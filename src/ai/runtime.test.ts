// The runtime over real Comlink with TestEngine (the WebLLM engine test double) and a fake GPU.
import type { InitProgressReport } from '@mlc-ai/web-llm';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '../core/hlc';
import { getMeta, openTendDb } from '../db/database';
import type { TendDb } from '../db/database';
import { createTasksStore } from '../db/tasks-store';
import { channelWorker, fakeGpu } from './fixtures/channel-worker';
import { recordParse, TELEMETRY_QUEUE_KEY } from './parse-stats';
import { TestEngine, testBackend } from './fixtures/test-engine';
import { refineAfterCapture } from './refine';
import { createAiRuntime } from './runtime';
import type { AiRuntime } from './runtime';
import { setAiSettings } from './settings';

const gpu = fakeGpu();

let db: TendDb;
let runtime: AiRuntime | undefined;
afterEach(() => {
  runtime?.bridge.terminate();
  db?.close();
});

function setup({ cached = [] as string[], withGpu = true } = {}) {
  db = openTendDb(`runtime-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const engine = new TestEngine();
  const backend = testBackend(engine, cached);
  const createWorker = () => channelWorker(backend);
  const sent: unknown[] = [];
  const cacheNames = new Set<string>();
  const cacheStorage = {
    open: async (name: string) => (cacheNames.add(name), {} as Cache),
    delete: async (name: string) => cacheNames.delete(name),
  };
  const fetch = (async (_url: string, init: RequestInit) => {
    sent.push(JSON.parse(String(init.body)));
    return new Response(null, { status: 202 });
  }) as typeof globalThis.fetch;
  runtime = createAiRuntime({
    db,
    gpu: withGpu ? gpu : undefined,
    env: { workerMemoryMB: 2048 },
    createWorker,
    fetch,
    cacheStorage,
    now: () => Date.parse('2026-11-26T09:00:00Z'),
  });
  return { runtime, engine, backend, sent, cacheNames };
}

const QWEN = 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC';

describe('AI runtime', () => {
  it('is off until the user opts in', async () => {
    const { runtime } = setup({ cached: [QWEN] });
    expect(await runtime.prepare()).toEqual({ status: 'off' });
    expect(runtime.bridge.isRunning()).toBe(false);
  });

  it('reports an unavailable device with its reason', async () => {
    const { runtime } = setup({ withGpu: false });
    await setAiSettings(db, { enabled: true });
    expect(await runtime.prepare()).toEqual({ status: 'unavailable', reason: 'no-webgpu' });
    await expect(runtime.download().done).rejects.toThrow(/navigator.gpu/);
    expect(runtime.activeDownload()).toBeNull();
  });

  it('never starts a download for a refinement', async () => {
    const { runtime, engine } = setup();
    await setAiSettings(db, { enabled: true });
    expect(await runtime.prepare()).toEqual({ status: 'off' });
    expect(engine.reloads).toEqual([]);
  });

  it('downloads the model chosen for the device with progress, then is ready', async () => {
    const { runtime, engine, backend, cacheNames } = setup();
    await setAiSettings(db, { enabled: true });
    expect(await runtime.isDownloaded()).toBe(false);
    expect(cacheNames.has('tend-ai')).toBe(false);
    const reports: InitProgressReport[] = [];
    const download = runtime.download();
    download.subscribe((r) => reports.push(r));
    expect(runtime.download()).toBe(download); // a second start joins the running download
    expect(runtime.activeDownload()).toBe(download);
    await download.done;
    expect(runtime.activeDownload()).toBeNull();
    expect(engine.reloads).toEqual([QWEN]);
    // Progress travels on its own Comlink channel, so it may land just after load resolves.
    await vi.waitFor(() => expect(reports.length).toBeGreaterThan(2));
    backend.cached.add(QWEN);
    expect(await runtime.prepare()).toEqual({ status: 'ready', modelId: QWEN });

    await runtime.deleteModel();
    expect(backend.cached.has(QWEN)).toBe(false);
    expect(runtime.bridge.isRunning()).toBe(false);
    expect(cacheNames.has('tend-ai')).toBe(false);
  });

  it('cancelling a download stops it for every listener', async () => {
    const { runtime, engine } = setup();
    engine.holdReload = true;
    const download = runtime.download();
    await vi.waitFor(() => expect(download.last()).not.toBeNull());
    download.cancel();
    await expect(download.done).rejects.toMatchObject({ code: 'aborted' });
    expect(runtime.bridge.isRunning()).toBe(false);
    expect(runtime.activeDownload()).toBeNull();
  });

  it('loads a downloaded model from the cache when a refinement needs it', async () => {
    const { runtime, engine } = setup({ cached: [QWEN] });
    await setAiSettings(db, { enabled: true });
    expect(await runtime.prepare()).toEqual({ status: 'ready', modelId: QWEN });
    expect(engine.reloads).toEqual([QWEN]);
    expect(await runtime.prepare()).toEqual({ status: 'ready', modelId: QWEN });
    expect(engine.reloads).toEqual([QWEN]);
  });

  it('sends telemetry only after the user opted in to it', async () => {
    const { runtime, sent } = setup();
    await recordParse(db, { outcome: 'cache_hit' });
    await runtime.settleAndSendStats();
    expect(sent).toEqual([]);
    expect(await getMeta(db, TELEMETRY_QUEUE_KEY)).toEqual([]);

    await setAiSettings(db, { telemetry: true });
    await recordParse(db, { outcome: 'timeout', inferenceMs: 8000 });
    await runtime.settleAndSendStats();
    expect(sent).toEqual([
      { events: [{ inferenceMs: 8000, cacheHit: false, fallback: true, timedOut: true }] },
    ]);
  });
});

describe('refineAfterCapture from the quick-add hook (page runtime, Node has no WebGPU)', () => {
  it('leaves the task alone when AI is off, and counts unavailability once opted in', async () => {
    db = openTendDb(`hook-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    const store = createTasksStore({
      db,
      clock: createClock({ now: Date.now, nodeId: 'BBBBBBBBBBBBBBBB' }),
    });
    const rules = {
      title: 'call mum tomorrow',
      due: null,
      priority: 4 as const,
      project: null,
      labels: [],
      recurrence: null,
      chips: [],
    };
    const task = await store.addTask({ title: rules.title });
    const event = { taskId: task.id, text: rules.title, rules, now: new Date(), store, db };

    expect((await refineAfterCapture(event)).outcome).toBe('off');
    await setAiSettings(db, { enabled: true });
    expect((await refineAfterCapture(event)).outcome).toBe('unavailable');
    expect(await store.getTask(task.id)).toMatchObject({ title: 'call mum tomorrow', due: null });
  });
});
