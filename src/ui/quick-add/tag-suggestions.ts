// What quick add offers while a #project, /section or @label is being typed: the existing names that continue
// what was typed (spaces included, so "#Home R" offers "Home Renovation"), and the text once one is chosen.

interface TagQuery {
  sigil: '#' | '@' | '/';
  /** Offset of the sigil. */
  start: number;
  /** Offset of the caret: the typed part ends here. */
  end: number;
  query: string;
}

const MAX_QUERY = 100;
const SUGGESTION_LIMIT = 8;

/** The #, @ or / being typed before the caret, or null. A sigil counts at the start or after a space or "(". */
export function tagQueryAt(text: string, caret: number): TagQuery | null {
  const from = Math.max(0, caret - MAX_QUERY - 1);
  for (let i = caret - 1; i >= from; i--) {
    const c = text[i];
    if (c === '\n' || c === '"') return null;
    if ((c === '#' || c === '@' || c === '/') && (i === 0 || /[\s(]/.test(text[i - 1]))) {
      return { sigil: c, start: i, end: caret, query: text.slice(i + 1, caret) };
    }
  }
  return null;
}

/**
 * Names that start with the query first, then names containing it; a bare sigil offers the first few.
 * A name typed in full is not offered again, and "# " or "@ 7pm" is not a tag.
 */
export function suggestNames(query: string, names: readonly string[]): string[] {
  const q = query.toLowerCase();
  if (/^\s/.test(q)) return [];
  const unique = [...new Set(names)].filter((n) => n.toLowerCase() !== q);
  const starts = unique.filter((n) => n.toLowerCase().startsWith(q));
  const contains = unique.filter(
    (n) => !n.toLowerCase().startsWith(q) && n.toLowerCase().includes(q),
  );
  return [...starts, ...contains].slice(0, SUGGESTION_LIMIT);
}

/** The text with the typed part replaced by the chosen name and a space, and where the caret goes. */
export function insertName(
  text: string,
  tag: TagQuery,
  name: string,
): { text: string; caret: number } {
  const before = text.slice(0, tag.start) + tag.sigil + name + ' ';
  const after = text.slice(tag.end).replace(/^ /, '');
  return { text: before + after, caret: before.length };
}
