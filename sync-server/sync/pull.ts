// Changes since a cursor, for one user. The cursor is the user's change sequence: every version below the
// newest visible one has committed (pushes hold the user's sync_state lock), so paging never skips a row.
import type { TaskRecord } from '../../src/core/merge';
import type { Queryable } from '../db/types';
import { HttpError } from '../errors';
import { TASK_COLUMNS, rowToRecord } from './records';
import type { TaskRow } from './records';

export interface PullResult {
  tasks: TaskRecord[];
  cursor: string;
  hasMore: boolean;
}

export function parseCursor(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,15}$/.test(raw))
    throw new HttpError(400, 'invalid_cursor', 'cursor must be a cursor from a previous pull');
  return Number(raw);
}

export async function pullChanges(
  tx: Queryable,
  cursor: number,
  limit: number,
): Promise<PullResult> {
  const state = await tx.query<{ seq: string | number; pruned_seq: string | number }>(
    'select seq, pruned_seq from public.sync_state where owner = auth.uid()',
  );
  const seq = Number(state[0]?.seq ?? 0);
  const pruned = Number(state[0]?.pruned_seq ?? 0);
  // Older than what left the table (archived deletions), or from another database (restore, reset):
  // the client must start over with a full pull, keeping its unsent changes.
  if (cursor > 0 && (cursor < pruned || cursor > seq)) {
    throw new HttpError(410, 'cursor_expired', 'Sync cursor expired: pull again without a cursor', {
      cursor: String(cursor),
    });
  }
  const rows = await tx.query<TaskRow>(
    `select ${TASK_COLUMNS} from public.tasks
      where owner = auth.uid() and version > $1
      order by version limit $2`,
    [cursor, limit + 1],
  );
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.length > 0 ? Number(page[page.length - 1].version) : cursor;
  return { tasks: page.map(rowToRecord), cursor: String(last), hasMore };
}
