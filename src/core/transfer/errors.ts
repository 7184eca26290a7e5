// The one error type of import/export: `code` for the UI's message table, `details` naming each problem.

type TransferErrorCode =
  'invalid_json' | 'invalid_export' | 'unsupported_version' | 'invalid_records' | 'invalid_csv';

export interface TransferProblem {
  /** Where: a JSON path such as `tasks.3.title`, or `line 12` of a CSV file. */
  at: string;
  message: string;
}

export class TransferError extends Error {
  constructor(
    readonly code: TransferErrorCode,
    message: string,
    readonly details: TransferProblem[] = [],
  ) {
    super(details.length ? `${message}: ${describeProblems(details)}` : message);
    this.name = 'TransferError';
  }
}

const SHOWN_PROBLEMS = 5;

function describeProblems(problems: TransferProblem[]): string {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `${p.at}: ${p.message}`);
  const more = problems.length - SHOWN_PROBLEMS;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}
