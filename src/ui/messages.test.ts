import { describe, expect, it } from 'vitest';
import { taskFieldsSchema } from '../core/task';
import { TransferError } from '../core/transfer/errors';
import { TaskNotFoundError, TaskValidationError } from '../db/errors';
import {
  LABEL_WORDS,
  PROJECT_WORDS,
  SECTION_WORDS,
  describeAuthFailure,
  describeError,
  describeSyncProblem,
  messageForCode,
  plural,
} from './messages';
import { describeImportError } from './settings/import-errors';

describe('describeError', () => {
  it('uses the readable message of validation errors, which names the field', () => {
    expect(describeError(new TaskValidationError('title: Title is required'))).toBe(
      'title: Title is required',
    );
  });

  it('maps known codes and names to sentences', () => {
    expect(describeError(new TaskNotFoundError('abc'))).toMatch(/no longer exists/);
    expect(describeError({ name: 'QuotaExceededError', message: 'x' })).toMatch(/out of storage/);
    expect(describeError({ error: { code: 'rate_limited', message: 'slow down' } })).toMatch(
      /Too many attempts/,
    );
    expect(describeError('offline')).toMatch(/You are offline/);
  });

  it('looks inside Dexie-wrapped errors for the cause', () => {
    const wrapped = {
      name: 'AbortError',
      message: 'Transaction aborted',
      inner: { name: 'QuotaExceededError' },
    };
    expect(describeError(wrapped)).toMatch(/out of storage/);
  });

  it('turns zod errors into field messages', () => {
    const result = taskFieldsSchema.safeParse({});
    expect(result.success).toBe(false);
    if (!result.success) expect(describeError(result.error)).toMatch(/title/);
  });

  it('never shows internals', () => {
    expect(
      describeError(new TypeError("Cannot read properties of undefined (reading 'x')")),
    ).toMatch(/Something went wrong/);
    expect(describeError(42)).toMatch(/Something went wrong/);
    expect(describeError(new Error('Plain readable failure'))).toBe('Plain readable failure');
  });

  it('knows unknown codes are unknown', () => {
    expect(messageForCode('no_such_code')).toBeUndefined();
    expect(messageForCode('toString')).toBeUndefined();
  });
});

describe('describeImportError', () => {
  it('says what was wrong and where', () => {
    const error = new TransferError('invalid_records', 'Invalid tasks', [
      { at: 'tasks.3.title', message: 'Title is required' },
      { at: 'tasks.4.due', message: 'Due is not a real calendar date' },
      { at: 'tasks.5.due', message: 'x' },
      { at: 'tasks.6.due', message: 'y' },
    ]);
    const text = describeImportError(error);
    expect(text).toMatch(/nothing was imported/);
    expect(text).toContain('tasks.3.title: Title is required');
    expect(text).toContain('(and 1 more)');
  });

  it('explains a file that is neither format', () => {
    expect(describeImportError(new TransferError('invalid_export', 'x'))).toMatch(
      /not a Tend export/,
    );
    expect(describeImportError(new TransferError('invalid_json', 'Unexpected token'))).toMatch(
      /not valid JSON/,
    );
  });
});

describe('sync and sign-in problems', () => {
  it('say our sentence for a known code and the service’s own text otherwise', () => {
    expect(describeSyncProblem({ code: 'server_error', detail: 'HTTP 500' })).toMatch(
      /sync server had a problem/,
    );
    expect(describeSyncProblem({ code: 'sync_failed', detail: 'disk full' })).toBe('disk full');
    expect(describeAuthFailure({ code: 'invalid_credentials', detail: '' })).toBe(
      'That email and password do not match.',
    );
    expect(describeAuthFailure({ code: 'network_error', detail: 'boom' })).toMatch(
      /reach the sync server/,
    );
    expect(describeAuthFailure({ code: 'user_already_exists', detail: '' })).toMatch(/Sign in/);
    expect(describeAuthFailure({ code: 'auth_error', detail: '' })).toMatch(/sign-in service/);
  });
});

describe('counts in messages', () => {
  it('makes the noun plural unless the count is one', () => {
    expect([0, 1, 2].map((n) => plural(n, 'sub-task'))).toEqual([
      '0 sub-tasks',
      '1 sub-task',
      '2 sub-tasks',
    ]);
  });

  it('says what a deletion took with it only when it took tasks', () => {
    expect(PROJECT_WORDS.deleted('Home', 0)).toBe('Deleted the project “Home”');
    expect(PROJECT_WORDS.deleted('Home', 2)).toBe('Deleted the project “Home” and 2 tasks');
    expect(SECTION_WORDS.deleted('Walls', 1)).toBe('Deleted the section “Walls” and 1 task');
    expect(LABEL_WORDS.deleted('home', 1)).toBe('Deleted the label “home” from 1 task');
  });
});
