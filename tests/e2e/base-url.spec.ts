// The deploy workflow sets BASE_URL to the new deployment: the suites must then test that deployment and
// start no server of their own. Proven here by running the smoke project against a second server this test
// starts, while the port Playwright would use for its own server is already taken (starting one would fail).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_PORT } from './support/chromium.ts';

const DEPLOYED_PORT = E2E_PORT + 12;
const BLOCKED_PORT = E2E_PORT + 13;

let deployed: ChildProcess | undefined;
let blocker: Server | undefined;

test.afterAll(async () => {
  deployed?.kill('SIGTERM');
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
});

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no server at ${url}`);
}

test('BASE_URL runs the smoke project against that deployment and starts nothing', async () => {
  test.setTimeout(120_000);
  const url = `http://127.0.0.1:${DEPLOYED_PORT}`;
  deployed = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    env: {
      ...process.env,
      PORT: String(DEPLOYED_PORT),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tend-deployed-')),
      NODE_ENV: 'test',
      SKIP_BUILD: '1',
    },
    stdio: 'ignore',
  });
  await waitForHealth(url);
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(BLOCKED_PORT, '127.0.0.1', resolve));

  const out = mkdtempSync(join(tmpdir(), 'tend-smoke-'));
  const report = join(out, 'report.json');
  const run = spawnSync(
    process.execPath,
    ['node_modules/@playwright/test/cli.js', 'test', '--project=smoke', '--reporter=json'],
    {
      env: {
        ...process.env,
        BASE_URL: `${url}/`,
        TEND_E2E_PORT: String(BLOCKED_PORT),
        PW_OUTPUT_DIR: join(out, 'pw'),
        PLAYWRIGHT_JSON_OUTPUT_NAME: report,
      },
      encoding: 'utf8',
      timeout: 100_000,
    },
  );
  expect(run.status, run.stderr + run.stdout).toBe(0);
  const stats = JSON.parse(readFileSync(report, 'utf8')) as {
    stats: { expected: number; unexpected: number };
    suites: unknown[];
  };
  expect(stats.stats.unexpected).toBe(0);
  expect(stats.stats.expected).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(stats.suites)).toContain(`"description":"${url}"`);
});
