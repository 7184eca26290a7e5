// The title left after detected parts are cut out: collapsed spaces, no dangling "at"/"on" or commas.

export interface Range {
  start: number;
  end: number;
}

const GAP = '\uE001';
const DANGLING_BEFORE_GAP = new RegExp(
  `(^|\\s)(?:on|at|by|due|from|starting|until|till|before|around|@)\\s*(?=${GAP})`,
  'giu',
);

export function buildTitle(text: string, removed: readonly Range[]): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  if (removed.length === 0) return collapsed;
  let out = '';
  let cursor = 0;
  for (const r of [...removed].sort((a, b) => a.start - b.start)) {
    out += text.slice(cursor, r.start) + GAP;
    cursor = Math.max(cursor, r.end);
  }
  out += text.slice(cursor);
  let previous: string;
  do {
    previous = out;
    out = out.replace(DANGLING_BEFORE_GAP, '$1');
  } while (out !== previous);
  const title = out
    .replace(new RegExp(`${GAP}(?:\\s*[,;&]?\\s*${GAP})+`, 'gu'), GAP) // "@a, @b" leaves no comma
    .replace(new RegExp(`\\s*${GAP}[\\s${GAP}]*`, 'gu'), ` ${GAP} `)
    .replace(new RegExp(`(?:\\(\\s*${GAP}\\s*\\)|\\[\\s*${GAP}\\s*\\])`, 'gu'), GAP)
    .replace(new RegExp(`[,;:]\\s*${GAP}\\s*(?=[,;:.!?]|$)`, 'gu'), GAP)
    .replace(new RegExp(`${GAP}\\s*\\.$`, 'u'), '') // "Buy milk tomorrow." -> "Buy milk"
    .replace(new RegExp(GAP, 'gu'), ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/,(?:\s*,)+/g, ',')
    .replace(/^[\s,;:\-–—]+|[\s,;:\-–—]+$/g, '')
    .trim();
  return title;
}
