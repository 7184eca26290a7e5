// Background refinement of a captured task. The task is already saved with the rules result; here
// the on-device model gets a go, and its answer lands as an ordinary, undoable store edit marked
// "refined on device" -- unless the user touched the task first, in which case they win.
import { sameValue } from '../core/merge';
import type { QuickAddResult } from '../core/parse/types';
import type { TaskChanges } from '../core/task';
import type { TendDb } from '../db/database';
import type { TasksStore } from '../db/tasks-store';
import { AiError } from './bridge';
import { cacheKey, createParseCache } from './cache';
import type { ParseCache } from './cache';
import { recordParse } from './parse-stats';
import type { ParseOutcome } from './parse-stats';
import { localMinute } from '../core/calendar';
import { saveRefinement } from './refinements';
import { getPageRuntime } from './runtime';
import { AI_FIELDS, ANSWER_JSON_SCHEMA, validateAnswer } from './schema';
import type { AiAnswer, AiField } from './schema';

/** Dispatched on the page (window) after a refinement was applied: `detail` is { taskId, changes }. */
export const REFINED_EVENT = 'tend:ai-refined';

function announceRefined(taskId: string, changes: TaskChanges): void {
  const target = globalThis as Partial<Pick<Window, 'dispatchEvent'>>;
  target.dispatchEvent?.(new CustomEvent(REFINED_EVENT, { detail: { taskId, changes } }));
}

export type ModelState =
  | { status: 'off' }
  | { status: 'unavailable'; reason: string }
  | { status: 'ready'; modelId: string };

/** What refinement needs from the AI runtime: is a model ready, and ask it. */
export interface OnDeviceParser {
  /** Resolves once a model is loaded (or never will be); `off` when the user has not opted in. */
  prepare(signal?: AbortSignal): Promise<ModelState>;
  parse(
    text: string,
    referenceNow: string,
    schema: string,
    options?: { signal?: AbortSignal },
  ): Promise<string>;
}

export type RulesResult = Omit<QuickAddResult, 'chips' | 'reminders' | 'section'> &
  Partial<Pick<QuickAddResult, 'chips' | 'reminders' | 'section'>>;

export interface RefineInput {
  taskId: string;
  text: string;
  rules: RulesResult;
  /** When the user pressed Enter: the reference for "tomorrow". */
  now: Date;
  store: Pick<TasksStore, 'updateTask'>;
  db: TendDb;
  /** Defaults to the page's runtime (the real worker), which also settles and sends figures after. */
  ai?: OnDeviceParser;
  /** Defaults to the IndexedDB parse cache. */
  cache?: ParseCache;
  /** Monotonic ms for inference timing (performance.now). */
  elapsed?: () => number;
  /** Wall clock ms, for the refinement record. */
  wallNow?: () => number;
  signal?: AbortSignal;
  /** Told after a refinement landed; defaults to a REFINED_EVENT on the page, for a toast with Undo. */
  onRefined?: (taskId: string, changes: TaskChanges) => void;
}

export interface RefineResult {
  outcome: ParseOutcome | 'off';
  changes?: TaskChanges;
}

/**
 * Explicit syntax is unambiguous, so the rules keep what they found there (#project, @labels,
 * p1); wording (title, dates said in words, repetition) is where the model can do better.
 */
export function mergeAnswer(rules: RulesResult, answer: AiAnswer): TaskChanges {
  const merged: Record<AiField, unknown> = {
    title: answer.title,
    due: answer.due,
    recurrence: answer.recurrence,
    priority: rules.priority !== 4 ? rules.priority : answer.priority,
    project: rules.project ?? answer.project,
    labels: [...new Set([...rules.labels, ...answer.labels])],
  };
  const changes: Record<string, unknown> = {};
  for (const field of AI_FIELDS) {
    if (!sameValue(merged[field], rules[field])) changes[field] = merged[field];
  }
  return changes as TaskChanges;
}

/**
 * The refiner src/ai/after-capture.ts calls (as a lazy chunk) once the task is saved.
 * Never throws for model trouble: every failure ends as the rules result plus a counted fallback.
 */
export async function refineAfterCapture(input: RefineInput): Promise<RefineResult> {
  if (input.ai) return refineTask(input, input.ai, input.cache);
  const runtime = getPageRuntime(input.db);
  const result = await refineTask(input, runtime, input.cache ?? createParseCache(input.db));
  await runtime.settleAndSendStats();
  return result;
}

async function refineTask(
  input: RefineInput,
  ai: OnDeviceParser,
  cache: ParseCache | undefined,
): Promise<RefineResult> {
  const { taskId, text, rules, now, db, signal } = input;
  const elapsed = input.elapsed ?? (() => performance.now());
  const captured = await db.tasks.get(taskId);
  if (!captured) return { outcome: 'skipped' };
  const capturedClock = captured.clock;

  const state = await ai.prepare(signal);
  if (state.status === 'off') return { outcome: 'off' };
  if (state.status === 'unavailable') return finish(db, { outcome: 'unavailable' });
  const model = state.modelId;

  const referenceNow = localMinute(now);
  const key = cacheKey(model, referenceNow, text);
  let answer = cache ? await cache.get(key) : null;
  let outcome: ParseOutcome = 'cache_hit';
  let inferenceMs: number | undefined;
  if (!answer) {
    const started = elapsed();
    let raw: string;
    try {
      raw = await ai.parse(text, referenceNow, ANSWER_JSON_SCHEMA, { signal });
    } catch (error) {
      const timedOut = error instanceof AiError && error.code === 'timeout';
      return finish(db, {
        outcome: timedOut ? 'timeout' : 'error',
        inferenceMs: elapsed() - started,
        model,
      });
    }
    inferenceMs = elapsed() - started;
    const checked = validateAnswer(raw, text, referenceNow);
    if (!checked.ok) return finish(db, { outcome: 'invalid', inferenceMs, model });
    answer = checked.answer;
    outcome = 'refined';
    await cache?.put(key, answer);
  }

  const changes = mergeAnswer(rules, answer);
  if (Object.keys(changes).length === 0) {
    return finish(db, {
      outcome: outcome === 'cache_hit' ? 'cache_hit' : 'agreed',
      inferenceMs,
      model,
    });
  }

  // Projects and labels too: the store's write may name them (the model proposes `#Work`, `@home`).
  const applied = await db.transaction(
    'rw',
    [db.tasks, db.projects, db.labels, db.outbox, db.meta],
    async () => {
      const current = await db.tasks.get(taskId);
      // Any write since capture (an edit here, a completion, a synced change) moved a field clock.
      if (!current || !sameValue(current.clock, capturedClock)) return false;
      const before: Record<string, unknown> = {};
      for (const field of Object.keys(changes)) before[field] = current[field as AiField];
      await input.store.updateTask(taskId, changes);
      await saveRefinement(db, {
        taskId,
        model,
        at: (input.wallNow ?? Date.now)(),
        inferenceMs: inferenceMs ?? 0,
        before: before as TaskChanges,
        after: changes,
        settled: false,
      });
      return true;
    },
  );
  if (!applied) return finish(db, { outcome: 'skipped' });
  (input.onRefined ?? announceRefined)(taskId, changes);
  // A cache hit that changed the task still counts as a cache hit for the figures.
  return finish(db, { outcome, inferenceMs, model }, changes);
}

async function finish(
  db: TendDb,
  event: { outcome: ParseOutcome; inferenceMs?: number; model?: string },
  changes?: TaskChanges,
): Promise<RefineResult> {
  await recordParse(db, event);
  return changes ? { outcome: event.outcome, changes } : { outcome: event.outcome };
}
