// Which overwrites the conflict journal keeps, and which local edits a deletion from another device
// swallowed. Deletion still wins (a task never comes back by itself); these lists only let the user
// see and restore what they lost.
import { parseHlc } from '../hlc';
import type { Overwrite, TaskRecord } from '../merge';
import { SYNCED_FIELDS } from '../task-shape';

function nodeOf(hlc: string): string {
  return hlc.slice(-16);
}

/**
 * A conflict worth showing replaced a value this device wrote. One device's value replaced by another
 * device's (seen here only because this device relays both) is an ordinary edit, not a conflict.
 */
export function ownOverwrites(overwritten: Overwrite[], nodeId: string): Overwrite[] {
  return overwritten.filter((o) => nodeOf(o.oldHlc) === nodeId);
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
  const sinceMs = since === null ? -Infinity : Date.parse(since);
  const lost: Overwrite[] = [];
  for (const field of SYNCED_FIELDS) {
    if (field === 'deletedAt' || field === 'order') continue;
    const hlc = before.clock[field];
    if (!hlc || nodeOf(hlc) !== nodeId || parseHlc(hlc).millis <= sinceMs) continue;
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
