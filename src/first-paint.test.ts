// What the page's entry loads before its first paint: the modules src/main.tsx reaches through static
// imports (type-only imports and `import()` excluded). Libraries kept out of it load after the paint.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('.', import.meta.url));
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)';/gm;

function resolveModule(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      /* not this one */
    }
  }
  throw new Error(`${from}: cannot resolve ${spec}`);
}

/** Every package and source file reached from `entry` through static value imports. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!/\.tsx?$/.test(file)) return;
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const next = resolveModule(file, spec!);
      if (next) visit(next);
      else packages.add(spec!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('the first paint', () => {
  const graph = staticGraph(resolve(srcDir, 'main.tsx'));

  it('reaches the shell through static imports', () => {
    expect([...graph.files].some((f) => f.endsWith('ui/App.tsx'))).toBe(true);
    expect(graph.packages).toContain('solid-js');
  });

  it('loads no record schemas (zod): validation comes with the first write or section read', () => {
    expect([...graph.packages].filter((p) => p.startsWith('zod'))).toEqual([]);
  });

  it('loads no Dexie: the database module and Dexie come with one import() as the entry starts', () => {
    expect(graph.packages).not.toContain('dexie');
    expect([...graph.files].filter((f) => f.endsWith('db/database.ts'))).toEqual([]);
  });
});
