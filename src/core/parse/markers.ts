// Explicit markers: priority (p1..p4, !!1..!!4), #project, @label and /section. Word-bounded, so "mp1",
// "a@b.com" and "x.com/#anchor" stay text. A known name with spaces ("#Home Renovation") is one marker.
// A `/section` is read only when it names a known section ("/Shopping"), so "and/or", "1/2" and
// "/r/cats" stay text.
import { knownNameAt, type KnownNames } from './known-names.ts';

export interface Marker {
  kind: 'priority' | 'project' | 'label' | 'section';
  start: number;
  end: number;
  value: string;
}

const NAME =
  "[\\p{L}\\p{N}\\p{Extended_Pictographic}_\\-/'’.]*[\\p{L}\\p{N}\\p{Extended_Pictographic}_]";
const PRIORITY = /(?<=^|[\s(])(?:p|!!)([1-4])(?=$|[\s,.;!?)])/giu;
const TAG = new RegExp(`(?<=^|[\\s(])([#@])(?:"([^"\\n]{1,100})"|(${NAME}))`, 'gu');

const SLASH = /(?<=^|[\s(])\//gu;

/** "@5pm" and "@ 7pm" are times, not labels. */
const LOOKS_LIKE_TIME = /^\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?$/i;

export function findMarkers(text: string, known: KnownNames = {}): Marker[] {
  const markers: Marker[] = [];
  let taggedUpTo = 0;
  for (const m of text.matchAll(PRIORITY)) {
    markers.push({ kind: 'priority', start: m.index, end: m.index + m[0].length, value: m[1] });
  }
  for (const m of text.matchAll(TAG)) {
    if (m.index < taggedUpTo) continue; // inside a known name: "#Home Renovation @Renovation" is fine
    const kind = m[1] === '#' ? 'project' : 'label';
    const list = (kind === 'project' ? known.projects : known.labels) ?? [];
    const name = m[3] ? knownNameAt(text, m.index + 1, list) : null;
    if (name && name.length > m[3].length) {
      taggedUpTo = m.index + 1 + name.length;
      markers.push({ kind, start: m.index, end: taggedUpTo, value: name });
      continue;
    }
    const value = m[2] ?? m[3];
    if (!/[\p{L}\p{Extended_Pictographic}]/u.test(value) || LOOKS_LIKE_TIME.test(value)) continue; // "#404" is an issue number
    markers.push({ kind, start: m.index, end: m.index + m[0].length, value });
  }
  for (const m of text.matchAll(SLASH)) {
    const name = knownNameAt(text, m.index + 1, known.sections ?? []);
    const end = m.index + 1 + (name?.length ?? 0);
    const inTag = markers.some((t) => t.kind !== 'priority' && m.index < t.end && t.start < end);
    if (name && !inTag) markers.push({ kind: 'section', start: m.index, end, value: name });
  }
  // A priority spelled inside a known name ("#Plan p1 launch") is part of the name.
  const tags = markers.filter((m) => m.kind !== 'priority');
  return markers
    .filter((m) => m.kind !== 'priority' || !tags.some((t) => m.start < t.end && t.start < m.end))
    .sort((a, b) => a.start - b.start);
}
