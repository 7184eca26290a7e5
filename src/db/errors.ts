// Typed failures of local storage. The UI maps `code` to user text in one place (src/ui/messages.ts);
// `message` is already readable and names the field, so it can be shown as is.

import type { ParentProblem } from '../core/hierarchy';

type TendDbErrorCode =
  | 'invalid_task'
  | 'task_not_found'
  | 'invalid_parent'
  | 'task_archived'
  | 'invalid_project'
  | 'project_not_found'
  | 'invalid_project_parent'
  | 'invalid_section'
  | 'section_not_found'
  | 'invalid_label'
  | 'label_not_found'
  | 'invalid_comment'
  | 'comment_not_found';

class TendDbError extends Error {
  constructor(
    readonly code: TendDbErrorCode,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

type ValidationErrorClass = new (message: string, details?: unknown) => TendDbError;
type NotFoundErrorClass = new (id: string) => TendDbError;
type ParentErrorClass = new (
  id: string,
  problem: ParentProblem | 'missing',
) => TendDbError & {
  readonly problem: ParentProblem | 'missing';
};

/** Names a class made below, so a logged error says which one it is. */
function named<C>(name: string, errorClass: C): C {
  Object.defineProperty(errorClass, 'name', { value: name });
  return errorClass;
}

/** The kinds of record a store writes; each names its errors and their codes after itself. */
type Noun = 'Task' | 'Project' | 'Section' | 'Label' | 'Comment';

/** A write failed its kind's schema; nothing was changed. `message` names the field. */
function validationError(noun: Noun): ValidationErrorClass {
  const code = `invalid_${noun.toLowerCase() as Lowercase<Noun>}` as const;
  return named(
    `${noun}ValidationError`,
    class extends TendDbError {
      constructor(message: string, details?: unknown) {
        super(code, message, details);
      }
    },
  );
}

/** The action named an id that is not stored (or not yet complete after a partial sync). */
function notFoundError(noun: Noun): NotFoundErrorClass {
  const kind = noun.toLowerCase() as Lowercase<Noun>;
  return named(
    `${noun}NotFoundError`,
    class extends TendDbError {
      constructor(id: string) {
        super(`${kind}_not_found`, `${noun} ${id} does not exist`, { [`${kind}Id`]: id });
      }
    },
  );
}

/** Tasks nest under a parent task, projects under a parent project; their codes predate the pattern. */
const PARENT_REFUSALS = {
  Task: { name: 'InvalidParentError', code: 'invalid_parent', parent: 'parent' },
  Project: { name: 'InvalidProjectParentError', code: 'invalid_project_parent', parent: 'project' },
} as const;

/** A parent that would make a cycle, too deep a tree, or that is not there. */
function parentError(noun: keyof typeof PARENT_REFUSALS): ParentErrorClass {
  const { name, code, parent } = PARENT_REFUSALS[noun];
  const idKey = `${noun.toLowerCase()}Id`;
  return named(
    name,
    class extends TendDbError {
      constructor(
        id: string,
        readonly problem: ParentProblem | 'missing',
      ) {
        super(code, `${noun} ${id} cannot go under that ${parent} (${problem})`, {
          [idKey]: id,
          problem,
        });
      }
    },
  );
}

export const TaskValidationError = validationError('Task');
export const TaskNotFoundError = notFoundError('Task');
/** A parent that would make a cycle, too deep a tree, or that is not an open task here. */
export const InvalidParentError = parentError('Task');
export type InvalidParentError = InstanceType<typeof InvalidParentError>;

/** The task is in the read-only archive (the server archived it): it can be cleared, not edited. */
export class TaskArchivedError extends TendDbError {
  constructor(readonly taskId: string) {
    super('task_archived', `Task ${taskId} is archived and read-only`, { taskId });
  }
}

export const ProjectValidationError = validationError('Project');
export const ProjectNotFoundError = notFoundError('Project');
/** A parent project that would make a cycle or too deep a tree. */
export const InvalidProjectParentError = parentError('Project');

/** A section write failed the section schema, or named a project that is not live. */
export const SectionValidationError = validationError('Section');
/** The action named a section id that is not stored (or was deleted on another device). */
export const SectionNotFoundError = notFoundError('Section');

/** A label change the core schema refuses (an empty or hostile name, an unknown colour). */
export const LabelValidationError = validationError('Label');
export const LabelNotFoundError = notFoundError('Label');

/** A comment write failed the comment schema (empty, too long, unsafe text). */
export const CommentValidationError = validationError('Comment');
/** The action named a comment that is not stored. */
export const CommentNotFoundError = notFoundError('Comment');
