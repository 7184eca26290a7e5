// Fractional ordering: a moved task takes a number between its new neighbours, so a reorder is one
// write of one field (and merges per field like any other edit).

/** A number strictly between `above` and `below` (either may be missing), or null when there is no room. */
export function orderBetween(above: number | null, below: number | null): number | null {
  if (above === null && below === null) return 0;
  if (above === null) return (below as number) - 1;
  if (below === null) return above + 1;
  const mid = above + (below - above) / 2;
  return above < mid && mid < below ? mid : null;
}
