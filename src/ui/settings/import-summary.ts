// What a finished import says: how many tasks, where they went, which reading of the file's numbers was
// used, and the first rows that needed attention.
import type { TransferProblem } from '../../core/transfer/errors';
import { plural } from '../messages';

const SHOWN_WARNINGS = 3;

/** Todoist's CSV numbers priorities as its app shows them; the summary says so, so nobody has to guess. */
const TODOIST_PRIORITY_NOTE =
  'Priorities were read as Todoist’s CSV format defines them: 1 is P1 (highest), 4 is P4.';

export function describeTodoistImport(
  imported: number,
  project: string | null,
  warnings: TransferProblem[],
  comments = 0,
): string {
  const where = project ? ` into ${project}` : '';
  const what = comments
    ? `${plural(imported, 'task')} and ${plural(comments, 'comment')}`
    : plural(imported, 'task');
  const attention = warnings.length
    ? ` ${plural(warnings.length, 'row')} needed attention: ${warnings
        .slice(0, SHOWN_WARNINGS)
        .map((w) => `${w.at}: ${w.message}`)
        .join(
          '; ',
        )}${warnings.length > SHOWN_WARNINGS ? ` (and ${warnings.length - SHOWN_WARNINGS} more)` : ''}.`
    : '';
  return `Imported ${what} from Todoist${where}. ${TODOIST_PRIORITY_NOTE}${attention}`;
}
