// End-to-end and accessibility tests in Debian's Chromium against the built app, served by the
// real server (scripts/start.mjs: dist/ + API on one origin) with a throw-away DATA_DIR.
// `npm test` builds first; run `npm run build` yourself before `npx playwright test`.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_PORT } from './tests/e2e/support/chromium.ts';

// Set once in the main process; workers inherit it instead of making their own directories.
process.env.TEND_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'tend-e2e-'));

// BASE_URL points the suites at a deployment (the deploy workflow's green build): then nothing is started
// here, and the tests exercise exactly what was deployed.
const deployedURL = process.env.BASE_URL?.replace(/\/+$/, '') || undefined;
const baseURL = deployedURL ?? `http://127.0.0.1:${E2E_PORT}`;
// TEND_E2E_SERVER=preview serves dist/ with vite preview instead (no API: sync specs then fail).
const realServer =
  process.env.TEND_E2E_SERVER !== 'preview' &&
  existsSync('scripts/start.mjs') &&
  existsSync('sync-server/main.ts');
// dist/ is built by `npm test` (or by hand) before this runs; build only when it is missing.
const buildIfMissing = 'test -f dist/index.html || node node_modules/vite/bin/vite.js build';
const serve = realServer
  ? 'node scripts/start.mjs --no-build'
  : `node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${E2E_PORT} --strictPort`;

export default defineConfig({
  testDir: 'tests/e2e',
  // Override when several people run Playwright in one work tree (each run empties its outputDir).
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results/pw',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    [
      'json',
      { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/playwright.json' },
    ],
  ],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'smoke', testMatch: /smoke\.spec\.ts$/ },
    { name: 'e2e', testMatch: /.*\.spec\.ts$/, testIgnore: /(a11y.*|smoke)\.spec\.ts$/ },
    { name: 'a11y', testMatch: /a11y.*\.spec\.ts$/ },
  ],
  webServer: deployedURL
    ? undefined
    : {
        command: `${buildIfMissing} && ${serve}`,
        url: `${baseURL}/manifest.webmanifest`,
        reuseExistingServer: false,
        timeout: 180_000,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          PORT: String(E2E_PORT),
          HOST: '127.0.0.1',
          DATA_DIR: process.env.TEND_E2E_DATA_DIR,
          NODE_ENV: 'test',
          SKIP_BUILD: '1',
          // The suite signs up dozens of accounts from 127.0.0.1 (retries included); production keeps 30/1h.
          RATE_LIMIT_SIGNUP: '500/1h',
        },
      },
});
