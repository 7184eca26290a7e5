// Re-stamping after `clock_drift`: the server refused timestamps because the device clock runs ahead of
// its own. The clock is rebased onto the server's time and every pending change stamped ahead of it gets
// a new timestamp, in the old order, so the changes go through and still sort after those they followed.
// Pure, so the page and the convergence property test run the same steps.
import { formatHlc, parseHlc } from '../hlc';
import type { Clock } from '../hlc';
import type { AnyRecord } from '../merge';

const millisOf = (hlc: string) => parseHlc(hlc).millis;
const isoOf = (hlc: string) => new Date(millisOf(hlc)).toISOString();

/** Reads the device clock (`deviceNow`, uncorrected) with the server's offset and restarts at its time. */
export function rebaseOnServer(clock: Clock, serverMillis: number, deviceNow: number): void {
  clock.rebase(
    serverMillis - deviceNow,
    formatHlc({ millis: serverMillis, counter: 0, node: clock.nodeId }),
  );
}

/** The pending changes stamped ahead of the server, oldest first, each with its new timestamp. */
export function restampAhead<M extends { hlc: string }>(
  clock: Clock,
  pending: readonly M[],
  serverMillis: number,
): { entry: M; hlc: string }[] {
  return pending
    .filter((m) => millisOf(m.hlc) > serverMillis)
    .sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0))
    .map((entry) => ({ entry, hlc: clock.tick() }));
}

/**
 * The record with the fields last written under `from` moved to `to`, and updatedAt brought down to its
 * newest field clock. createdAt stays: whichever stamp the server ends up applying, the full resync that
 * follows brings the earlier time (min over writes) from the server, so replicas agree.
 */
export function restampRecord<R extends AnyRecord>(stored: R, from: string, to: string): R {
  const clock: Record<string, string | undefined> = { ...stored.clock };
  const record = { ...stored, clock } as R;
  // Every key of a clock is a synced field of its record's kind (the merge writes no other).
  for (const field of Object.keys(clock)) if (clock[field] === from) clock[field] = to;
  const newest = Object.values(record.clock)
    .filter((h): h is string => h !== undefined)
    .sort()
    .at(-1);
  if (newest) record.updatedAt = isoOf(newest);
  return record;
}
