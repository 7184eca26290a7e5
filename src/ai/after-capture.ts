// What happens to a capture after the rules result is saved: when the user has opted in, the on-device
// model refines it in the background. Nothing here waits for the model or loads it eagerly.
import type { QuickAddResult } from '../core/parse/quick-add';
import type { Task } from '../core/task';
import type { TasksStore } from '../db/tasks-store';
import type { TendDb } from '../db/database';
import { getAiSettings } from './settings';

export interface CaptureEvent {
  /** The task as saved from the rules parse. */
  task: Task;
  taskId: string;
  /** What the user typed. */
  text: string;
  parsed: QuickAddResult;
  /** The same as `parsed` (the name src/ai/refine.ts uses). */
  rules: QuickAddResult;
  /** Local wall clock at capture. */
  now: Date;
  db: TendDb;
  store: TasksStore;
}

type Refiner = (event: CaptureEvent) => unknown;

// A separate chunk: the refiner pulls in the worker bridge, which the first paint never needs.
const loadRefiner = async (): Promise<Refiner> => (await import('./refine')).refineAfterCapture;

/** Until the user opts in (the default), the AI chunk is never fetched: offline capture stays quiet. */
const aiEnabled = async (event: CaptureEvent) => (await getAiSettings(event.db)).enabled;

export async function refineCaptureInBackground(
  event: CaptureEvent,
  load: () => Promise<Refiner> = loadRefiner,
  enabled: (event: CaptureEvent) => Promise<boolean> = aiEnabled,
): Promise<void> {
  try {
    if (!(await enabled(event))) return;
    const refine = await load();
    await refine(event);
  } catch (error) {
    // Refinement is best effort: the rules result is already saved, so a failure changes nothing.
    console.warn('On-device refinement failed', error);
  }
}
