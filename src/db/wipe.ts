// Removes every task and what hangs off them (projects, sections, labels, comments, unsent changes, conflict history, AI cache, sync
// position) from this device, for "delete my account and the copy on this device". Settings and the device
// clock stay.
import type { TendDb } from './database';
import { META_KEYS } from './database';

export async function wipeLocalTasks(db: TendDb): Promise<void> {
  const tables = [
    db.tasks,
    db.projects,
    db.sections,
    db.labels,
    db.comments,
    db.outbox,
    db.conflicts,
    db.aiCache,
    db.meta,
  ];
  await db.transaction('rw', tables, async () => {
    await Promise.all([
      db.tasks.clear(),
      db.projects.clear(),
      db.sections.clear(),
      db.labels.clear(),
      db.comments.clear(),
      db.outbox.clear(),
      db.conflicts.clear(),
      db.aiCache.clear(),
    ]);
    await db.meta.bulkDelete([META_KEYS.syncCursor, META_KEYS.syncUserId]);
  });
}
