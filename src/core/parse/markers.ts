// Explicit markers: priority (p1..p4, !!1..!!4), #project and @label. Word-bounded, so "mp1",
// "a@b.com" and "x.com/#anchor" stay text.

export interface Marker {
  kind: 'priority' | 'project' | 'label';
  start: number;
  end: number;
  value: string;
}

const NAME =
  "[\\p{L}\\p{N}\\p{Extended_Pictographic}_\\-/'’.]*[\\p{L}\\p{N}\\p{Extended_Pictographic}_]";
const PRIORITY = /(?<=^|[\s(])(?:p|!!)([1-4])(?=$|[\s,.;!?)])/giu;
const TAG = new RegExp(`(?<=^|[\\s(])([#@])(?:"([^"\\n]{1,100})"|(${NAME}))`, 'gu');

/** "@5pm" and "@ 7pm" are times, not labels. */
const LOOKS_LIKE_TIME = /^\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?$/i;

export function findMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  for (const m of text.matchAll(PRIORITY)) {
    markers.push({ kind: 'priority', start: m.index, end: m.index + m[0].length, value: m[1] });
  }
  for (const m of text.matchAll(TAG)) {
    const value = m[2] ?? m[3];
    if (!/[\p{L}\p{Extended_Pictographic}]/u.test(value) || LOOKS_LIKE_TIME.test(value)) continue; // "#404" is an issue number
    markers.push({
      kind: m[1] === '#' ? 'project' : 'label',
      start: m.index,
      end: m.index + m[0].length,
      value,
    });
  }
  return markers.sort((a, b) => a.start - b.start);
}
