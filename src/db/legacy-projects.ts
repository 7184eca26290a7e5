// Legacy project names (written by clients from before project records, or found in an older export)
// get their project record the moment they arrive: the same record on every device (src/core/project-id.ts),
// stored and queued for sync like any write.
import { applyMutation } from '../core/merge';
import type { TaskRecord } from '../core/merge';
import { legacyProjectMutations } from '../core/project';
import type { OutboxEntry, TendDb } from './database';

/** Project records for the legacy names among `tasks` that have none yet, written and queued. */
export async function recordLegacyProjects(
  db: TendDb,
  tasks: TaskRecord[],
  createdAt: string,
): Promise<void> {
  const candidates = tasks.filter((t) => t.project && !t.projectId);
  if (candidates.length === 0) return;
  const known = new Set(await db.projects.toCollection().primaryKeys());
  const writes = legacyProjectMutations(candidates, (id) => known.has(id));
  if (writes.length === 0) return;
  await db.projects.bulkPut(writes.map((m) => applyMutation(undefined, m).record));
  await db.outbox.bulkAdd(writes.map((m): OutboxEntry => ({ ...m, createdAt, attempts: 0 })));
}
