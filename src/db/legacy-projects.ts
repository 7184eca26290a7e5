// Legacy project and label names (written by clients from before those records, or found in an older
// export) get their record the moment they arrive: the same record on every device
// (src/core/name-id.ts), stored and queued for sync like any write.
import { legacyLabelMutations, labelsByName } from '../core/label-id';
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

/** Label records for the names among `tasks` that refer to labels by name and have none yet. */
export async function recordLegacyLabels(
  db: TendDb,
  tasks: TaskRecord[],
  createdAt: string,
): Promise<void> {
  const candidates = tasks.filter((t) => t.labels?.length && labelsByName(t));
  if (candidates.length === 0) return;
  const known = new Set(await db.labels.toCollection().primaryKeys());
  const writes = legacyLabelMutations(candidates, (id) => known.has(id));
  if (writes.length === 0) return;
  await db.labels.bulkPut(writes.map((m) => applyMutation(undefined, m).record));
  await db.outbox.bulkAdd(writes.map((m): OutboxEntry => ({ ...m, createdAt, attempts: 0 })));
}
