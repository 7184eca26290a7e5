// An import failure as one sentence plus where in the file it failed. The sentences themselves come
// from messages.ts; this only lists the first problems. It lives with Settings, the one place imports run.
import { describeError, field, messageForCode } from '../messages';

const SHOWN_PROBLEMS = 3;

/** The sentence for a failed import, plus where in the file it failed when known. */
export function describeImportError(error: unknown): string {
  const code = field(error, 'code');
  const known = typeof code === 'string' ? messageForCode(code) : undefined;
  const base = known ?? describeError(error);
  const details = field(error, 'details');
  if (!known || !Array.isArray(details) || details.length === 0) return base;
  const problems = details
    .slice(0, SHOWN_PROBLEMS)
    .map((p) => `${String(field(p, 'at'))}: ${String(field(p, 'message'))}`);
  const more = details.length - SHOWN_PROBLEMS;
  return `${base} ${problems.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}.`;
}
