// Runs in Chromium: the benchmark's browser side. Bundled to an IIFE by run.ts; exposes `tendBench`.
import { openTendDb } from '../../src/db/database';
import type { TaskRecord } from '../../src/core/merge';
import { pullChanges } from '../../src/sync/pull';
import { withIndexFields } from '../../src/db/task-index';

interface BenchInput {
  baseUrl: string;
  token: string;
  limit: number;
  run: number;
}

async function timeInitialSync({ baseUrl, token, limit, run }: BenchInput) {
  const db = openTendDb(`bench-sync-${run}`);
  const t0 = performance.now();
  const result = await pullChanges({
    db,
    fetch: fetch.bind(globalThis),
    baseUrl,
    getAccessToken: async () => token,
    limit,
  });
  const pullApplyMs = performance.now() - t0;
  const stored = await db.tasks.count();
  db.close();

  // Baseline floor, same run: the same pages fetched and parsed only, then one raw bulkPut of them.
  const t1 = performance.now();
  const records: TaskRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cursor) q.set('cursor', cursor);
    const res = await fetch(`${baseUrl}/api/sync/pull?${q}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const page = (await res.json()) as { tasks: TaskRecord[]; cursor: string; hasMore: boolean };
    records.push(...page.tasks);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const fetchOnlyMs = performance.now() - t1;
  // Diagnostic: the CPU the tasks table's middleware spends deriving index fields (the status via toTask).
  const t3 = performance.now();
  for (const r of records) withIndexFields(r);
  const indexFieldsMs = performance.now() - t3;
  const raw = openTendDb(`bench-raw-${run}`);
  const t2 = performance.now();
  // The table's middleware derives the index fields, as it does for the sync path.
  await raw.tasks.bulkPut(records);
  const bulkPutOnlyMs = performance.now() - t2;
  raw.close();
  return {
    pullApplyMs,
    fetchOnlyMs,
    bulkPutOnlyMs,
    indexFieldsMs,
    received: result.received,
    stored,
  };
}

(globalThis as unknown as { tendBench: unknown }).tendBench = { timeInitialSync };
