// bench:sync-client — initial sync of 10,000 tasks onto a new device (pull + Dexie apply) in Chromium,
// against the real server (`scripts/start.mjs`, embedded PGlite, throw-away DATA_DIR). Prints JSON; the
// baseline (same run) is fetching the same pages and one raw bulkPut, i.e. the floor without merge,
// per-page transactions and cursor writes.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { createMutation } from '../../src/core/merge.ts';
import { formatHlc } from '../../src/core/hlc.ts';
import { createTask } from '../../src/core/task.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/support/chromium.ts';

const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LIMIT_MS = 1_500;
const PORT = Number(process.env.BENCH_PORT ?? 8874);

function mutations() {
  const t0 = Date.parse('2026-11-26T09:00:00.000Z');
  return Array.from({ length: TASKS }, (_, i) => {
    const id = `0193b5a0-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const task = createTask(
      {
        title: `Task ${i}`,
        notes: i % 3 ? '' : 'some notes here',
        labels: i % 5 ? [] : ['home'],
        project: i % 2 ? 'Work' : null,
        order: i,
      },
      { id, now: new Date(t0).toISOString() },
    );
    return createMutation(
      task,
      formatHlc({ millis: t0 + i, counter: 0, node: 'BE4C400000000000' }),
      `bench-${i}`,
    );
  });
}

async function waitFor(url: string, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`Server did not start: ${url}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function startRealServer(): Promise<{ baseUrl: string; token: string; stop: () => void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tend-bench-sync-client-'));
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      SKIP_BUILD: '1',
    },
    stdio: 'ignore',
  });
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${baseUrl}/health`);
    const signUp = await fetch(`${baseUrl}/auth/v1/signup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: `bench-${Date.now()}@example.com`,
        password: 'bench password 1',
      }),
    });
    const { access_token: token } = (await signUp.json()) as { access_token: string };
    const all = mutations();
    for (let i = 0; i < all.length; i += 500) {
      const res = await fetch(`${baseUrl}/api/sync/push`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ clientId: 'bench', mutations: all.slice(i, i + 500) }),
      });
      if (!res.ok) throw new Error(`Seeding push failed: HTTP ${res.status} ${await res.text()}`);
    }
    return { baseUrl, token, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

async function bundlePage(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: new URL('./page.ts', import.meta.url).pathname,
        formats: ['iife'],
        name: 'TendBenchPage',
      },
    },
  });
  const chunks = (Array.isArray(output) ? output[0] : output) as {
    output: { type: string; code?: string }[];
  };
  return chunks.output.find((o) => o.type === 'chunk')?.code ?? '';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const code = await bundlePage();
  const server = await startRealServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // A blank page on the server's origin (so the pulls are same-origin), holding only the bench script.
    await page.route(`${server.baseUrl}/__bench`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>bench</title><script>${code}</script>`,
      }),
    );
    await page.goto(`${server.baseUrl}/__bench`);
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      runs.push(
        await page.evaluate(
          (input) =>
            (
              globalThis as unknown as {
                tendBench: { timeInitialSync(i: unknown): Promise<Record<string, number>> };
              }
            ).tendBench.timeInitialSync(input),
          { baseUrl: server.baseUrl, token: server.token, limit: 1000, run },
        ),
      );
    }
    for (const r of runs)
      if (r.stored !== TASKS) throw new Error(`Expected ${TASKS} tasks stored, got ${r.stored}`);
    const ms = median(runs.map((r) => r.pullApplyMs));
    const baselineMs = median(runs.map((r) => r.fetchOnlyMs + r.bulkPutOnlyMs));
    const result = {
      benchmark: 'sync-client',
      server: 'tend server (PGlite)',
      initialSync: {
        tasks: TASKS,
        runs: runs.map((r) => Math.round(r.pullApplyMs)),
        medianMs: Math.round(ms),
        limitMs: LIMIT_MS,
        pass: ms <= LIMIT_MS,
        baseline: {
          what: 'same pages fetched + parsed, then one raw bulkPut',
          fetchMs: Math.round(median(runs.map((r) => r.fetchOnlyMs))),
          bulkPutMs: Math.round(median(runs.map((r) => r.bulkPutOnlyMs))),
          totalMs: Math.round(baselineMs),
        },
        diagnostics: {
          indexFieldsCpuMs: Math.round(median(runs.map((r) => r.indexFieldsMs))),
        },
        ratioToBaseline: Number((ms / baselineMs).toFixed(2)),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    if (!result.initialSync.pass) process.exitCode = 1;
  } finally {
    await browser.close();
    server.stop();
  }
}

await main();
