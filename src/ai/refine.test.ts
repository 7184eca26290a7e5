// Refinement end to end below the UI: real Dexie (fake-indexeddb), the real tasks store, the real
// bridge over Comlink, and TestEngine -- the test double of WebLLM's engine -- answering.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '../core/hlc';
import type { QuickAddResult } from '../core/parse/types';
import { openTendDb } from '../db/database';
import type { TendDb } from '../db/database';
import { createTasksStore } from '../db/tasks-store';
import { createAiBridge } from './bridge';
import type { AiBridge } from './bridge';
import { createParseCache } from './cache';
import { channelWorker } from './fixtures/channel-worker';
import { computeFigures, getCounts } from './parse-stats';
import { TestEngine, testBackend } from './fixtures/test-engine';
import type { ScriptedReply } from './fixtures/test-engine';
import { mergeAnswer, refineAfterCapture } from './refine';
import type { ModelState, OnDeviceParser } from './refine';
import { getRefinement, settleRefinements, undoRefinement } from './refinements';

const MODEL = 'Llama-3.2-1B-Instruct-q4f16_1-MLC';
const NODE = 'AAAAAAAAAAAAAAAA';
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const NOW = new Date(2026, 10, 26, 9, 0);
const TEXT = "remind me to ring the dentist the day after tomorrow, it's urgent";
const DENTIST =
  '{"title":"Ring the dentist","due":"2026-11-28","priority":1,"project":null,"labels":[],"recurrence":null}';

/** What the rules parser makes of TEXT: no date found, the whole phrase as title. */
const RULES: QuickAddResult = {
  title: TEXT,
  due: null,
  priority: 4,
  project: null,
  section: null,
  labels: [],
  recurrence: null,
  reminders: [],
  chips: [],
};

let db: TendDb;
let bridge: AiBridge | undefined;

afterEach(() => {
  bridge?.terminate();
  bridge = undefined;
  db?.close();
});

function setup(
  replies: ScriptedReply[],
  { timeoutMs = 1000, state }: { timeoutMs?: number; state?: ModelState } = {},
) {
  db = openTendDb(`refine-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  let time = T0;
  let seq = 0;
  const now = () => time;
  const clock = createClock({ now, nodeId: NODE });
  const store = createTasksStore({
    db,
    clock,
    now,
    newId: () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  });
  const engine = new TestEngine().reply(...replies);
  bridge = createAiBridge({
    createWorker: () => channelWorker(testBackend(engine, [MODEL])),
    timeoutMs,
  });
  const b = bridge;
  const ai: OnDeviceParser = {
    prepare: async () => {
      if (state) return state;
      await b.load(MODEL);
      return { status: 'ready', modelId: MODEL };
    },
    parse: (...args) => b.parse(...args),
  };
  let tick = 0;
  const capture = async (text = TEXT, rules: QuickAddResult = RULES) => {
    const { chips: _chips, reminders: _reminders, ...fields } = rules;
    const task = await store.addTask(fields);
    return {
      task,
      refine: () =>
        refineAfterCapture({
          taskId: task.id,
          text,
          rules,
          now: NOW,
          store,
          db,
          ai,
          cache: createParseCache(db, { now }),
          elapsed: () => (tick += 120),
          wallNow: now,
        }),
    };
  };
  return { store, engine, capture, advance: (ms: number) => (time += ms) };
}

describe('refineAfterCapture', () => {
  it('applies a valid answer as one ordinary, undoable edit marked refined on device', async () => {
    const { store, capture } = setup([{ content: DENTIST }]);
    const { task, refine } = await capture();
    expect(task.title).toBe(TEXT); // saved at once with the rules result

    const result = await refine();
    expect(result.outcome).toBe('refined');
    const refined = await store.getTask(task.id);
    expect(refined).toMatchObject({ title: 'Ring the dentist', due: '2026-11-28', priority: 1 });

    const outbox = await db.outbox.where('taskId').equals(task.id).toArray();
    expect(outbox).toHaveLength(2);
    expect(Object.keys(outbox[1].changes).sort()).toEqual(['due', 'priority', 'title']);

    const record = await getRefinement(db, task.id);
    expect(record).toMatchObject({ model: MODEL, before: { title: TEXT, due: null, priority: 4 } });

    expect(await undoRefinement(db, store, task.id)).toBe(true);
    expect(await store.getTask(task.id)).toMatchObject({ title: TEXT, due: null, priority: 4 });
    expect(await getRefinement(db, task.id)).toBeNull();
    expect((await getCounts(db)).corrected).toBe(1);
  });

  it('is skipped when the user edited the task before the answer arrived', async () => {
    let answer = () => {};
    const gate = new Promise<void>((resolve) => (answer = resolve));
    const { store, engine, capture } = setup([{ content: DENTIST, gate }]);
    const { task, refine } = await capture();
    const pending = refine();
    await vi.waitFor(() => expect(engine.requests).toHaveLength(1)); // the model is thinking
    await store.updateTask(task.id, { title: 'Ring Dr Jones' });
    answer();

    expect((await pending).outcome).toBe('skipped');
    expect(await store.getTask(task.id)).toMatchObject({ title: 'Ring Dr Jones', due: null });
    expect(await getRefinement(db, task.id)).toBeNull();
    expect((await getCounts(db)).skipped).toBe(1);
  });

  it('keeps the rules result when the answer is invalid JSON', async () => {
    const { store, capture } = setup([{ content: '{"title":"Ring the dentist","due":' }]);
    const { task, refine } = await capture();
    expect((await refine()).outcome).toBe('invalid');
    expect(await store.getTask(task.id)).toMatchObject({ title: TEXT, due: null });
    expect(computeFigures(await getCounts(db))).toMatchObject({
      fallback_rate: 1,
      timeout_rate: 0,
    });
  });

  it('keeps the rules result when the answer hallucinates a field', async () => {
    const { store, capture } = setup([
      { content: DENTIST.replace('}', ',"notes":"bring the x-rays"}') },
    ]);
    const { task, refine } = await capture();
    expect((await refine()).outcome).toBe('invalid');
    expect((await store.getTask(task.id))?.notes).toBe('');
  });

  it('keeps the rules result when the model is too slow, and counts the timeout', async () => {
    const { store, capture } = setup([{ hang: true }], { timeoutMs: 40 });
    const { task, refine } = await capture();
    expect((await refine()).outcome).toBe('timeout');
    expect(await store.getTask(task.id)).toMatchObject({ title: TEXT });
    expect(computeFigures(await getCounts(db))).toMatchObject({
      timeout_rate: 1,
      fallback_rate: 1,
    });
  });

  it('keeps the rules result when the engine fails', async () => {
    const { capture } = setup([{ error: 'Device was lost' }]);
    const { refine } = await capture();
    expect((await refine()).outcome).toBe('error');
  });

  it('counts an unavailable device as a fallback and does nothing when AI is off', async () => {
    const off = setup([], { state: { status: 'off' } });
    expect((await (await off.capture()).refine()).outcome).toBe('off');
    expect((await getCounts(db)).attempts).toBe(0);
    db.close();

    const none = setup([], { state: { status: 'unavailable', reason: 'no-webgpu' } });
    expect((await (await none.capture()).refine()).outcome).toBe('unavailable');
    expect(computeFigures(await getCounts(db))).toMatchObject({
      fallback_rate: 1,
      cache_hit_rate: 0,
    });
  });

  it('answers the same phrase on the same day from the cache without asking the model', async () => {
    const { engine, capture } = setup([{ content: DENTIST }]);
    await (await capture()).refine();
    const second = await capture();
    const result = await second.refine();
    expect(result.outcome).toBe('cache_hit');
    expect(result.changes).toMatchObject({ title: 'Ring the dentist' });
    expect(engine.requests).toHaveLength(1);
    expect(computeFigures(await getCounts(db))).toMatchObject({
      cache_hit_rate: 0.5,
      inference_time: { samples: 1, p50: 120 },
    });
  });

  it('records agreement when the model adds nothing to the rules', async () => {
    const rules: QuickAddResult = {
      ...RULES,
      title: 'Ring the dentist',
      due: '2026-11-28',
      priority: 1,
    };
    const { capture } = setup([{ content: DENTIST }]);
    const { refine } = await capture('ring the dentist on saturday p1', rules);
    expect((await refine()).outcome).toBe('agreed');
  });

  it('skips a task that no longer exists', async () => {
    const { capture } = setup([]);
    const { task, refine } = await capture();
    await db.tasks.delete(task.id);
    expect((await refine()).outcome).toBe('skipped');
  });
});

describe('parse accuracy', () => {
  it('settles after ten minutes: kept when untouched, corrected when a refined field was edited', async () => {
    const { store, capture, advance } = setup([
      { content: DENTIST },
      {
        content:
          '{"title":"Buy milk","due":"2026-11-27","priority":4,"project":null,"labels":[],"recurrence":null}',
      },
    ]);
    const kept = await capture();
    await kept.refine();
    const corrected = await capture('buy milk tmrw', { ...RULES, title: 'buy milk tmrw' });
    await corrected.refine();
    advance(60_000);
    await store.updateTask(corrected.task.id, { due: '2026-11-28' });

    expect(await settleRefinements(db, T0 + 5 * 60_000)).toBe(0);
    expect(await settleRefinements(db, T0 + 11 * 60_000)).toBe(2);
    expect(await settleRefinements(db, T0 + 12 * 60_000)).toBe(0);
    expect(computeFigures(await getCounts(db))).toMatchObject({ parse_accuracy: 0.5 });
    expect(await getRefinement(db, kept.task.id)).toMatchObject({ settled: true });

    expect(await settleRefinements(db, T0 + 31 * 24 * 3600_000)).toBe(0);
    expect(await getRefinement(db, kept.task.id)).toBeNull();
  });

  it('an edit after the window does not count as a correction', async () => {
    const { store, capture, advance } = setup([{ content: DENTIST }]);
    const { task, refine } = await capture();
    await refine();
    advance(20 * 60_000);
    await store.updateTask(task.id, { title: 'Ring the dentist about the crown' });
    await settleRefinements(db, T0 + 21 * 60_000);
    expect(computeFigures(await getCounts(db))).toMatchObject({ parse_accuracy: 1 });
  });

  it('undo restores only the fields the user has not changed since', async () => {
    const { store, capture } = setup([{ content: DENTIST }]);
    const { task, refine } = await capture();
    await refine();
    await store.updateTask(task.id, { due: '2026-11-30' });
    await undoRefinement(db, store, task.id);
    expect(await store.getTask(task.id)).toMatchObject({
      title: TEXT,
      due: '2026-11-30',
      priority: 4,
    });
    expect(await undoRefinement(db, store, task.id)).toBe(false);
  });
});

describe('mergeAnswer', () => {
  const answer = {
    title: 'Pay rent',
    due: '2026-12-01',
    priority: 2 as const,
    project: 'Flat',
    labels: ['bills'],
    recurrence: 'FREQ=MONTHLY',
  };

  it('lets explicit syntax win: #project, @labels and p1 stay as the rules found them', () => {
    const rules = {
      ...RULES,
      title: 'pay rent',
      project: 'Home',
      labels: ['money'],
      priority: 1 as const,
    };
    expect(mergeAnswer(rules, answer)).toEqual({
      title: 'Pay rent',
      due: '2026-12-01',
      recurrence: 'FREQ=MONTHLY',
      labels: ['money', 'bills'],
    });
  });

  it('takes the model values where the rules found nothing', () => {
    expect(mergeAnswer({ ...RULES, title: 'pay rent' }, answer)).toMatchObject({
      project: 'Flat',
      priority: 2,
      labels: ['bills'],
    });
  });
});
