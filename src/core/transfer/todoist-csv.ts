// Todoist's CSV export ("Export as template") as Tend tasks. Columns used: TYPE, CONTENT, DESCRIPTION,
// PRIORITY, INDENT, DATE, DATE_LANG, DURATION, DURATION_UNIT; the rest (AUTHOR, RESPONSIBLE, TIMEZONE...)
// has no Tend field.
//
// PRIORITY follows Todoist's documented CSV format ("Format a CSV file to import into Todoist"): 1 is p1
// (highest) ... 4 is p4 (lowest), the same scale as Tend's, so the number is kept as it is. (Todoist's
// REST API numbers priorities the other way round; that scale never appears in a CSV file.) An empty cell
// is read as no priority (P4), not as the p1 Todoist would give it: marking every task of a hand-made
// file urgent helps nobody.
//
// Tend has no duration: DURATION goes into the notes, with a warning, so nothing is dropped silently.
//
// `note` rows become comments of the task row above them, in file order (a note above every task, or
// under a task row that was skipped, is skipped with a warning rather than put on the wrong task).
//
// `section` rows become sections of the imported project (`sections: 'section'`), and the tasks below one
// go into it; the caller makes the section records, since only it knows the project's id.
import { MAX_COMMENT_LENGTH, commentTextSchema } from '../comment';
import { MAX_DEPTH } from '../hierarchy';
import { parseQuickAdd } from '../parse/quick-add';
import { nameSchema } from '../record-schema';
import { DATE_RE, taskChangesSchema } from '../task';
import type { NewTask } from '../task';
import { parseCsv } from './csv';
import { TransferError } from './errors';
import type { TransferProblem } from './errors';

/** A section to create in the imported project; `id` is chosen here so its tasks can name it. */
interface SectionDraft {
  id: string;
  name: string;
  /** Its place among the file's sections: 0, 1, 2... in file order. */
  order: number;
}

/** A comment to post on one of the imported tasks, in file order. */
interface CommentDraft {
  taskId: string;
  text: string;
}

export interface ParsedDate {
  due: string | null;
  recurrence: string | null;
}

export interface TodoistImportOptions {
  /** The Todoist project this file exported (Todoist names the file after it); null for the Inbox. */
  project: string | null;
  /** Local wall clock that relative dates ("tomorrow", "every monday") count from. */
  now: Date;
  /**
   * What a `section` row becomes: a section of the project with the tasks below it in it (the
   * default), a label on those tasks, or nothing. The Inbox (`project: null`) has no sections, so
   * there a section row becomes a label unless told otherwise.
   */
  sections?: 'section' | 'label' | 'ignore';
  parseDate?: (text: string, now: Date) => ParsedDate;
  /** Ids for the new tasks (the core has no random source of its own; tests pass a counter). */
  newId: () => string;
}

interface TodoistImport {
  /** Each with its id chosen here, so sub-tasks can name their parent. */
  tasks: NewTask[];
  /** The file's sections, in file order (only with `sections: 'section'`). */
  sections: SectionDraft[];
  /** The file's notes as comments of their tasks, in file order. */
  comments: CommentDraft[];
  /** Rows imported with a loss (e.g. a date Tend could not read, kept in the notes) or skipped. */
  warnings: TransferProblem[];
}

const TITLE_MAX = 500;
const NOTES_MAX = 20_000;
const ISO_DATETIME_RE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/;
const LABEL_RE = /(^|\s)@([^\s@#]+)/g;

/** Dates in Todoist's words through the quick-add parser; plain ISO dates directly. */
export function parseTodoistDate(text: string, now: Date): ParsedDate {
  const trimmed = text.trim();
  if (DATE_RE.test(trimmed)) return { due: trimmed, recurrence: null };
  const iso = ISO_DATETIME_RE.exec(trimmed);
  if (iso) return { due: `${iso[1]}T${iso[2]}`, recurrence: null };
  const { due, recurrence } = parseQuickAdd(trimmed, { now });
  return { due, recurrence };
}

export function parseTodoistCsv(text: string, options: TodoistImportOptions): TodoistImport {
  const { project, now, parseDate = parseTodoistDate, newId } = options;
  const sections = options.sections ?? (project === null ? 'label' : 'section');
  const rows = parseCsv(text);
  const header = rows[0]?.fields.map((name) => name.trim().toUpperCase()) ?? [];
  const column = (name: string) => header.indexOf(name);
  for (const required of ['TYPE', 'CONTENT']) {
    if (column(required) < 0) {
      throw new TransferError('invalid_csv', `Not a Todoist CSV export: no ${required} column`);
    }
  }
  const tasks: NewTask[] = [];
  const warnings: TransferProblem[] = [];
  /** Ids of the tasks imported at each INDENT level above this row, so sub-tasks can name theirs. */
  const parents: (string | undefined)[] = [];
  let section: string | null = null;
  const sectionDrafts: SectionDraft[] = [];
  /** The section the next tasks go into (with `sections: 'section'`). */
  let sectionId: string | null = null;
  const comments: CommentDraft[] = [];
  /** The id of the task row just above (null: none yet, a section row, or a row that was skipped). */
  let above: string | null = null;

  for (const row of rows.slice(1)) {
    const cell = (name: string) => (column(name) >= 0 ? (row.fields[column(name)] ?? '') : '');
    const at = `line ${row.line}`;
    const type = cell('TYPE').trim().toLowerCase();
    const content = cell('CONTENT');
    if (type === '' || type === 'meta') continue;
    if (type === 'section') {
      section = content.trim() || null;
      parents.length = 0;
      above = null;
      if (sections === 'section')
        sectionId = sectionFor(section, sectionDrafts, newId, at, warnings);
      continue;
    }
    if (type === 'note') {
      const comment = noteComment(content, above, at, warnings);
      if (comment) comments.push(comment);
      continue;
    }
    above = null;
    if (type !== 'task') {
      warnings.push({ at, message: `unknown row type "${type}" was skipped` });
      continue;
    }

    const { title: rawTitle, labels } = splitLabels(content);
    if (sections === 'label' && section) labels.push(section.replace(/\s+/g, '_'));
    let notes = cell('DESCRIPTION');
    let title = rawTitle;
    if (title.length > TITLE_MAX) {
      notes = joinNotes(title, notes);
      title = title.slice(0, TITLE_MAX).trim();
      warnings.push({ at, message: 'the title was shortened; the full text is in the notes' });
    }
    if (!title) {
      warnings.push({ at, message: 'a task without a title was skipped' });
      continue;
    }
    // INDENT 2, 3, 4 is a sub-task of the nearest row above with a smaller INDENT (Todoist's 4 levels).
    const indent = Math.min(MAX_DEPTH, Math.max(1, Number.parseInt(cell('INDENT'), 10) || 1));
    parents.length = indent - 1;
    const parentId = parents.findLast((id) => id !== undefined) ?? null;

    const id = newId();
    const draft: NewTask = {
      id,
      parentId,
      title,
      project,
      labels: [...new Set(labels)],
      priority: todoistPriority(cell('PRIORITY'), at, warnings),
    };
    if (sectionId) draft.sectionId = sectionId;
    let dateText = cell('DATE').trim();
    if (/^every!/i.test(dateText)) {
      // Todoist's "every!" repeats from the completion day; Tend repeats from the due date.
      dateText = dateText.replace(/^every!\s*/i, 'every ');
      warnings.push({
        at,
        message: 'repeats from its due date now, not from when it was completed',
      });
    }
    if (dateText) {
      const { due, recurrence } = readDate(dateText, cell('DATE_LANG'), now, parseDate);
      if (due === null && recurrence === null) {
        notes = joinNotes(notes, `Todoist date: ${dateText}`);
        warnings.push({
          at,
          message: `the date "${dateText}" was not understood; it is in the notes`,
        });
      }
      draft.due = due;
      draft.recurrence = recurrence;
    }
    const duration = todoistDuration(cell('DURATION'), cell('DURATION_UNIT'));
    if (duration) {
      notes = joinNotes(notes, `Todoist duration: ${duration}`);
      warnings.push({ at, message: `Tend has no duration; "${duration}" is in the notes` });
    }
    if (notes.length > NOTES_MAX) {
      notes = notes.slice(0, NOTES_MAX);
      warnings.push({ at, message: 'the notes were cut to 20,000 characters' });
    }
    if (notes) draft.notes = notes;
    const { id: _id, ...fields } = draft;
    const checked = taskChangesSchema.safeParse(fields);
    if (!checked.success) {
      const message = checked.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ');
      warnings.push({ at, message: `skipped (${message})` });
      continue;
    }
    tasks.push(draft);
    above = id;
    parents[indent - 1] = id;
  }
  return { tasks, sections: sectionDrafts, comments, warnings };
}

/** A `note` row as a comment of the task above it, or null (with a warning) when it cannot be one. */
function noteComment(
  content: string,
  above: string | null,
  at: string,
  warnings: TransferProblem[],
): CommentDraft | null {
  if (!above) {
    warnings.push({ at, message: 'a comment not under a task was skipped' });
    return null;
  }
  let text = content.trim();
  if (text.length > MAX_COMMENT_LENGTH) {
    text = text.slice(0, MAX_COMMENT_LENGTH);
    warnings.push({ at, message: 'the comment was cut to 20,000 characters' });
  }
  const checked = commentTextSchema.safeParse(text);
  if (!checked.success) {
    warnings.push({ at, message: `comment skipped (${checked.error.issues[0]?.message})` });
    return null;
  }
  return { taskId: above, text: checked.data };
}

/**
 * The id of the section a `section` row names, made on its first mention (a name repeated in the file,
 * in any case, is one section); null for an empty or unusable name, whose tasks then go in no section.
 */
function sectionFor(
  name: string | null,
  drafts: SectionDraft[],
  newId: () => string,
  at: string,
  warnings: TransferProblem[],
): string | null {
  if (name === null) return null;
  const checked = nameSchema.safeParse(name);
  if (!checked.success) {
    const message = checked.error.issues.map((i) => i.message).join('; ');
    warnings.push({ at, message: `the section was skipped (${message}); its tasks have none` });
    return null;
  }
  const key = checked.data.toLowerCase();
  const known = drafts.find((d) => d.name.toLowerCase() === key);
  if (known) return known.id;
  const draft = { id: newId(), name: checked.data, order: drafts.length };
  drafts.push(draft);
  return draft.id;
}

function readDate(
  text: string,
  lang: string,
  now: Date,
  parseDate: (text: string, now: Date) => ParsedDate,
): ParsedDate {
  const none = { due: null, recurrence: null };
  // The parser reads English; in another language only an ISO date can be trusted.
  const english = lang.trim() === '' || lang.trim().toLowerCase().startsWith('en');
  if (!english && !DATE_RE.test(text.trim())) return none;
  const result = parseDate(text, now);
  const valid = taskChangesSchema.safeParse({ due: result.due, recurrence: result.recurrence });
  return valid.success ? result : none;
}

function splitLabels(content: string): { title: string; labels: string[] } {
  const labels: string[] = [];
  const stripped = content.replace(LABEL_RE, (_match, space: string, label: string) => {
    labels.push(label);
    return space;
  });
  const title = stripped.replace(/\s+/g, ' ').trim();
  // A task that is only labels keeps its text as the title.
  return title ? { title, labels } : { title: content.replace(/\s+/g, ' ').trim(), labels };
}

function todoistPriority(value: string, at: string, warnings: TransferProblem[]): 1 | 2 | 3 | 4 {
  const trimmed = value.trim();
  if (trimmed === '') return 4;
  const n = Number(trimmed);
  if (n === 1 || n === 2 || n === 3 || n === 4) return n;
  warnings.push({ at, message: `priority "${trimmed}" is not 1-4; imported without priority` });
  return 4;
}

/** "90 minutes", "2 days": Todoist writes the amount and its unit (minute or day) in two columns. */
function todoistDuration(amount: string, unit: string): string | null {
  const n = Number(amount.trim());
  if (amount.trim() === '' || !Number.isFinite(n) || n <= 0) return null;
  const word = unit.trim().toLowerCase().replace(/s$/, '') || 'minute';
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function joinNotes(a: string, b: string): string {
  return [a.trim(), b.trim()].filter(Boolean).join('\n\n');
}
