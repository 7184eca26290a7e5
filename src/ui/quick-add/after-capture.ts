// Hook point for H7's on-device AI: after a task is captured with the rules result, the AI module (when
// it exists in the build) may refine it in the background. Nothing here waits for it or loads it eagerly.
import type { QuickAddResult } from '../../core/parse/quick-add';
import type { Task } from '../../core/task';
import type { TasksStore } from '../../db/tasks-store';
import type { TendDb } from '../../db/database';
import { getAiSettings } from '../../ai/settings';

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

type RefineModule = { refineAfterCapture?: (event: CaptureEvent) => unknown };

// A lazy chunk when src/ai/refine.ts exists, an empty map when it does not (so the build never breaks).
const refineModules = import.meta.glob<RefineModule>('../../ai/refine.ts');

/** Until the user opts in (the default), the AI chunk is never fetched: offline capture stays quiet. */
const aiEnabled = async (event: CaptureEvent) => (await getAiSettings(event.db)).enabled;

export async function afterCapture(
  event: CaptureEvent,
  modules: Record<string, () => Promise<RefineModule>> = refineModules,
  enabled: (event: CaptureEvent) => Promise<boolean> = aiEnabled,
): Promise<void> {
  const load = Object.values(modules)[0];
  if (!load) return;
  try {
    if (!(await enabled(event))) return;
    const module = await load();
    await module.refineAfterCapture?.(event);
  } catch (error) {
    // Refinement is best effort: the rules result is already saved, so a failure changes nothing.
    console.warn('On-device refinement failed', error);
  }
}
