// Typed failures of local storage. The UI maps `code` to user text in one place (src/ui/messages.ts);
// `message` is already readable and names the field, so it can be shown as is.

export type TendDbErrorCode = 'invalid_task' | 'task_not_found';

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

/** A write failed the task schema; nothing was changed. */
export class TaskValidationError extends TendDbError {
  constructor(message: string, details?: unknown) {
    super('invalid_task', message, details);
  }
}

/** The action named a task id that is not stored (or not yet complete after a partial sync). */
export class TaskNotFoundError extends TendDbError {
  constructor(readonly taskId: string) {
    super('task_not_found', `Task ${taskId} does not exist`, { taskId });
  }
}
