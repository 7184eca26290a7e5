// The quick-add contract: the UI, the CLI and the AI fallback all code against these types.
import type { ReminderDraft } from './reminder-rules.ts';
import type { KnownNames } from './known-names.ts';

export type ChipKind =
  'due' | 'recurrence' | 'priority' | 'project' | 'section' | 'label' | 'reminder';

/** A detected part of the input; `start`/`end` are offsets into the original text. */
export interface Chip {
  kind: ChipKind;
  start: number;
  end: number;
  text: string;
}

export interface QuickAddResult {
  title: string;
  /** `YYYY-MM-DD` or local `YYYY-MM-DDTHH:mm`. */
  due: string | null;
  priority: 1 | 2 | 3 | 4;
  project: string | null;
  /** A section of the project, by name (`/Shopping`); only names passed in `known.sections` are read. */
  section: string | null;
  labels: string[];
  /** RFC 5545 RRULE without the `RRULE:` prefix, e.g. `FREQ=WEEKLY;BYDAY=TU,TH`. */
  recurrence: string | null;
  /** Reminders from `!` ("!30 min before", "!2pm"), without ids: the store gives each its own. */
  reminders: ReminderDraft[];
  chips: Chip[];
}

export interface ParseOptions {
  /** Local wall clock of the process or browser. */
  now: Date;
  /** Chips the user dismissed: their text stays in the title and is not detected again. */
  dismissed?: ReadonlyArray<{ kind: ChipKind; text: string }>;
  /** Existing project and label names, so a name with spaces is read whole ("#Home Renovation"). */
  known?: KnownNames;
}
