// npm run bench:live: how fast an edit reaches another open device, and what 1,000 open streams cost.
//
// 1. Two Chromium contexts signed in as one user, 20 captures on A: time from A's Enter (a keydown
//    listener in A) to the row appearing on B (a MutationObserver in B), p50/p95; target p95 <= 1 s.
//    Once on one server (PGlite) and once with A and B on two instances sharing a PostgreSQL database.
// 2. 1,000 concurrent event streams (200 users x 5) on one instance: the server's RSS growth (<= 50 MB),
//    whether every stream receives its user's events, and a push's p95 with the streams against a
//    baseline without them, measured in the same run with evenly spaced (open-loop) pushes (<= +20%).
// Prints JSON with the load average. Needs dist/ (npm run build) and PostgreSQL on 127.0.0.1:5432.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { SignJWT } from 'jose';
import postgres from 'postgres';
import { formatHlc } from '../../src/core/hlc.ts';
import { createMutation } from '../../src/core/merge.ts';
import { createSseParser, parseChangeSeq } from '../../src/core/sync/live-events.ts';
import { createTask } from '../../src/core/task.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/support/chromium.ts';
import { startServer } from '../sync/server-process.ts';
import type { ServerProcess } from '../sync/server-process.ts';

const PORT = Number(process.env.BENCH_LIVE_PORT ?? 9360);
const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = `bench-live-${randomUUID()}-${randomUUID()}`;
const EDITS = 20;
const USERS = 200;
const STREAMS_PER_USER = 5;
const PUSHES = 200;
const PUSH_SPACING_MS = 25;
const PASSWORD = 'correct horse battery';

const secrets = { JWT_SECRET: SECRET, ENCRYPTION_KEY: SECRET, CRON_SECRET: SECRET };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n * 10) / 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** startServer waits for /health: a stranger already on the port would answer it instead. */
async function startOnFreePort(port: number, env: Record<string, string>) {
  const taken = await fetch(`http://127.0.0.1:${port}/health`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is in use: set BENCH_LIVE_PORT`);
  return startServer(port, env);
}

async function freshDatabase() {
  const name = `tend_bench_live_${randomUUID().slice(0, 8)}`;
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  return {
    url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

// ---- 1. Browser to browser -------------------------------------------------------------------------

async function signIn(page: Page, email: string, mode: 'Sign in' | 'Create account') {
  await page.goto('/settings');
  const panel = page.getByRole('region', { name: 'Account and sync' });
  await panel.getByLabel('Email').fill(email);
  await panel.getByLabel('Password').fill(PASSWORD);
  await panel.getByRole('button', { name: mode }).click();
  await panel.getByText(`Signed in as ${email}`).waitFor({ timeout: 30_000 });
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Quick add' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });
}

// In-page scripts (strings: this file is typed for Node, not the DOM).
/** A: when Enter goes down in quick add, and with what text. */
const RECORD_ENTER = `
  window.enterAt = {};
  document.addEventListener('keydown', (e) => {
    const box = e.target;
    if (e.key === 'Enter' && box.getAttribute && box.getAttribute('aria-label') === 'Quick add')
      window.enterAt[box.value] = Date.now();
  }, true);`;
/**
 * B: when each awaited capture first shows: its title in a row, or the view's count reaching it (the list
 * is virtualised, so a row below the fold is not in the DOM while the count is).
 */
const RECORD_SEEN = `
  window.seenAt = {};
  window.awaited = [];
  new MutationObserver(() => {
    const text = document.body.textContent || '';
    const count = (document.querySelector('.view-count') || {}).textContent || '';
    for (const [title, expected] of window.awaited)
      if (!(title in window.seenAt) && (text.includes(title) || count === expected))
        window.seenAt[title] = Date.now();
  }).observe(document.body, { childList: true, subtree: true, characterData: true });`;

async function editLatency(browser: Browser, urlA: string, urlB: string) {
  const email = `bench-${randomUUID()}@example.com`;
  const a = await (await browser.newContext({ baseURL: urlA })).newPage();
  const b = await (await browser.newContext({ baseURL: urlB })).newPage();
  await signIn(a, email, 'Create account');
  await signIn(b, email, 'Sign in');
  await a.evaluate(RECORD_ENTER);
  await b.evaluate(RECORD_SEEN);
  const box = a.getByRole('textbox', { name: 'Quick add' });
  const latencies: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const title = `Live edit ${i} ${randomUUID().slice(0, 6)}`;
    const expected = i === 0 ? '1 task' : `${i + 1} tasks`;
    await b.evaluate(`window.awaited.push(${JSON.stringify([title, expected])})`);
    await box.fill(title);
    await box.press('Enter');
    // Polled with evaluate: waitForFunction evaluates its predicate as a string, which the app's CSP
    // forbids. The time is the MutationObserver's, so polling does not add to it.
    const deadline = Date.now() + 70_000;
    while (!(await b.evaluate(`${JSON.stringify(title)} in window.seenAt`))) {
      if (Date.now() > deadline) throw new Error(`B never showed ${title}`);
      await sleep(20);
    }
    const enterAt = Number(await a.evaluate(`window.enterAt[${JSON.stringify(title)}]`));
    const seenAt = Number(await b.evaluate(`window.seenAt[${JSON.stringify(title)}]`));
    latencies.push(seenAt - enterAt);
    await sleep(200);
  }
  await Promise.all([a.context().close(), b.context().close()]);
  return {
    edits: EDITS,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: Math.max(...latencies),
    targetP95Ms: 1000,
    // The fallback this replaces: a device learned of other devices' changes by the 60 s poll.
    ratioToPollIntervalP95: round((percentile(latencies, 95) / 60_000) * 1000) / 1000,
  };
}

// ---- 2. 1,000 streams on one instance ------------------------------------------------------------

async function tokenFor(userId: string): Promise<string> {
  return new SignJWT({ role: 'authenticated' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));
}

interface BenchStream {
  userId: string;
  seqs: number[];
  abort: AbortController;
}

async function openStream(base: string, userId: string, token: string): Promise<BenchStream> {
  const abort = new AbortController();
  const stream: BenchStream = { userId, seqs: [], abort };
  const res = await fetch(`${base}/api/sync/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.body) throw new Error(`stream refused: ${res.status}`);
  const parser = createSseParser({
    onEvent(e) {
      const seq = parseChangeSeq(e.data);
      if (seq !== null) stream.seqs.push(seq);
    },
  });
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.push(decoder.decode(value, { stream: true }));
      }
    } catch {
      // closed by the bench
    }
  })();
  return stream;
}

/** Pushes per token: each push creates one task, so a user's sequence is their count of pushes. */
const pushCount = new Map<string, number>();

async function pushOne(base: string, token: string, n: number): Promise<number> {
  pushCount.set(token, (pushCount.get(token) ?? 0) + 1);
  const task = createTask(
    { title: `bench ${n}` },
    { id: randomUUID(), now: new Date().toISOString() },
  );
  const hlc = formatHlc({ millis: Date.now(), counter: n % 65536, node: 'BE7C0000BE7C0000' });
  const t0 = performance.now();
  const res = await fetch(`${base}/api/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: 'bench',
      mutations: [createMutation(task, hlc, randomUUID())],
    }),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`push failed: ${res.status}`);
  return performance.now() - t0;
}

/** Open loop: one push every PUSH_SPACING_MS whatever the answers, as independent devices would. */
async function pacedPushes(base: string, tokens: string[]) {
  const latencies: Promise<number>[] = [];
  for (let i = 0; i < PUSHES; i++) {
    latencies.push(pushOne(base, tokens[i % tokens.length], i));
    await sleep(PUSH_SPACING_MS);
  }
  const done = await Promise.all(latencies);
  return { p50Ms: round(percentile(done, 50)), p95Ms: round(percentile(done, 95)) };
}

async function manyStreams() {
  const dir = mkdtempSync(join(tmpdir(), 'tend-bench-live-'));
  const server = await startOnFreePort(PORT + 3, { DATA_DIR: dir, ...secrets });
  try {
    const users = Array.from({ length: USERS }, () => randomUUID());
    const tokens = await Promise.all(users.map(tokenFor));
    // Warm-up: every user has a sync_state row; JIT and the database caches are warm.
    for (let i = 0; i < USERS; i++) await pushOne(server.base, tokens[i], i);
    await pacedPushes(server.base, tokens);
    const without = await pacedPushes(server.base, tokens);
    await sleep(500);
    const rssBefore = server.rssMb();

    const streams: BenchStream[] = [];
    for (let s = 0; s < STREAMS_PER_USER; s++)
      streams.push(
        ...(await Promise.all(users.map((u, i) => openStream(server.base, u, tokens[i])))),
      );
    await waitUntil(() => streams.every((s) => s.seqs.length > 0), 30_000);
    await sleep(1_000);
    const rssAfter = server.rssMb();

    const withStreams = await pacedPushes(server.base, tokens);
    // One more push per user: each of that user's streams must hear its sequence.
    const finalSeq = new Map<string, number>();
    for (let i = 0; i < USERS; i++) {
      await pushOne(server.base, tokens[i], i);
      finalSeq.set(users[i], pushCount.get(tokens[i])!);
    }
    const heard = () => streams.filter((s) => s.seqs.includes(finalSeq.get(s.userId)!)).length;
    await waitUntil(() => heard() === streams.length, 10_000).catch(() => undefined);
    const foreign = streams.filter((s) => s.seqs.some((q) => q > finalSeq.get(s.userId)!)).length;
    for (const s of streams) s.abort.abort();

    return {
      database: 'pglite',
      streams: streams.length,
      users: USERS,
      rssBeforeMb: round(rssBefore),
      rssAfterMb: round(rssAfter),
      rssGrowthMb: round(rssAfter - rssBefore),
      targetGrowthMb: 50,
      streamsThatHeardTheirUsersLastEvent: heard(),
      streamsWithAnotherUsersSequence: foreign,
      push: {
        pushes: PUSHES,
        spacingMs: PUSH_SPACING_MS,
        withoutStreams: without,
        withStreams,
        p95Ratio: round((withStreams.p95Ms / without.p95Ms) * 100) / 100,
        targetRatio: 1.2,
      },
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

// ---- run ------------------------------------------------------------------------------------------

const out: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  loadavgBefore: loadavg().map(round),
};
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const dir = mkdtempSync(join(tmpdir(), 'tend-bench-live-'));
  const one = await startOnFreePort(PORT, { DATA_DIR: dir, DIST_DIR: 'dist', ...secrets });
  try {
    out.oneServer = { database: 'pglite', ...(await editLatency(browser, one.base, one.base)) };
  } finally {
    await one.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const database = await freshDatabase();
  const instances: ServerProcess[] = [];
  try {
    for (const port of [PORT + 1, PORT + 2])
      instances.push(
        await startOnFreePort(port, {
          DATABASE_URL: database.url,
          DATA_DIR: mkdtempSync(join(tmpdir(), 'tend-bench-live-')),
          DIST_DIR: 'dist',
          ...secrets,
        }),
      );
    out.twoInstances = {
      database: 'postgres',
      ...(await editLatency(browser, instances[0].base, instances[1].base)),
    };
  } finally {
    for (const s of instances) await s.stop();
    await database.drop();
  }
} finally {
  await browser.close();
}
out.manyStreams = await manyStreams();
out.loadavgAfter = loadavg().map(round);
console.log(JSON.stringify(out, null, 2));
