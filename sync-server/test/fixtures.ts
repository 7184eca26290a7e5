// Mutations for tests, built with the shared clock and task helpers.
import { randomUUID } from 'node:crypto';
import { formatHlc } from '../../src/core/hlc';
import { createMutation } from '../../src/core/merge';
import type {
  LabelMutation,
  CommentMutation,
  Mutation,
  ProjectMutation,
  SectionMutation,
} from '../../src/core/merge';
import type { LabelChanges } from '../../src/core/label';
import type { CommentChanges } from '../../src/core/comment';
import type { ProjectChanges } from '../../src/core/project';
import type { SectionChanges } from '../../src/core/section';
import { createTask } from '../../src/core/task';
import type { TaskChanges } from '../../src/core/task';

export const T0 = Date.parse('2026-11-26T09:00:00.000Z');

export function hlcAt(offsetMs: number, node = '0123456789ABCDEF', counter = 0): string {
  return formatHlc({ millis: T0 + offsetMs, counter, node });
}

export function createMutationFor(title: string, offsetMs = 0, taskId = randomUUID()): Mutation {
  const hlc = hlcAt(offsetMs);
  const task = createTask({ title }, { id: taskId, now: hlc.slice(0, 24) });
  return createMutation(task, hlc, randomUUID());
}

export function editMutation(
  taskId: string,
  changes: TaskChanges,
  offsetMs: number,
  node?: string,
): Mutation {
  return { id: randomUUID(), taskId, hlc: hlcAt(offsetMs, node), changes };
}

/** A project write (`kind: 'project'`) at `offsetMs` after T0. */
export function projectMutation(
  projectId: string,
  changes: ProjectChanges,
  offsetMs: number,
  node?: string,
): ProjectMutation {
  return {
    id: randomUUID(),
    taskId: projectId,
    hlc: hlcAt(offsetMs, node),
    changes,
    kind: 'project',
  };
}

/** A section write (`kind: 'section'`) at `offsetMs` after T0. */
export function sectionMutation(
  sectionId: string,
  changes: SectionChanges,
  offsetMs: number,
  node?: string,
): SectionMutation {
  return {
    id: randomUUID(),
    taskId: sectionId,
    hlc: hlcAt(offsetMs, node),
    changes,
    kind: 'section',
  };
}

/** A label write (`kind: 'label'`) at `offsetMs` after T0. */
export function labelMutation(
  labelId: string,
  changes: LabelChanges,
  offsetMs: number,
  node?: string,
): LabelMutation {
  return { id: randomUUID(), taskId: labelId, hlc: hlcAt(offsetMs, node), changes, kind: 'label' };
}

/** A comment write (`kind: 'comment'`) at `offsetMs` after T0. */
export function commentMutation(
  commentId: string,
  changes: CommentChanges,
  offsetMs: number,
  node?: string,
): CommentMutation {
  return {
    id: randomUUID(),
    taskId: commentId,
    hlc: hlcAt(offsetMs, node),
    changes,
    kind: 'comment',
  };
}
