// Text every store accepts: no NUL (PostgreSQL text and jsonb refuse it) and no unpaired UTF-16 surrogate
// (not valid Unicode: jsonb refuses the escape, UTF-8 encoders silently replace it). Client values are
// checked here, in the core schema, so bad input is a validation error on every side, never a 500.

// Without the `u` flag the pattern sees UTF-16 code units, which is what finds an unpaired surrogate.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSAFE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE = 'Must not contain NUL or unpaired surrogate characters';

export function isSafeText(value: string): boolean {
  return !UNSAFE.test(value);
}

/** True when every string in a JSON-like value (keys included) is safe text. */
export function isSafeJson(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isSafeText(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth > 32) return false;
  if (Array.isArray(value)) return value.every((v) => isSafeJson(v, depth + 1));
  return Object.entries(value).every(([k, v]) => isSafeText(k) && isSafeJson(v, depth + 1));
}

/** The first and last instants a stored time may have: from the Unix epoch to the end of year 9999. */
export const MIN_INSTANT = 0;
export const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A UTC ISO time as `toISOString` writes it, naming a real calendar instant (no Feb 30, no T24:00). */
export function isRealIsoInstant(iso: string): boolean {
  const millis = Date.parse(iso);
  return millis >= MIN_INSTANT && millis <= MAX_INSTANT && new Date(millis).toISOString() === iso;
}
