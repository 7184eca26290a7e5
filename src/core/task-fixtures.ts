// Tasks for tests: valid, with ids that count up, created at one fixed time.
import { createTask } from './task';
import type { Task, TaskFields } from './task';

export function taskFactory(
  now = '2026-11-26T09:00:00.000Z',
): (fields: Partial<TaskFields> & { title: string }) => Task {
  let n = 0;
  return (fields) =>
    createTask(fields, { id: `0193b5a0-0000-7000-8000-${String(++n).padStart(12, '0')}`, now });
}
