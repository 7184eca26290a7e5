// Names the user already has may contain spaces: "#Home Renovation" is one project only because that
// project exists. The caller passes the names in, so the parser stays pure.

export interface KnownNames {
  projects?: readonly string[];
  labels?: readonly string[];
  /** The sections of the project the task goes to: only these are read after `/`. */
  sections?: readonly string[];
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** The longest of `names` written at `index` (any case) and ending where a word ends, or null. */
export function knownNameAt(text: string, index: number, names: readonly string[]): string | null {
  let best: string | null = null;
  for (const name of names) {
    if (!name || (best && name.length <= best.length)) continue;
    const written = text.slice(index, index + name.length);
    if (written.toLowerCase() !== name.toLowerCase()) continue;
    if (WORD_CHAR.test(text.charAt(index + name.length))) continue;
    best = name;
  }
  return best;
}
