// The operations specification's "Task created" event: one info line per task a request created (through
// sync push or the REST API), with the request, user and session ids, how long the request had taken, and
// what the task looks like (priority, whether it has a due date), never its title.
import type { Context } from 'hono';
import type { TaskRecord } from '../../src/core/merge';
import { requestLogFields } from '../middleware/request-observer';
import type { Logger } from './logger';

export function logTasksCreated(
  logger: Logger,
  c: Context,
  result: { created: readonly string[]; changed: ReadonlyMap<string, TaskRecord> },
  startedAt: number,
): void {
  if (result.created.length === 0) return;
  const duration = Math.round((performance.now() - startedAt) * 100) / 100;
  const fields = requestLogFields(c);
  const line = (taskId: string) => {
    const task = result.changed.get(taskId);
    return {
      taskId,
      duration,
      metadata: { priority: task?.priority ?? null, hasDeadline: Boolean(task?.due) },
    };
  };
  // One task (most pushes): one line, the request's ids in front as a child logger would put them.
  if (result.created.length === 1) {
    logger.info({ ...fields, ...line(result.created[0]) }, 'Task created');
    return;
  }
  // The request's ids as a child logger's bindings: serialised and redacted once per request, not once
  // per line (a 500-mutation push may create 500 tasks).
  const requestLogger = logger.child(fields);
  for (const taskId of result.created) requestLogger.info(line(taskId), 'Task created');
}
