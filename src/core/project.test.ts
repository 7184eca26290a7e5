import { describe, expect, it } from 'vitest';
import { describeValidationError } from './task';
import { applyMutation } from './merge';
import { projectMutationSchema } from './sync/protocol';
import {
  checkProjectParent,
  createProject,
  effectiveProjectId,
  legacyProjectMutations,
  projectChangesSchema,
  projectIdForName,
  projectSchema,
  toProject,
} from './project';
import { LEGACY_NODE, legacyWriteRecord } from './name-id';

const ids = { id: '0193b5a0-0000-7000-8000-0000000000a1', now: '2026-11-26T09:00:00.000Z' };
const P = (n: number) => `0193b5a0-0000-7000-8000-0000000000b${n}`;

describe('project schema', () => {
  it('fills defaults and trims the name', () => {
    const p = createProject({ name: '  Home Renovation ' }, ids);
    expect(p).toMatchObject({
      name: 'Home Renovation',
      colour: 'grey',
      order: 0,
      archived: false,
      parentId: null,
      deletedAt: null,
    });
    expect(projectSchema.safeParse(p).success).toBe(true);
  });

  it('refuses hostile names as the task schema refuses hostile titles', () => {
    for (const name of ['', '   ', 'a\u0000b', 'lone \ud800 surrogate', 'x'.repeat(101)]) {
      const r = projectChangesSchema.safeParse({ name });
      expect(r.success, JSON.stringify(name)).toBe(false);
    }
    const r = projectChangesSchema.safeParse({ colour: '#ff0000', order: Infinity, owner: 'me' });
    expect(r.success).toBe(false);
    expect(describeValidationError(r.error!)).toContain('colour: Colour must be one of');
  });

  it('refuses a project that is its own parent', () => {
    expect(() => createProject({ name: 'Loop', parentId: ids.id }, ids)).toThrow(/own sub-project/);
  });

  it('shows a record once its name has arrived', () => {
    const clock = { colour: 'x' };
    expect(toProject({ id: ids.id, createdAt: ids.now, updatedAt: ids.now, clock })).toBeNull();
    expect(
      toProject({ id: ids.id, createdAt: ids.now, updatedAt: ids.now, clock, name: 'Work' }),
    ).toMatchObject({ name: 'Work', colour: 'grey' });
  });
});

describe('projects from names', () => {
  it('gives one name one valid UUID whatever its case and spacing, and other names others', () => {
    const id = projectIdForName('Work');
    expect(projectSchema.shape.id.safeParse(id).success).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(projectIdForName(' work ')).toBe(id);
    expect(projectIdForName('Home')).not.toBe(id);
    expect(projectIdForName('Work 2')).not.toBe(id);
  });

  it('a task is in its projectId, else in the project its legacy name became', () => {
    expect(effectiveProjectId({ projectId: P(1), project: 'Work' })).toBe(P(1));
    expect(effectiveProjectId({ projectId: null, project: 'Work' })).toBe(projectIdForName('Work'));
    expect(effectiveProjectId({ projectId: null, project: null })).toBeNull();
  });
});

describe('project parents', () => {
  const projects = [
    { id: P(1), parentId: null },
    { id: P(2), parentId: P(1) },
    { id: P(3), parentId: P(2) },
    { id: P(4), parentId: P(3) },
  ];
  it('refuses a cycle and a fifth level, and ignores deleted parents', () => {
    expect(checkProjectParent(projects, P(1), P(4))).toBe('cycle');
    expect(checkProjectParent(projects, P(5), P(4))).toBe('too_deep');
    expect(checkProjectParent(projects, P(5), P(2))).toBeNull();
    expect(checkProjectParent(projects, P(1), P(1))).toBe('self');
    const deleted = projects.map((p) =>
      p.id === P(2) ? { ...p, deletedAt: '2026-11-26T09:00:00.000Z' } : p,
    );
    expect(checkProjectParent(deleted, P(1), P(4))).toBeNull();
  });
});

describe('legacy project names become records', () => {
  const tasks = [
    { project: 'Work', projectId: null, createdAt: '2026-11-20T09:00:00.000Z' },
    { project: 'work', projectId: null, createdAt: '2026-11-10T09:00:00.000Z' },
    { project: 'Home', projectId: null, createdAt: '2026-11-12T09:00:00.000Z' },
    { project: 'Moved', projectId: P(1), createdAt: '2026-11-12T09:00:00.000Z' },
    { project: null, projectId: null, createdAt: '2026-11-12T09:00:00.000Z' },
  ];

  it('writes one project per name, the same on every device, skipping known ones', () => {
    const writes = legacyProjectMutations(tasks, () => false);
    const byName = Object.fromEntries(writes.map((m) => [m.changes.name, [m.taskId, m.hlc]]));
    expect(byName).toEqual({
      work: [projectIdForName('work'), `2026-11-10T09:00:00.000Z-0000-${LEGACY_NODE}`],
      Home: [projectIdForName('Home'), `2026-11-12T09:00:00.000Z-0000-${LEGACY_NODE}`],
    });
    expect(legacyProjectMutations([...tasks].reverse(), () => false)).toEqual(writes);
    const home = projectIdForName('Home');
    expect(legacyProjectMutations(tasks, (id) => id === home).map((m) => m.taskId)).toEqual([
      projectIdForName('Work'),
    ]);
    expect(writes.every((m) => m.id.length <= 100 && m.kind === 'project')).toBe(true);
    // Valid writes, and the records the page's upgrade stores are what the one merge makes of them.
    for (const m of writes) {
      expect(projectMutationSchema.safeParse(m).success).toBe(true);
      expect(legacyWriteRecord(m)).toEqual(applyMutation(undefined, m).record);
    }
  });

  it('loses to any later write, such as a rename', () => {
    const [create] = legacyProjectMutations(tasks, () => false);
    const rename = {
      ...create,
      id: 'r',
      hlc: '2026-11-26T09:00:00.000Z-0000-AAAAAAAAAAAAAAAA',
      changes: { name: 'Job' },
    };
    const later = applyMutation(applyMutation(undefined, rename).record, create).record;
    expect(later.name).toBe('Job');
  });
});
