// The detail panel's form model: a draft of the task's editable fields as strings, validated into a
// change set for the store, with errors keyed by field so each shows beside its input.
import { parseQuickAdd } from '../../core/parse/quick-add';
import { describeRecurrence } from '../../core/recurrence';
import type { Priority, Task, TaskChanges } from '../../core/task';

export interface DetailDraft {
  title: string;
  notes: string;
  dueDate: string;
  dueTime: string;
  priority: string;
  project: string;
  labels: string;
  /** An RRULE from the preset list, '' for none, or CUSTOM to use `recurrenceText`. */
  recurrence: string;
  recurrenceText: string;
}

export type DraftField = keyof DetailDraft;
export type DraftErrors = Partial<Record<DraftField | 'form', string>>;

export const CUSTOM_RECURRENCE = 'custom';

export const RECURRENCE_PRESETS: { value: string; label: string }[] = [
  { value: '', label: 'Does not repeat' },
  { value: 'FREQ=DAILY', label: 'Every day' },
  { value: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', label: 'Every weekday' },
  { value: 'FREQ=WEEKLY', label: 'Every week' },
  { value: 'FREQ=WEEKLY;INTERVAL=2', label: 'Every 2 weeks' },
  { value: 'FREQ=MONTHLY', label: 'Every month' },
  { value: 'FREQ=YEARLY', label: 'Every year' },
];

function draftFromTask(task: Task): DetailDraft {
  const preset = RECURRENCE_PRESETS.some((p) => p.value === (task.recurrence ?? ''));
  return {
    title: task.title,
    notes: task.notes,
    dueDate: task.due ? task.due.slice(0, 10) : '',
    dueTime: task.due && task.due.length > 10 ? task.due.slice(11, 16) : '',
    priority: String(task.priority),
    project: task.project ?? '',
    labels: task.labels.map((l) => `@${l}`).join(' '),
    recurrence: preset ? (task.recurrence ?? '') : CUSTOM_RECURRENCE,
    recurrenceText: preset || !task.recurrence ? '' : describeRecurrence(task.recurrence),
  };
}

/** "@home, errands @Deep work" -> ["home", "errands", "Deep work"] is ambiguous; we split on commas and @. */
function parseLabels(text: string): string[] {
  const parts = text.includes('@') ? text.split('@') : text.split(',');
  const labels = parts.map((p) => p.replace(/,/g, ' ').trim()).filter(Boolean);
  return [...new Set(labels)];
}

/**
 * Validates the draft against the task and returns only the fields that changed, or the errors.
 * The store validates again with the schema; these checks exist to point at the right input.
 */
export function changesFromDraft(
  draft: DetailDraft,
  task: Task,
  now: Date,
): { changes: TaskChanges; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const title = draft.title.trim();
  if (!title) errors.title = 'Title is required.';
  else if (title.length > 500)
    errors.title = `Title is at most 500 characters (now ${title.length}).`;
  if (draft.notes.length > 20_000) errors.notes = 'Notes are at most 20,000 characters.';

  let due: string | null = null;
  if (draft.dueDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.dueDate)) errors.dueDate = 'Enter a date as YYYY-MM-DD.';
    else due = draft.dueDate;
    if (draft.dueTime) {
      if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.dueTime))
        errors.dueTime = 'Enter a time as HH:MM.';
      else if (due) due = `${due}T${draft.dueTime}`;
    }
  } else if (draft.dueTime) {
    errors.dueTime = 'Choose a date for this time, or clear the time.';
  }

  const project = draft.project.trim().replace(/^#/, '') || null;
  if (project && project.length > 100) errors.project = 'Project names are at most 100 characters.';
  const labels = parseLabels(draft.labels);
  if (labels.some((l) => l.length > 100)) errors.labels = 'Labels are at most 100 characters each.';

  let recurrence: string | null = draft.recurrence || null;
  if (draft.recurrence === CUSTOM_RECURRENCE) {
    const unchanged =
      task.recurrence && draft.recurrenceText === describeRecurrence(task.recurrence);
    if (unchanged) recurrence = task.recurrence;
    else if (!draft.recurrenceText.trim()) recurrence = null;
    else {
      const text = draft.recurrenceText.trim();
      recurrence = parseQuickAdd(
        /^every\b|^daily|^weekly|^monthly|^yearly/i.test(text) ? text : `every ${text}`,
        {
          now,
        },
      ).recurrence;
      if (!recurrence)
        errors.recurrenceText = `“${text}” is not a repeat rule Tend understands. Try “every 2 weeks” or “every month on the 15th”.`;
    }
  }

  const priority = Number(draft.priority) as Priority;
  const next: TaskChanges = {
    title,
    notes: draft.notes,
    due,
    priority: [1, 2, 3, 4].includes(priority) ? priority : task.priority,
    project,
    labels,
    recurrence,
  };
  const changes: TaskChanges = {};
  for (const [key, value] of Object.entries(next) as [keyof TaskChanges, unknown][]) {
    if (JSON.stringify(value) !== JSON.stringify(task[key]))
      (changes as Record<string, unknown>)[key] = value;
  }
  return { changes, errors };
}

/** The task fields each draft field writes. */
const TASK_FIELD_OF: Record<DraftField, keyof TaskChanges> = {
  title: 'title',
  notes: 'notes',
  dueDate: 'due',
  dueTime: 'due',
  priority: 'priority',
  project: 'project',
  labels: 'labels',
  recurrence: 'recurrence',
  recurrenceText: 'recurrence',
};

/** The changes whose inputs hold no error: a bad date must not hold back a good title. */
export function withoutInvalid(changes: TaskChanges, errors: DraftErrors): TaskChanges {
  const blocked = new Set(
    (Object.keys(errors) as (DraftField | 'form')[])
      .filter((field) => field !== 'form' && errors[field])
      .map((field) => TASK_FIELD_OF[field as DraftField]),
  );
  return Object.fromEntries(
    Object.entries(changes).filter(([field]) => !blocked.has(field as keyof TaskChanges)),
  ) as TaskChanges;
}

/**
 * The draft after the stored task changed: every field shows the task's value except those the user
 * is typing into (`typing`), which keep their text. With no draft yet, the task's values.
 */
export function followTask(
  draft: DetailDraft | null,
  task: Task,
  typing: ReadonlySet<DraftField>,
): DetailDraft {
  const fresh = draftFromTask(task);
  if (!draft) return fresh;
  const next = { ...fresh };
  for (const field of typing) next[field] = draft[field];
  return next;
}

const FIELD_OF: Record<string, DraftField> = {
  title: 'title',
  notes: 'notes',
  due: 'dueDate',
  priority: 'priority',
  project: 'project',
  labels: 'labels',
  recurrence: 'recurrenceText',
};

/** Places a store validation message ("due: Due is not a real calendar date") beside its input. */
export function errorsFromStoreMessage(message: string): DraftErrors {
  const errors: DraftErrors = {};
  for (const part of message.split('; ')) {
    const match = /^([a-zA-Z]+)(?:\.\d+)?: (.*)$/.exec(part);
    const field = match ? FIELD_OF[match[1]] : undefined;
    if (field && match) errors[field] = match[2];
    else errors.form = errors.form ? `${errors.form} ${part}` : part;
  }
  return errors;
}
