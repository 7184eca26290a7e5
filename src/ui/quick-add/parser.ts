// The rules parser is loaded right after first paint rather than with the page: it is ~9 KB gzip that
// the first render does not need. Until it arrives, text is taken as a plain title (no chips).
import type { ParseOptions, QuickAddResult } from '../../core/parse/quick-add';

export type Parse = (text: string, options: ParseOptions) => QuickAddResult;

let loaded: Parse | null = null;
let describe: ((rrule: string) => string) | null = null;
let pending: Promise<Parse> | null = null;

export function loadParser(): Promise<Parse> {
  pending ??= import('./lazy-rules-parser').then(
    (module) => {
      describe = module.describeRecurrence;
      return (loaded = module.parseQuickAdd);
    },
    (error: unknown) => {
      // Offline with the chunk not cached, say: the next capture or focus tries again.
      pending = null;
      throw error;
    },
  );
  return pending;
}

/** "every 2 weeks" once the parser chunk is here; chips only exist after a parse, so it always is. */
export function describeLoadedRecurrence(rrule: string): string {
  return describe ? describe(rrule) : rrule;
}

/** The parser if it has loaded, else null. */
export function loadedParser(): Parse | null {
  return loaded;
}

/** What a phrase means before the parser has loaded: all title. */
export function plainResult(text: string): QuickAddResult {
  return {
    title: text.replace(/\s+/g, ' ').trim(),
    due: null,
    priority: 4,
    project: null,
    section: null,
    labels: [],
    recurrence: null,
    reminders: [],
    chips: [],
  };
}
