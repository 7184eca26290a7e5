// The record of each on-device refinement (meta `ai:refined:<taskId>`): what the rules had and what
// the model changed. The UI shows a "Refined on device" badge from it, Undo puts the rules values
// back, and after ten minutes it tells parse_accuracy whether the user corrected the model.
import { parseHlc } from '../core/hlc';
import { sameValue } from '../core/merge';
import type { SyncedField, TaskChanges } from '../core/task';
import type { TendDb } from '../db/database';
import type { TasksStore } from '../db/tasks-store';
import { recordSettled } from './parse-stats';

interface Refinement {
  taskId: string;
  model: string;
  /** Wall-clock ms when the refinement was applied. */
  at: number;
  inferenceMs: number;
  /** The rules values of the fields the model changed. */
  before: TaskChanges;
  after: TaskChanges;
  /** Field clocks written by the refinement, to tell a later user edit from it. */
  hlcs?: Partial<Record<SyncedField, string>>;
  settled: boolean;
}

const REFINED_PREFIX = 'ai:refined:';
const CORRECTION_WINDOW_MS = 10 * 60_000;
/** Badges and records older than this are dropped. */
const KEEP_MS = 30 * 24 * 3600_000;

const keyOf = (taskId: string) => `${REFINED_PREFIX}${taskId}`;

/** Call inside the transaction that applied the edit, so the clocks read are the refinement's. */
export async function saveRefinement(db: TendDb, refinement: Refinement): Promise<void> {
  const task = await db.tasks.get(refinement.taskId);
  const hlcs: Refinement['hlcs'] = {};
  for (const field of Object.keys(refinement.after) as SyncedField[]) {
    const hlc = task?.clock[field];
    if (hlc) hlcs[field] = hlc;
  }
  await db.meta.put({ key: keyOf(refinement.taskId), value: { ...refinement, hlcs } });
}

export async function getRefinement(db: TendDb, taskId: string): Promise<Refinement | null> {
  const entry = await db.meta.get(keyOf(taskId));
  return (entry?.value as Refinement | undefined) ?? null;
}

/**
 * Restores the rules values of the refined fields the user has not changed since, as an ordinary
 * store edit. Undo is a correction: the model got it wrong in the user's eyes.
 */
export async function undoRefinement(
  db: TendDb,
  store: Pick<TasksStore, 'updateTask'>,
  taskId: string,
): Promise<boolean> {
  const refinement = await getRefinement(db, taskId);
  if (!refinement) return false;
  const task = await db.tasks.get(taskId);
  const revert: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(refinement.after)) {
    if (task && sameValue(task[field as SyncedField], value)) {
      revert[field] = refinement.before[field as keyof TaskChanges];
    }
  }
  if (task && Object.keys(revert).length) await store.updateTask(taskId, revert as TaskChanges);
  await db.meta.delete(keyOf(taskId));
  if (!refinement.settled) {
    await recordSettled(db, {
      accepted: false,
      inferenceMs: refinement.inferenceMs,
      model: refinement.model,
    });
  }
  return true;
}

/** True when a refined field was written again within the correction window. */
function wasCorrected(
  refinement: Refinement,
  clock: Partial<Record<SyncedField, string>>,
): boolean {
  const deadline = refinement.at + CORRECTION_WINDOW_MS;
  return Object.entries(refinement.hlcs ?? {}).some(([field, hlc]) => {
    const now = clock[field as SyncedField];
    return now !== undefined && now !== hlc && parseHlc(now).millis <= deadline;
  });
}

/** Settles refinements past the correction window and drops old ones; returns how many settled. */
export async function settleRefinements(db: TendDb, now: number): Promise<number> {
  const entries = await db.meta.where('key').startsWith(REFINED_PREFIX).toArray();
  let settled = 0;
  for (const entry of entries) {
    const refinement = entry.value as Refinement;
    if (now - refinement.at > KEEP_MS) {
      await db.meta.delete(entry.key);
      continue;
    }
    if (refinement.settled || now - refinement.at < CORRECTION_WINDOW_MS) continue;
    const task = await db.tasks.get(refinement.taskId);
    const accepted = task ? !wasCorrected(refinement, task.clock) : false;
    await db.meta.put({ key: entry.key, value: { ...refinement, settled: true } });
    await recordSettled(db, {
      accepted,
      inferenceMs: refinement.inferenceMs,
      model: refinement.model,
    });
    settled += 1;
  }
  return settled;
}
