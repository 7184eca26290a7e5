// The scrubber sees every log line, request paths included, so its cost must grow linearly with the line:
// a quadratic pattern let one 16 KB path block the server for half a second. Timing is compared as a
// scaling ratio within one run (16x the input must cost about 16x, not 256x), never as absolute time.
import { describe, expect, it } from 'vitest';
import { createScrubber } from './scrub';

const scrub = createScrubber(['a-configured-secret-value']);

/** Hostile paths, one per pattern that used to backtrack over a long run. */
const HOSTILE: Record<string, (bytes: number) => string> = {
  'one long word (e-mail local part)': (n) => 'a'.repeat(n),
  'dotted run (e-mail local part)': (n) => 'a.'.repeat(n / 2),
  'repeated JWT prefix': (n) => 'eyJ'.repeat(Math.ceil(n / 3)),
  'repeated URL userinfo': (n) => 'x://y:'.repeat(Math.ceil(n / 6)),
  'repeated domain': (n) => `a@${'b-'.repeat(n / 2)}`,
};

const line = (path: string) => JSON.stringify({ level: 30, msg: 'request', path });

/** Best of several runs of at least ~20 ms each, in ms per call: robust to a loaded machine. */
function costPerCall(input: string): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < 20) {
      scrub(input);
      calls += 1;
      elapsed = performance.now() - start;
    }
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

/** Linear growth gives a ratio near the size ratio (16); quadratic, its square (256). */
function growth(make: (bytes: number) => string, small: number, large: number): number {
  return costPerCall(line(make(large))) / costPerCall(line(make(small)));
}

describe('log scrubber cost', () => {
  // Set when a growth check fails: a quadratic scrubber would then take hours on the 1 MB line.
  let quadratic = false;

  it.each(Object.entries(HOSTILE))('grows linearly with the line: %s', (_name, make) => {
    // 1 KB -> 16 KB first, so a quadratic scrubber fails in seconds instead of hanging on 256 KB.
    quadratic = true;
    expect(growth(make, 1024, 16 * 1024)).toBeLessThan(64);
    expect(growth(make, 16 * 1024, 256 * 1024)).toBeLessThan(64);
    quadratic = false;
  });

  it('scrubs a 1 MB path and still masks what it must', () => {
    if (quadratic) throw new Error('not run: the scrubber does not scale linearly (see above)');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLXZhbHVl';
    const path = `${'a.'.repeat(512 * 1024)}/${jwt}/alice@example.com/a-configured-secret-value`;
    const out = scrub(line(path));
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('alice@example.com');
    expect(out).not.toContain('a-configured-secret-value');
    expect(out).toContain('[redacted-jwt]');
  });

  it('still masks the usual shapes', () => {
    const out = scrub(
      'Authorization: Bearer abcdefgh12345678 postgres://tend:hunter2pass@db.example:5432/x bob.smith+tag@mail.example.org',
    );
    expect(out).toBe(
      'Authorization: Bearer [redacted] postgres://tend:[redacted]@db.example:5432/x b***@mail.example.org',
    );
  });
});
