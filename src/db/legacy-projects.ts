// Legacy project and label names (written by clients from before those records, or found in an older
// export) get their record the moment they arrive: the same record on every device
// (src/core/name-id.ts), stored and queued for sync like any write.
import type { Table } from 'dexie';
import { legacyLabelMutations, labelsByName } from '../core/label-id';
import { applyMutation } from '../core/merge';
import type { KindTypes, LabelMutation, ProjectMutation, TaskRecord } from '../core/merge';
import { legacyProjectMutations } from '../core/project';
import type { OutboxEntry, TendDb } from './database';

/** Project records for the legacy names among `tasks` that have none yet, written and queued. */
export function recordLegacyProjects(
  db: TendDb,
  tasks: TaskRecord[],
  createdAt: string,
): Promise<void> {
  const candidates = tasks.filter((t) => t.project && !t.projectId);
  return recordLegacy(db, db.projects, candidates, legacyProjectMutations, createdAt);
}

/** Label records for the names among `tasks` that refer to labels by name and have none yet. */
export function recordLegacyLabels(
  db: TendDb,
  tasks: TaskRecord[],
  createdAt: string,
): Promise<void> {
  const candidates = tasks.filter((t) => t.labels?.length && labelsByName(t));
  return recordLegacy(db, db.labels, candidates, legacyLabelMutations, createdAt);
}

async function recordLegacy<M extends ProjectMutation | LabelMutation>(
  db: TendDb,
  table: Table<KindTypes[M['kind']]['record'], string>,
  candidates: TaskRecord[],
  mutationsFor: (tasks: TaskRecord[], known: (id: string) => boolean) => M[],
  createdAt: string,
): Promise<void> {
  if (candidates.length === 0) return;
  const known = new Set(await table.toCollection().primaryKeys());
  const writes = mutationsFor(candidates, (id) => known.has(id));
  if (writes.length === 0) return;
  await table.bulkPut(writes.map((m) => applyMutation(undefined, m).record));
  await db.outbox.bulkAdd(writes.map((m): OutboxEntry => ({ ...m, createdAt, attempts: 0 })));
}
