import { describe, expect, it } from 'vitest';
import { formatHlc } from '../hlc';
import {
  isCommentRecordShape,
  isProjectRecordShape,
  isPushRequest,
  isSectionRecordShape,
  isTaskRecordShape,
  MAX_PUSH_MUTATIONS,
  mutationSchema,
  pullQuerySchema,
  pushRequestSchema,
  pushResponseSchema,
  validateMutation,
} from './protocol';

const ID = '0193b5a0-0000-7000-8000-000000000001';
const HLC = formatHlc({
  millis: Date.parse('2026-11-26T09:00:00.000Z'),
  counter: 1,
  node: 'A'.repeat(16),
});

describe('protocol schemas', () => {
  it('accepts a well-formed mutation and rejects bad fields with their path', () => {
    expect(
      mutationSchema.parse({ id: 'm1', taskId: ID, hlc: HLC, changes: { title: 'x' } }),
    ).toBeTruthy();
    const bad = mutationSchema.safeParse({
      id: 'm1',
      taskId: ID,
      hlc: 'yesterday',
      changes: { priority: 9 },
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('hlc');
    expect(paths).toContain('changes.priority');
    expect(mutationSchema.safeParse({ id: 'm1', taskId: ID, hlc: HLC, changes: {} }).success).toBe(
      false,
    );
    expect(
      mutationSchema.safeParse({ id: 'm1', taskId: ID, hlc: HLC, changes: { owner: 'me' } })
        .success,
    ).toBe(false);
  });

  it('lets an invalid entry through the push envelope so it can be rejected alone', () => {
    const body = { clientId: 'c', mutations: [{ id: 'm1', changes: 'nonsense' }] };
    expect(pushRequestSchema.parse(body).mutations[0]).toEqual(body.mutations[0]);
    expect(pushRequestSchema.safeParse({ clientId: 'c', mutations: [{}] }).success).toBe(false);
    const tooMany = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => ({ id: `m${i}` }));
    expect(pushRequestSchema.safeParse({ clientId: 'c', mutations: tooMany }).success).toBe(false);
  });

  it('parses responses and the pull query', () => {
    expect(
      pushResponseSchema.parse({
        applied: ['a'],
        rejected: [{ id: 'b', code: 'x', message: 'y' }],
      }),
    ).toBeTruthy();
    expect(pullQuerySchema.parse({ limit: '20' })).toEqual({ limit: 20 });
    expect(pullQuerySchema.parse({})).toEqual({ limit: 500 });
    expect(pullQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
  });

  it('checks the shape of pulled records cheaply', () => {
    const ok = { id: ID, createdAt: 'x', updatedAt: 'y', clock: { title: HLC }, title: 't' };
    expect(isTaskRecordShape(ok)).toBe(true);
    expect(isTaskRecordShape({ ...ok, clock: { title: 'nope' } })).toBe(false);
    expect(isTaskRecordShape({ ...ok, clock: { owner: HLC } })).toBe(false);
    expect(isTaskRecordShape({ ...ok, clock: null })).toBe(false);
    expect(isTaskRecordShape({ ...ok, id: 1 })).toBe(false);
    expect(isTaskRecordShape(null)).toBe(false);
  });

  it('reads a mutation without a kind as a task write, and validates project writes by their own schema', () => {
    const task = validateMutation({ id: 'm1', taskId: ID, hlc: HLC, changes: { title: 'x' } }, 0);
    expect(task).toMatchObject({ ok: true, mutation: { changes: { title: 'x' } } });
    const project = { id: 'm2', taskId: ID, hlc: HLC, kind: 'project', changes: { name: 'Work' } };
    expect(validateMutation(project, 1)).toMatchObject({ ok: true, mutation: project });
    // A task field on a project, a project field on a task, hostile names and unknown kinds are refused.
    for (const bad of [
      { ...project, changes: { title: 'x' } },
      { id: 'm3', taskId: ID, hlc: HLC, changes: { colour: 'red' } },
      { ...project, changes: { name: 'a\u0000b' } },
      { ...project, changes: { name: '\udc00' } },
      { ...project, changes: { name: 'x'.repeat(101) } },
      { ...project, changes: { parentId: 'not-a-uuid' } },
      { ...project, kind: 'tag' },
    ])
      expect(validateMutation(bad, 2), JSON.stringify(bad)).toMatchObject({
        ok: false,
        code: 'invalid_mutation',
      });
  });

  it('validates section writes by their own schema', () => {
    const section = {
      id: 'm4',
      taskId: ID,
      hlc: HLC,
      kind: 'section',
      changes: { name: 'Doing', projectId: ID, order: 1 },
    };
    expect(validateMutation(section, 0)).toMatchObject({ ok: true, mutation: section });
    const task = { id: 'm5', taskId: ID, hlc: HLC, changes: { sectionId: ID } };
    expect(validateMutation(task, 0)).toMatchObject({ ok: true });
    for (const bad of [
      { ...section, changes: { title: 'x' } },
      { ...section, changes: { colour: 'red' } },
      { ...section, changes: {} },
      { ...section, changes: { name: 'a\u0000b' } },
      { ...section, changes: { name: '\udc00' } },
      { ...section, changes: { name: 'x'.repeat(101) } },
      { ...section, changes: { projectId: 'Work' } },
      { ...task, changes: { sectionId: 'Doing' } },
      { ...task, kind: 'section' },
    ])
      expect(validateMutation(bad, 2), JSON.stringify(bad)).toMatchObject({
        ok: false,
        code: 'invalid_mutation',
      });
  });

  it('validates comment writes by their own schema', () => {
    const comment = {
      id: 'm6',
      taskId: ID,
      hlc: HLC,
      kind: 'comment',
      changes: {
        taskId: ID,
        text: 'See https://example.com',
        postedAt: '2026-11-26T09:00:00.000Z',
      },
    };
    expect(validateMutation(comment, 0)).toMatchObject({ ok: true, mutation: comment });
    for (const bad of [
      { ...comment, changes: { title: 'x' } },
      { ...comment, changes: {} },
      { ...comment, changes: { text: '' } },
      { ...comment, changes: { text: 'a\u0000b' } },
      { ...comment, changes: { text: '\udc00' } },
      { ...comment, changes: { text: 'x'.repeat(20_001) } },
      { ...comment, changes: { taskId: 'a task' } },
      { ...comment, changes: { postedAt: 'now' } },
      { ...comment, taskId: 'not-a-uuid' },
    ])
      expect(validateMutation(bad, 2), JSON.stringify(bad).slice(0, 80)).toMatchObject({
        ok: false,
        code: 'invalid_mutation',
      });
  });

  it('checks pulled comments against the comment fields', () => {
    const ok = { id: ID, createdAt: 'x', updatedAt: 'y', clock: { text: HLC }, text: 'Hi' };
    expect(isCommentRecordShape(ok)).toBe(true);
    expect(isCommentRecordShape({ ...ok, clock: { name: HLC } })).toBe(false);
  });

  it('checks pulled sections against the section fields', () => {
    const ok = { id: ID, createdAt: 'x', updatedAt: 'y', clock: { name: HLC }, name: 'Doing' };
    expect(isSectionRecordShape(ok)).toBe(true);
    expect(isSectionRecordShape({ ...ok, clock: { colour: HLC } })).toBe(false);
    expect(isSectionRecordShape({ ...ok, clock: { name: 'x' } })).toBe(false);
  });

  it('checks pulled projects against the project fields', () => {
    const ok = { id: ID, createdAt: 'x', updatedAt: 'y', clock: { name: HLC }, name: 'Work' };
    expect(isProjectRecordShape(ok)).toBe(true);
    expect(isProjectRecordShape({ ...ok, clock: { title: HLC } })).toBe(false);
    expect(isTaskRecordShape(ok)).toBe(false);
  });
});

describe('isPushRequest', () => {
  const m = { id: 'm1', taskId: '00000000-0000-4000-8000-000000000001', hlc: 'x', changes: {} };
  const bodies: unknown[] = [
    { clientId: 'c1', mutations: [] },
    { clientId: 'c1', mutations: [m, { ...m, id: 'm2' }] },
    { clientId: 'c1', mutations: [m], extra: true },
    { clientId: '', mutations: [] },
    { clientId: 'x'.repeat(101), mutations: [] },
    { clientId: 'a\u0000b', mutations: [] },
    { clientId: 7, mutations: [] },
    { clientId: 'c1' },
    { clientId: 'c1', mutations: {} },
    { clientId: 'c1', mutations: [null] },
    { clientId: 'c1', mutations: [[]] },
    { clientId: 'c1', mutations: ['m1'] },
    { clientId: 'c1', mutations: [{ id: '' }] },
    { clientId: 'c1', mutations: [{ id: 'x'.repeat(101) }] },
    { clientId: 'c1', mutations: [{ taskId: 'no id' }] },
    { clientId: 'c1', mutations: Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => m) },
    { clientId: 'c1', mutations: Array.from({ length: MAX_PUSH_MUTATIONS }, () => m) },
    [],
    null,
    'body',
  ];

  it('passes only bodies the envelope schema passes', () => {
    for (const body of bodies) {
      const fast = isPushRequest(body);
      if (fast) expect(pushRequestSchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
      // Every well-formed body is taken by the hand check, so zod is not run on a good push.
      else expect(pushRequestSchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    }
  });
});
