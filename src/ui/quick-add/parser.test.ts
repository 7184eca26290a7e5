import { expect, it, vi } from 'vitest';

it('loads the rules parser again after a load that failed (offline, the chunk not cached)', async () => {
  let offline = true;
  vi.doMock('./lazy-rules-parser', async (importOriginal) => {
    if (offline) throw new Error('Failed to fetch dynamically imported module');
    return importOriginal();
  });
  const { loadParser } = await import('./parser');
  await expect(loadParser()).rejects.toThrow();

  offline = false;
  const parse = await loadParser();
  const result = parse('Call mom p1 #Family', { now: new Date(2026, 11, 3, 9) });
  expect(result).toMatchObject({ title: 'Call mom', priority: 1, project: 'Family' });
  vi.doUnmock('./lazy-rules-parser');
});
