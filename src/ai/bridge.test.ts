// The bridge and the engine host over real Comlink on a MessageChannel (the worker boundary), with
// TestEngine -- a test double of WebLLM's engine -- where the GPU model would be.
import type { InitProgressReport } from '@mlc-ai/web-llm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AiError, createAiBridge } from './bridge';
import type { AiBridge, WorkerLike } from './bridge';
import { channelWorker } from './fixtures/channel-worker';
import { TestEngine, testBackend, webLlmProgressReports } from './fixtures/test-engine';
import { toLoadProgress } from './progress';
import { ANSWER_JSON_SCHEMA } from './schema';

const MODEL = 'Qwen2.5-1.5B-Instruct-q4f16_1-MLC';
const ANSWER =
  '{"title":"Ring the dentist","due":"2026-11-28","priority":1,"project":null,"labels":[],"recurrence":null}';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each "worker" is a fresh host with a fresh TestEngine, as a new Worker would have. */
function harness(
  options: {
    timeoutMs?: number;
    idleMs?: number;
    graceMs?: number;
    script?: (e: TestEngine) => void;
  } = {},
) {
  const engines: TestEngine[] = [];
  let terminated = 0;
  const createWorker = (): WorkerLike => {
    const engine = new TestEngine();
    options.script?.(engine);
    engines.push(engine);
    return channelWorker(testBackend(engine, [MODEL]), () => (terminated += 1));
  };
  const bridge = createAiBridge({ createWorker, ...options });
  bridges.push(bridge);
  return {
    bridge,
    engines,
    terminated: () => terminated,
    engine: () => engines[engines.length - 1],
  };
}

const bridges: AiBridge[] = [];
afterEach(() => {
  for (const b of bridges.splice(0)) b.terminate();
});

describe('AI bridge over Comlink', () => {
  it('starts the worker only on first use and reports load progress in WebLLM terms', async () => {
    const { bridge, engines } = harness();
    expect(bridge.isRunning()).toBe(false);
    expect(engines).toHaveLength(0);

    const reports: InitProgressReport[] = [];
    await bridge.load(MODEL, { onProgress: (r) => reports.push(r) });

    expect(bridge.isRunning()).toBe(true);
    expect(engines[0].reloads).toEqual([MODEL]);
    // Progress travels on its own Comlink channel, so it may land just after load resolves.
    await vi.waitFor(() => expect(reports).toHaveLength(webLlmProgressReports(400).length));
    expect(reports.map((r) => r.text)).toEqual(webLlmProgressReports(400).map((r) => r.text));
    const last = toLoadProgress(reports[reports.length - 2]);
    expect(last).toMatchObject({ phase: 'download', percent: 100, loadedBytes: 400 * 1024 * 1024 });
    expect(toLoadProgress(reports[reports.length - 1]).phase).toBe('ready');
  });

  it('sends the prompt with the JSON schema response format and returns the raw answer', async () => {
    const { bridge, engine } = harness({ script: (e) => e.reply({ content: ANSWER }) });
    await bridge.load(MODEL);
    const raw = await bridge.parse(
      'ring the dentist the day after tomorrow',
      '2026-11-26T09:00',
      ANSWER_JSON_SCHEMA,
    );

    expect(raw).toBe(ANSWER);
    const request = engine().requests[0];
    expect(request.response_format).toEqual({ type: 'json_object', schema: ANSWER_JSON_SCHEMA });
    expect(request.temperature).toBe(0);
    const user = String(request.messages[request.messages.length - 1].content);
    expect(user).toContain('2026-11-26T09:00 (Thursday)');
    expect(user).toContain('ring the dentist the day after tomorrow');
    expect(engine().resets).toBe(1);
  });

  it('queues calls so the engine never sees two at once', async () => {
    const { bridge, engine } = harness({
      script: (e) =>
        e.reply(
          { content: '{"n":1}', delayMs: 40 },
          { content: '{"n":2}' },
          { content: '{"n":3}' },
        ),
    });
    await bridge.load(MODEL);
    const order: number[] = [];
    const calls = [1, 2, 3].map((n) =>
      bridge.parse(`task ${n}`, '2026-11-26T09:00', '{}').then((raw) => {
        order.push(n);
        return raw;
      }),
    );
    expect(await Promise.all(calls)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(order).toEqual([1, 2, 3]);
    expect(engine().maxInFlight).toBe(1);
    expect(engine().requests.map((r) => String(r.messages[1].content))).toEqual([
      expect.stringContaining('task 1'),
      expect.stringContaining('task 2'),
      expect.stringContaining('task 3'),
    ]);
  });

  it('rejects an already-aborted call without reaching the engine', async () => {
    const { bridge, engine } = harness({ script: (e) => e.reply({ content: ANSWER }) });
    await bridge.load(MODEL);
    const controller = new AbortController();
    controller.abort();
    await expect(
      bridge.parse('x', '2026-11-26T09:00', '{}', { signal: controller.signal }),
    ).rejects.toMatchObject({
      code: 'aborted',
    });
    expect(engine().requests).toHaveLength(0);
  });

  it('aborting a running parse interrupts the generation and frees the queue', async () => {
    const { bridge, engine } = harness({
      script: (e) => e.reply({ hang: true }, { content: ANSWER }),
    });
    await bridge.load(MODEL);
    const controller = new AbortController();
    const first = bridge.parse('a', '2026-11-26T09:00', '{}', { signal: controller.signal });
    const second = bridge.parse('b', '2026-11-26T09:00', '{}');
    await sleep(20);
    controller.abort();
    await expect(first).rejects.toBeInstanceOf(AiError);
    await expect(first).rejects.toMatchObject({ code: 'aborted' });
    expect(await second).toBe(ANSWER);
    expect(engine().interrupts).toBe(1);
    expect(engine().maxInFlight).toBe(1);
  });

  it('times out a parse that does not answer, and the next call still works', async () => {
    const { bridge, engine } = harness({
      timeoutMs: 50,
      script: (e) => e.reply({ hang: true }, { content: ANSWER }),
    });
    await bridge.load(MODEL);
    await expect(bridge.parse('a', '2026-11-26T09:00', '{}')).rejects.toMatchObject({
      code: 'timeout',
    });
    await vi.waitFor(() => expect(engine().interrupts).toBe(1));
    expect(await bridge.parse('b', '2026-11-26T09:00', '{}', { timeoutMs: 5000 })).toBe(ANSWER);
  });

  it('ignores a late answer: the caller already has its timeout, the next caller its own answer', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { bridge, engine } = harness({
      timeoutMs: 30,
      script: (e) => e.reply({ content: '{"late":true}', gate }, { content: ANSWER }),
    });
    await bridge.load(MODEL);
    await expect(bridge.parse('slow', '2026-11-26T09:00', '{}')).rejects.toMatchObject({
      code: 'timeout',
    });
    const next = bridge.parse('next', '2026-11-26T09:00', '{}', { timeoutMs: 5000 });
    release(); // the late answer arrives now, while "next" waits its turn
    expect(await next).toBe(ANSWER);
    expect(engine().maxInFlight).toBe(1);
  });

  it('stops a worker that ignores the interrupt, and serves the next call from a fresh one', async () => {
    let made = 0;
    const { bridge, engines, terminated } = harness({
      timeoutMs: 30,
      graceMs: 20,
      script: (e) => (made++ === 0 ? e.reply({ stuck: true }) : e.reply({ content: ANSWER })),
    });
    await bridge.load(MODEL);
    await expect(bridge.parse('a', 'x', '{}')).rejects.toMatchObject({ code: 'timeout' });
    expect(await bridge.parse('b', 'x', '{}', { timeoutMs: 5000 })).toBe(ANSWER);
    expect(terminated()).toBe(1);
    expect(engines).toHaveLength(2);
    expect(engines[1].reloads).toEqual([MODEL]);
  });

  it('terminates the worker when idle and reloads the model on the next parse', async () => {
    const { bridge, engines, terminated } = harness({
      idleMs: 30,
      script: (e) => e.reply({ content: ANSWER }),
    });
    await bridge.load(MODEL);
    await bridge.parse('a', '2026-11-26T09:00', '{}');
    await sleep(90);
    expect(bridge.isRunning()).toBe(false);
    expect(terminated()).toBe(1);

    expect(await bridge.parse('b', '2026-11-26T09:00', '{}')).toBe(ANSWER);
    expect(engines).toHaveLength(2);
    expect(engines[1].reloads).toEqual([MODEL]);
    expect(bridge.modelId()).toBe(MODEL);
  });

  it('does not shut down while calls are queued', async () => {
    const { bridge, terminated } = harness({
      idleMs: 20,
      script: (e) => e.reply({ content: '1', delayMs: 60 }, { content: '2', delayMs: 60 }),
    });
    await bridge.load(MODEL);
    const both = Promise.all([bridge.parse('a', 'x', '{}'), bridge.parse('b', 'x', '{}')]);
    expect(await both).toEqual(['1', '2']);
    expect(terminated()).toBe(0);
  });

  it('cancelling a download stops the worker; the next load starts a fresh one', async () => {
    const { bridge, engines, terminated } = harness({
      script: (e) => (e.holdReload = engines.length === 0),
    });
    const controller = new AbortController();
    const reports: InitProgressReport[] = [];
    const loading = bridge.load(MODEL, {
      signal: controller.signal,
      onProgress: (r) => reports.push(r),
    });
    await vi.waitFor(() => expect(reports.length).toBeGreaterThan(0));
    controller.abort();
    await expect(loading).rejects.toMatchObject({ code: 'aborted' });
    expect(terminated()).toBe(1);
    expect(bridge.isRunning()).toBe(false);

    await bridge.load(MODEL);
    expect(engines).toHaveLength(2);
    expect(engines[1].reloads).toEqual([MODEL]);
  });

  it('turns engine failures into worker_error and keeps serving', async () => {
    const { bridge } = harness({
      script: (e) => e.reply({ error: 'Device was lost' }, { content: ANSWER }),
    });
    await bridge.load(MODEL);
    await expect(bridge.parse('a', 'x', '{}')).rejects.toMatchObject({ code: 'worker_error' });
    expect(await bridge.parse('b', 'x', '{}')).toBe(ANSWER);
  });

  it('a parse before any load fails instead of hanging', async () => {
    const { bridge } = harness();
    await expect(bridge.parse('a', 'x', '{}')).rejects.toMatchObject({ code: 'worker_error' });
  });

  it('asks and deletes the model cache through the worker, and unload stops the worker', async () => {
    const { bridge, engine, terminated } = harness();
    expect(await bridge.hasModel(MODEL)).toBe(true);
    await bridge.load(MODEL);
    await bridge.deleteModel(MODEL);
    expect(await bridge.hasModel(MODEL)).toBe(false);
    expect(engine().unloads).toBe(1);
    expect(bridge.modelId()).toBeNull();

    await bridge.unload();
    expect(bridge.isRunning()).toBe(false);
    expect(terminated()).toBe(1);
    await bridge.unload();
    expect(terminated()).toBe(1);
  });
});
