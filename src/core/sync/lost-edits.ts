// Which overwrites the conflict journal keeps, and which local edits a deletion from another device
// swallowed. Deletion still wins (a task never comes back by itself); these lists only let the user
// see and restore what they lost.
import { parseHlc } from '../hlc';
import type { Overwrite, TaskRecord } from '../merge';
import { SYNCED_FIELDS } from '../task-shape';

function nodeOf(hlc: string): string {
  return hlc.slice(-16);
}

/** Written by this device after `since` (ISO; null: ever), so no other device had seen it then. */
function unseenOwnWrite(hlc: string, nodeId: string, since: string | null): boolean {
  return nodeOf(hlc) === nodeId && (since === null || parseHlc(hlc).millis > Date.parse(since));
}

/**
 * A conflict worth showing replaced a value this device wrote since its last complete sync (`since`),
 * which the other device therefore could not have seen: two concurrent edits of one field. A value
 * replaced after it had synced is an ordinary later edit, and one device's value replaced by another's
 * is not this device's conflict at all.
 */
export function ownOverwrites(
  overwritten: Overwrite[],
  nodeId: string,
  since: string | null,
): Overwrite[] {
  return overwritten.filter((o) => unseenOwnWrite(o.oldHlc, nodeId, since));
}

/**
 * The fields this device wrote since `since` (its last complete sync, ISO; null: ever) on a task that a
 * remote write has just deleted: edits no other device had seen when it deleted the task.
 */
export function editsLostToDeletion(
  before: TaskRecord | undefined,
  after: TaskRecord,
  nodeId: string,
  since: string | null,
): Overwrite[] {
  if (!before || before.deletedAt || !after.deletedAt) return [];
  const deletedHlc = after.clock.deletedAt;
  if (!deletedHlc || nodeOf(deletedHlc) === nodeId) return [];
  const lost: Overwrite[] = [];
  for (const field of SYNCED_FIELDS) {
    if (field === 'deletedAt' || field === 'order') continue;
    const hlc = before.clock[field];
    if (!hlc || !unseenOwnWrite(hlc, nodeId, since)) continue;
    lost.push({
      taskId: before.id,
      field,
      oldValue: before[field],
      newValue: after[field],
      oldHlc: hlc,
      newHlc: deletedHlc,
    });
  }
  return lost;
}
