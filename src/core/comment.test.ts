import { describe, expect, it } from 'vitest';
import {
  commentsOfTask,
  commentChangesSchema,
  commentSchema,
  createComment,
  toComment,
} from './comment';
import type { CommentRecord } from './comment';
import { formatHlc } from './hlc';
import { applyMutation, createRecordMutation, mergeRecords, recordToMutations } from './merge';
import type { CommentMutation } from './merge';

const TASK = '0193b5a0-0000-7000-8000-0000000000a1';
const OTHER_TASK = '0193b5a0-0000-7000-8000-0000000000a2';
const C = (n: number) => `0193b5a0-0000-7000-8000-0000000000d${n}`;
const ids = { id: C(1), now: '2026-11-26T09:00:00.000Z' };
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const A = 'AAAAAAAAAAAAAAAA';
const B = 'BBBBBBBBBBBBBBBB';
const h = (ms: number, node: string) => formatHlc({ millis: T0 + ms, counter: 0, node });

describe('comment schema', () => {
  it('posts a comment with its time set once and trims its text', () => {
    const c = createComment({ taskId: TASK, text: '  see https://example.com  ' }, ids);
    expect(c).toMatchObject({
      taskId: TASK,
      text: 'see https://example.com',
      postedAt: ids.now,
      deletedAt: null,
    });
    expect(commentSchema.safeParse(c).success).toBe(true);
  });

  it('checks the text as notes are checked, and refuses foreign or malformed fields', () => {
    for (const text of ['', '   ', 'a\u0000b', 'lone \ud800 surrogate', 'x'.repeat(20_001)])
      expect(commentChangesSchema.safeParse({ text }).success, JSON.stringify(text)).toBe(false);
    expect(commentChangesSchema.safeParse({ text: 'x'.repeat(20_000) }).success).toBe(true);
    expect(commentChangesSchema.safeParse({ text: 'emoji 🌱 pair' }).success).toBe(true);
    for (const bad of [
      { taskId: 'not-a-uuid' },
      { taskId: null },
      { postedAt: 'yesterday' },
      { postedAt: null },
      { deletedAt: '2026-02-30T00:00:00Z' },
      { title: 'a task field' },
      { name: 'a section field' },
    ])
      expect(commentChangesSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('shows a record only once its task, text and time have arrived', () => {
    const partial = applyMutation(undefined, {
      id: 'm1',
      taskId: C(1),
      hlc: h(5, A),
      changes: { text: 'edited' },
      kind: 'comment',
    }).record;
    expect(toComment(partial)).toBeNull();
    const whole = applyMutation(partial, {
      id: 'm2',
      taskId: C(1),
      hlc: h(0, B),
      changes: { taskId: TASK, text: 'first', postedAt: ids.now, deletedAt: null },
      kind: 'comment',
    }).record;
    expect(toComment(whole)).toMatchObject({ taskId: TASK, text: 'edited', postedAt: ids.now });
  });
});

describe('merge over comments', () => {
  const comment = createComment({ taskId: TASK, text: 'Call the plumber' }, ids);
  const post = createRecordMutation('comment', comment, h(0, A), 'c0');
  const edit: CommentMutation = {
    id: 'c1',
    taskId: C(1),
    hlc: h(10, A),
    changes: { text: 'Call the plumber at 9' },
    kind: 'comment',
  };
  const remove: CommentMutation = {
    id: 'c2',
    taskId: C(1),
    hlc: h(5, B),
    changes: { deletedAt: '2026-11-26T09:00:05.000Z', text: 'older text' },
    kind: 'comment',
  };
  const apply = (ms: CommentMutation[]) => {
    let r: CommentRecord | undefined;
    for (const m of ms) r = applyMutation(r, m).record;
    return r!;
  };

  it('merges an edit of the text as one field, with the same last-writer-wins, in any order', () => {
    const r = apply([post, edit, remove]);
    expect(r).toMatchObject({ text: 'Call the plumber at 9', taskId: TASK, postedAt: ids.now });
    expect(r.deletedAt).toBe('2026-11-26T09:00:05.000Z');
    expect(apply([remove, edit, post])).toEqual(r);
    expect(apply([edit, post, remove])).toEqual(r);
    expect(applyMutation(r, edit).applied).toEqual([]);
  });

  it('writes only comment fields, even when a stray field rides along', () => {
    const stray = { ...edit, changes: { text: 'x', title: 'y', name: 'z' } };
    const r = applyMutation(undefined, stray as CommentMutation).record;
    expect(r).not.toHaveProperty('title');
    expect(r).not.toHaveProperty('name');
    expect(r.clock).toEqual({ text: h(10, A) });
  });

  it('merges whole comment records and rebuilds them from their writes', () => {
    const a = apply([post, edit]);
    const b = apply([post, remove]);
    const ab = mergeRecords(a, b, 'comment').record;
    expect(ab).toEqual(mergeRecords(b, a, 'comment').record);
    expect(ab).toEqual(apply([post, edit, remove]));
    const writes = recordToMutations(ab, () => 'x', undefined, 'comment');
    expect(writes.every((m) => m.kind === 'comment')).toBe(true);
    expect(apply(writes)).toEqual(ab);
  });
});

describe('comments of a task', () => {
  const record = (n: number, fields: Partial<CommentRecord>): CommentRecord => ({
    id: C(n),
    createdAt: ids.now,
    updatedAt: ids.now,
    clock: {},
    taskId: TASK,
    text: `comment ${n}`,
    postedAt: ids.now,
    deletedAt: null,
    ...fields,
  });
  const all = [
    record(3, { postedAt: '2026-11-26T10:00:00.000Z' }),
    record(2, {}),
    record(1, {}),
    record(4, { deletedAt: ids.now }),
    record(5, { taskId: OTHER_TASK }),
    record(6, { text: undefined }),
  ];

  it('lists the live comments of one task, newest last, ties by id', () => {
    const ids = commentsOfTask(all, { id: TASK, deletedAt: null }).map((c) => c.id);
    expect(ids).toEqual([C(1), C(2), C(3)]);
  });

  it('hides the comments of a deleted or unknown task and shows them again once it is restored', () => {
    expect(commentsOfTask(all, { id: TASK, deletedAt: ids.now })).toEqual([]);
    expect(commentsOfTask(all, undefined)).toEqual([]);
    expect(commentsOfTask(all, { id: TASK, deletedAt: null })).toHaveLength(3);
  });
});
