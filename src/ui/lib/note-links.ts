// Links in a task's notes, found so the detail view can render them as anchors. Only http and https
// become links: a "javascript:" or "data:" text stays text, and the UI renders text nodes and anchors,
// never HTML, so nothing in a note can inject markup.

type NoteSegment = { text: string; href?: undefined } | { text: string; href: string };

const URL_LIKE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Sentence punctuation after a link ("see https://x.org.") is not part of it. */
const TRAILING = /[.,;:!?)\]}]+$/;

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The notes cut into text and link segments, in order; joined, the texts are the notes unchanged. */
export function splitNoteLinks(notes: string): NoteSegment[] {
  const segments: NoteSegment[] = [];
  let from = 0;
  for (const m of notes.matchAll(URL_LIKE)) {
    let raw = m[0];
    const trailing = TRAILING.exec(raw);
    // Keep a closing parenthesis the link opened itself: https://en.wikipedia.org/wiki/Tend_(app)
    if (trailing && !(raw.includes('(') && trailing[0] === ')')) {
      raw = raw.slice(0, -trailing[0].length);
    }
    const href = safeHref(raw);
    if (!href) continue;
    if (m.index > from) segments.push({ text: notes.slice(from, m.index) });
    segments.push({ text: raw, href });
    from = m.index + raw.length;
  }
  if (from < notes.length) segments.push({ text: notes.slice(from) });
  return segments;
}

export const hasNoteLinks = (notes: string): boolean => splitNoteLinks(notes).some((s) => s.href);
