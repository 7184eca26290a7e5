// Changes since a cursor, for one user. The cursor is the user's change sequence: every version below the
// newest visible one has committed (a write holds the user's sync_state row lock from taking its versions
// to its commit), so paging never skips a row.
// Tasks, projects, sections, labels and comments draw versions from the same sequence: a page is the next
// `limit` rows of all five.
import type { CommentRecord } from '../../src/core/comment';
import type { TaskRecord } from '../../src/core/merge';
import type { ProjectRecord } from '../../src/core/project';
import type { LabelRecord } from '../../src/core/label';
import type { SectionRecord } from '../../src/core/section';
import type { Queryable } from '../db/types';
import { HttpError } from '../errors';
import {
  COMMENT_COLUMNS,
  PROJECT_COLUMNS,
  LABEL_COLUMNS,
  SECTION_COLUMNS,
  TASK_COLUMNS,
  rowToComment,
  rowToProject,
  rowToRecord,
  rowToLabel,
  rowToSection,
} from './records';
import type { TaskRow } from './records';

export interface PullResult {
  tasks: TaskRecord[];
  projects: ProjectRecord[];
  sections: SectionRecord[];
  labels: LabelRecord[];
  comments: CommentRecord[];
  cursor: string;
  hasMore: boolean;
  /** Ids of the user's archived tasks: on the last page of a pull that asked for them. */
  archived?: string[];
}

/** One page of the caller's rows of a table after a cursor: $1 cursor, $2 page size. */
function pageSql(columns: string, table: string): string {
  return `select ${columns} from public.${table}
  where owner = auth.uid() and version > $1
  order by version limit $2`;
}

/** One page of the caller's tasks. */
export const PULL_PAGE_SQL = pageSql(TASK_COLUMNS, 'tasks');
const PULL_PROJECTS_SQL = pageSql(PROJECT_COLUMNS, 'projects');
const PULL_SECTIONS_SQL = pageSql(SECTION_COLUMNS, 'sections');
const PULL_LABELS_SQL = pageSql(LABEL_COLUMNS, 'labels');
const PULL_COMMENTS_SQL = pageSql(COMMENT_COLUMNS, 'comments');

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
  options: { includeArchived?: boolean } = {},
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
  const [taskRows, projectRows, sectionRows, labelRows, commentRows] = await Promise.all([
    tx.query<TaskRow>(PULL_PAGE_SQL, [cursor, limit + 1]),
    tx.query<TaskRow>(PULL_PROJECTS_SQL, [cursor, limit + 1]),
    tx.query<TaskRow>(PULL_SECTIONS_SQL, [cursor, limit + 1]),
    tx.query<TaskRow>(PULL_LABELS_SQL, [cursor, limit + 1]),
    tx.query<TaskRow>(PULL_COMMENTS_SQL, [cursor, limit + 1]),
  ]);
  const rows = [
    ...taskRows.map((row) => ({ row, kind: 'task' })),
    ...projectRows.map((row) => ({ row, kind: 'project' })),
    ...sectionRows.map((row) => ({ row, kind: 'section' })),
    ...labelRows.map((row) => ({ row, kind: 'label' })),
    ...commentRows.map((row) => ({ row, kind: 'comment' })),
  ].sort((a, b) => Number(a.row.version) - Number(b.row.version));
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page.length > 0 ? Number(page[page.length - 1].row.version) : cursor;
  const result: PullResult = {
    tasks: page.filter((r) => r.kind === 'task').map((r) => rowToRecord(r.row)),
    projects: page.filter((r) => r.kind === 'project').map((r) => rowToProject(r.row)),
    sections: page.filter((r) => r.kind === 'section').map((r) => rowToSection(r.row)),
    labels: page.filter((r) => r.kind === 'label').map((r) => rowToLabel(r.row)),
    comments: page.filter((r) => r.kind === 'comment').map((r) => rowToComment(r.row)),
    // The last page ends at the user's sequence, read before the rows: every version up to it has
    // committed. Ending at the last row's version instead would leave a cursor below pruned_seq when
    // the newest change was archived, and every later pull would answer 410 again.
    cursor: String(hasMore ? last : Math.max(last, seq)),
    hasMore,
  };
  // A device resyncing after 410 learns which of its tasks left for the archive, rather than losing them.
  if (options.includeArchived && !hasMore) {
    const archived = await tx.query<{ id: string }>(
      'select id from public.tasks_archive where owner = auth.uid() order by id',
    );
    result.archived = archived.map((r) => r.id);
  }
  return result;
}
