// Typed failures of local storage. The UI maps `code` to user text in one place (src/ui/messages.ts);
// `message` is already readable and names the field, so it can be shown as is.

import type { ParentProblem } from '../core/hierarchy';

export type TendDbErrorCode =
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

export class TendDbError extends Error {
  constructor(
    readonly code: TendDbErrorCode,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The action named an id that is not stored (or not yet complete after a partial sync). */
abstract class RecordNotFoundError extends TendDbError {
  constructor(code: TendDbErrorCode, noun: string, id: string, details: Record<string, string>) {
    super(code, `${noun} ${id} does not exist`, details);
  }
}

/** A parent that would make a cycle, too deep a tree, or that is not there. */
abstract class RecordParentError extends TendDbError {
  constructor(
    code: TendDbErrorCode,
    refusal: string,
    readonly problem: ParentProblem | 'missing',
    details: Record<string, string>,
  ) {
    super(code, `${refusal} (${problem})`, { ...details, problem });
  }
}

/** A write failed the task schema; nothing was changed. */
export class TaskValidationError extends TendDbError {
  constructor(message: string, details?: unknown) {
    super('invalid_task', message, details);
  }
}

export class TaskNotFoundError extends RecordNotFoundError {
  constructor(readonly taskId: string) {
    super('task_not_found', 'Task', taskId, { taskId });
  }
}

/** A parent that would make a cycle, too deep a tree, or that is not an open task here. */
export class InvalidParentError extends RecordParentError {
  constructor(
    readonly taskId: string,
    problem: ParentProblem | 'missing',
  ) {
    super('invalid_parent', `Task ${taskId} cannot go under that parent`, problem, { taskId });
  }
}

/** The task is in the read-only archive (the server archived it): it can be cleared, not edited. */
export class TaskArchivedError extends TendDbError {
  constructor(readonly taskId: string) {
    super('task_archived', `Task ${taskId} is archived and read-only`, { taskId });
  }
}

/** A project write failed the project schema; nothing was changed. */
export class ProjectValidationError extends TendDbError {
  constructor(message: string, details?: unknown) {
    super('invalid_project', message, details);
  }
}

export class ProjectNotFoundError extends RecordNotFoundError {
  constructor(readonly projectId: string) {
    super('project_not_found', 'Project', projectId, { projectId });
  }
}

/** A parent project that would make a cycle or too deep a tree. */
export class InvalidProjectParentError extends RecordParentError {
  constructor(
    readonly projectId: string,
    problem: ParentProblem | 'missing',
  ) {
    const refusal = `Project ${projectId} cannot go under that project`;
    super('invalid_project_parent', refusal, problem, { projectId });
  }
}

/** A section write failed the section schema (or named a project that is not live); nothing changed. */
export class SectionValidationError extends TendDbError {
  constructor(message: string, details?: unknown) {
    super('invalid_section', message, details);
  }
}

/** The action named a section id that is not stored (or was deleted on another device). */
export class SectionNotFoundError extends RecordNotFoundError {
  constructor(readonly sectionId: string) {
    super('section_not_found', 'Section', sectionId, { sectionId });
  }
}

/** A label change the core schema refuses (an empty or hostile name, an unknown colour). */
export class LabelValidationError extends TendDbError {
  constructor(message: string, details?: unknown) {
    super('invalid_label', message, details);
  }
}

/** The action named a label id that is not stored (or not yet complete after a partial sync). */
export class LabelNotFoundError extends RecordNotFoundError {
  constructor(readonly labelId: string) {
    super('label_not_found', 'Label', labelId, { labelId });
  }
}

/** A comment write failed the comment schema (empty, too long, unsafe text); nothing was changed. */
export class CommentValidationError extends TendDbError {
  constructor(message: string, details?: unknown) {
    super('invalid_comment', message, details);
  }
}

/** The action named a comment that is not stored, or a task that cannot take comments. */
export class CommentNotFoundError extends RecordNotFoundError {
  constructor(readonly commentId: string) {
    super('comment_not_found', 'Comment', commentId, { commentId });
  }
}
