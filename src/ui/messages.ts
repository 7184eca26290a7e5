// Every error the user can see is turned into a sentence here, and only here: database, parser,
// import, sync and on-device AI failures all arrive as codes or exceptions and leave as text.
import type { FilterError, FilterErrorCode } from '../core/filter/parse';
import type { ParentProblem } from '../core/hierarchy';
import { REMINDER_ACTION_TITLES } from '../core/sw-protocol';
import { describeValidationError } from '../core/task-shape';
import type { AuthFailure } from '../sync/auth';
import type { SyncProblem, SyncState } from '../sync/status';

const MESSAGES: Record<string, string> = {
  // storage (Dexie / IndexedDB)
  QuotaExceededError: 'Your device is out of storage space, so the change was not saved.',
  DatabaseClosedError: 'The task database is closed. Reload Tend to continue.',
  VersionError: 'Tend was updated in another tab. Reload this tab to continue.',
  OpenFailedError: 'Tend could not open its local database. Private browsing may block storage.',
  MissingAPIError:
    'This browser does not offer local storage (IndexedDB), so Tend cannot save tasks.',
  InvalidStateError: 'The local database is not available right now. Reload Tend and try again.',
  not_found: 'That task no longer exists. It may have been deleted on another device.',
  task_not_found: 'That task no longer exists. It may have been deleted on another device.',
  task_archived: 'That task is archived on the server and is read-only here.',
  validation: 'Some fields are not valid.',
  invalid_task: 'Some fields are not valid.',
  invalid_import: 'That file could not be imported.',
  empty_title: 'Type a task first: the title cannot be empty.',
  invalid_parent: 'That task cannot be a sub-task there.',
  invalid_project: 'That project name is not valid: use 1 to 100 characters.',
  project_not_found: 'That project no longer exists. It may have been deleted on another device.',
  invalid_project_parent: 'That project cannot go inside that one.',
  invalid_label: 'That label name is not valid: use 1 to 100 characters.',
  label_not_found: 'That label no longer exists. It may have been deleted on another device.',
  invalid_section: 'That section name is not valid: use 1 to 100 characters.',
  section_not_found: 'That section no longer exists. It may have been deleted on another device.',
  invalid_comment: 'A comment needs some text, at most 20,000 characters.',
  comment_not_found: 'That comment no longer exists. It may have been deleted on another device.',
  // import / export
  invalid_json: 'That file is not valid JSON. Choose a file exported from Tend.',
  invalid_export: 'That file is not a Tend export. Choose a file exported from Tend.',
  unsupported_version:
    'That export comes from a newer version of Tend. Update Tend, then import it.',
  invalid_csv: 'That file is not a Todoist CSV export.',
  unsupported_format:
    'Tend can import its own JSON exports and Todoist CSV exports. This file is neither.',
  invalid_records: 'Some records in that file are not valid, so nothing was imported.',
  empty_file: 'That file is empty.',
  file_too_large: 'That file is too large to import.',
  unknown_format:
    'Tend can import its own JSON exports and Todoist CSV exports. This file is neither.',
  // sync
  offline: 'You are offline. Changes are saved on this device and will sync when you reconnect.',
  unauthorized: 'Your session has expired. Sign in again to keep syncing.',
  forbidden: 'This account is not allowed to do that.',
  rate_limited: 'Too many attempts. Wait a minute, then try again.',
  cursor_expired: 'This device was offline for a long time, so Tend is syncing everything again.',
  payload_too_large: 'Too many changes at once; Tend will send them in smaller batches.',
  server_error: 'The sync server had a problem. Your changes are safe here and will be retried.',
  network_error: 'Could not reach the sync server. Your changes are safe here and will be retried.',
  invalid_credentials: 'That email and password do not match.',
  user_already_exists: 'An account with this email already exists. Sign in instead.',
  // account
  wrong_password: 'That password is not correct.',
  weak_password: 'Choose a password of at least 8 characters.',
  same_password: 'The new password is the same as the current one. Choose a different one.',
  email_exists: 'Another account already uses that email address.',
  email_address_invalid: 'That does not look like an email address.',
  email_not_confirmed:
    'Confirm your email address first: open the link in the message Tend sent you.',
  smtp_not_configured:
    'This server cannot send email. Ask the person who runs it for a password reset link.',
  otp_expired: 'That link has expired or was already used. Ask for a new one.',
  user_banned: 'This account is disabled. Contact the person who runs this server.',
  session_not_found: 'Your session has ended. Sign in again.',
  managed_by_supabase_auth:
    'Accounts on this server are managed by Supabase. Delete the account there.',
  auth_error: 'The sign-in service had a problem. Try again.',
  device_clock_ahead:
    'This device’s clock is ahead of the real time. Tend re-timed your changes so they sync; set the device clock to the right time.',
  // on-device AI
  webgpu_unavailable: 'On-device AI is not available on this device.',
  ai_timeout: 'The on-device model took too long; the task was kept as typed.',
  ai_invalid: 'The on-device model gave an unusable answer; the task was kept as typed.',
};

const PARENT_PROBLEMS: Record<ParentProblem | 'missing', string> = {
  self: 'A task cannot be its own sub-task.',
  cycle: 'A task cannot go under one of its own sub-tasks.',
  too_deep: 'Sub-tasks go at most 4 levels deep.',
  missing: 'That parent task no longer exists. It may have been deleted on another device.',
};

const FILTER_PROBLEMS: Record<FilterErrorCode, string> = {
  empty: 'Type something to search for.',
  missing_operand: 'Something is missing around &, | or !: put a term on each side.',
  unclosed_paren: 'A “(” has no matching “)”.',
  unmatched_paren: 'A “)” has no matching “(”.',
  empty_name: 'Write a name after # or @, like #Work or @errands.',
  unclosed_quote: 'A quote (") is not closed.',
  too_long: 'That search is too long.',
};

/** The sentence for a search that does not parse, pointing at where the problem is. */
export function describeFilterError(error: FilterError, query: string): string {
  const near = query.slice(error.at, error.at + 12).trim();
  const where =
    error.code === 'empty' || error.code === 'too_long' || !near ? '' : ` (at “${near}”)`;
  return `${FILTER_PROBLEMS[error.code]}${where}`;
}

/** Codes whose errors are written for people already (field named, cause given). */
const SELF_DESCRIBING = new Set(['invalid_task', 'invalid_import', 'validation']);

function isZodLike(error: unknown): error is Parameters<typeof describeValidationError>[0] {
  return (
    typeof error === 'object' &&
    error !== null &&
    Array.isArray((error as { issues?: unknown }).issues) &&
    /ZodError$/.test(String((error as { name?: unknown }).name))
  );
}

const FALLBACK = 'Something went wrong. Your tasks are safe; try again.';

/** The words for each sync state, so the status element and the account panel agree. */
export const SYNC_STATE_LABELS: Record<SyncState, string> = {
  local: 'Local only',
  offline: 'Offline',
  unreachable: 'Server unreachable',
  syncing: 'Syncing',
  synced: 'Synced',
  error: 'Error',
};

/** Shown instead of "Synced" while a live stream brings other devices' changes as they happen. */
export const LIVE_LABEL = 'Live';

/** The sentence for a sync problem: ours for a known code, else the server's own text. */
export function describeSyncProblem(problem: SyncProblem): string {
  return messageForCode(problem.code) ?? problem.detail;
}

/** The sentence for a failed sign-in or sign-up. */
export function describeAuthFailure(failure: AuthFailure): string {
  return (
    messageForCode(failure.code) ??
    (failure.detail || 'Could not reach the sign-in service. Try again.')
  );
}

/** A failed account action (password, email, recovery link, deletion, download). */
export function describeAccountFailure(code: string): string {
  return messageForCode(code) ?? MESSAGES.auth_error;
}

/** The sentence for a known code, or undefined. */
export function messageForCode(code: string): string | undefined {
  return Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : undefined;
}

export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Turns anything thrown (or rejected) into one sentence a person can act on. */
export function describeError(error: unknown): string {
  if (isZodLike(error)) return describeValidationError(error);
  if (typeof error === 'string') return messageForCode(error) ?? error;
  // Structured errors: our own { code, message }, the server's { error: { code, message } }.
  const nested = field(error, 'error');
  const code = field(error, 'code') ?? field(nested, 'code');
  const message = field(error, 'message') ?? field(nested, 'message');
  // Our own typed errors (TendDbError, import errors) already carry a sentence naming the field.
  if (
    typeof code === 'string' &&
    SELF_DESCRIBING.has(code) &&
    typeof message === 'string' &&
    message
  ) {
    return message;
  }
  if (code === 'invalid_parent') {
    const problem = field(field(error, 'details'), 'problem');
    if (typeof problem === 'string' && Object.hasOwn(PARENT_PROBLEMS, problem))
      return PARENT_PROBLEMS[problem as ParentProblem];
  }
  if (typeof code === 'string') {
    const known = messageForCode(code);
    if (known) return known;
  }
  const name = field(error, 'name');
  if (typeof name === 'string') {
    const known = messageForCode(name);
    if (known) return known;
    // Dexie wraps the browser's error; the inner one carries the real cause.
    const inner = field(error, 'inner');
    if (inner && inner !== error) {
      const innerText = describeError(inner);
      if (innerText !== FALLBACK) return innerText;
    }
  }
  if (typeof message === 'string' && message && isHumanReadable(message)) return message;
  return FALLBACK;
}

/** Internal messages (stack-like, camelCase identifiers) are not shown to people. */
function isHumanReadable(message: string): boolean {
  return message.length <= 300 && !/\bat \S+ \(|undefined is not|Cannot read propert/.test(message);
}

/** "1 task", "3 tasks": a count and its noun, the noun plural unless the count is one. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "Deleted the project “Home”", and when the deletion touched tasks, "and 2 tasks" (or "from"). */
function deleted(record: string, name: string, tasks: number, joiner = 'and'): string {
  const what = `Deleted the ${record} “${name}”`;
  return tasks === 0 ? what : `${what} ${joiner} ${plural(tasks, 'task')}`;
}

/** The words of the project tools (sidebar and project page). */
export const PROJECT_WORDS = {
  newProject: 'New project',
  newProjectName: 'New project name',
  addProject: 'Add project',
  cancel: 'Cancel',
  tools: 'Project',
  rename: 'Rename',
  name: 'Project name',
  save: 'Save',
  colour: 'Colour',
  moveUp: 'Move up',
  moveDown: 'Move down',
  archive: 'Archive',
  unarchive: 'Unarchive',
  delete: 'Delete project',
  archivedNote: 'This project is archived: it is listed under “Archived projects” in the sidebar.',
  archivedProjects: 'Archived projects',
  parent: 'Parent project',
  noParent: 'None (top level)',
  colours: {
    grey: 'Grey',
    red: 'Red',
    orange: 'Orange',
    yellow: 'Yellow',
    green: 'Green',
    teal: 'Teal',
    blue: 'Blue',
    purple: 'Purple',
    pink: 'Pink',
  },
  added: (name: string) => `Added the project “${name}”`,
  renamed: (name: string) => `Renamed the project to “${name}”`,
  archived: (name: string) => `Archived “${name}”`,
  unarchived: (name: string) => `Unarchived “${name}”`,
  deleted: (name: string, tasks: number) => deleted('project', name, tasks),
} as const;
/** The words of a project's sections (the project page, the detail, quick add). */
export const SECTION_WORDS = {
  sections: 'Sections',
  addSection: 'Add section',
  sectionName: 'Section name',
  newSectionName: 'New section name',
  save: 'Save',
  section: 'Section',
  noSection: 'No section',
  rename: (name: string) => `Rename section “${name}”`,
  moveUp: (name: string) => `Move section “${name}” up`,
  moveDown: (name: string) => `Move section “${name}” down`,
  delete: (name: string) => `Delete section “${name}”`,
  added: (name: string) => `Added the section “${name}”`,
  renamed: (name: string) => `Renamed the section to “${name}”`,
  moved: (title: string, section: string) => `Moved “${title}” to ${section}`,
  deleted: (name: string, tasks: number) => deleted('section', name, tasks),
} as const;
/** Words of the label page's tools (colour names are the projects'). */
export const LABEL_WORDS = {
  tools: 'Label',
  rename: 'Rename',
  name: 'Label name',
  save: 'Save',
  colour: 'Colour',
  delete: 'Delete label',
  renamed: (name: string) => `Renamed the label to “${name}”`,
  deleted: (name: string, tasks: number) => deleted('label', name, tasks, 'from'),
} as const;
/** Reminder words: the detail's section, the quick-add chip and the notification itself. */
export const REMINDER_WORDS = {
  section: 'Reminders',
  none: 'No reminders.',
  add: 'Add reminder',
  remove: (what: string) => `Remove reminder ${what}`,
  kind: 'Remind me',
  kindAt: 'At a time',
  kindBefore: 'Before the due time',
  at: 'Reminder time',
  before: 'Minutes before',
  needsTime: 'Fires only when the task has a due time.',
  defaultLabel: 'Default reminder for tasks with a due time',
  defaultNone: 'None',
  complete: REMINDER_ACTION_TITLES.complete,
  snooze: REMINDER_ACTION_TITLES.snooze,
  permissionDenied:
    'Notifications are blocked for Tend, so reminders cannot alert you. Allow them in the browser’s site settings.',
  invalidAt: 'Choose a date and time for the reminder.',
  invalidBefore: 'Minutes before must be a whole number from 0 to 40320 (four weeks).',
};

/** "30 min before", "1 h before", "2 days before", "At due time". */
export function describeReminderOffset(minutes: number): string {
  if (minutes === 0) return 'At due time';
  if (minutes % 1440 === 0) return `${minutes / 1440} ${minutes === 1440 ? 'day' : 'days'} before`;
  if (minutes % 60 === 0) return `${minutes / 60} h before`;
  return `${minutes} min before`;
}

/** The words of quick add's #project and @label suggestions. */
export const TAG_SUGGESTION_WORDS = {
  projects: 'Projects',
  labels: 'Labels',
  sections: 'Sections',
  help: 'Type # for a project, / for a section of it or @ for a label to pick an existing one with the arrow keys.',
} as const;

/** The words of links in a task's notes. */
export const NOTE_LINK_WORDS = {
  links: 'Links in the notes',
} as const;

/** The detail's comments section. */
export const COMMENT_WORDS = {
  heading: 'Comments',
  list: 'Comments',
  add: 'Add comment',
  post: 'Post',
  edit: 'Edit',
  editLabel: 'Edit comment',
  save: 'Save',
  cancel: 'Cancel',
  delete: 'Delete',
  deleted: 'Comment deleted',
  undo: 'Undo',
  hint: 'Enter posts, Shift+Enter starts a new line.',
} as const;
