// `npm test`: every suite in order (unit and integration, database, end-to-end, accessibility),
// then one closing line that counts them all.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
let anyFailed = false;

function run(name, cmd, args, { env = {}, count } = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(
    `=== ${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t0) / 1000).toFixed(1)}s`,
  );
  if (!ok) anyFailed = true;
  if (count) count(ok);
  return ok;
}

function countVitest() {
  const file = 'test-results/vitest.json';
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  results.passed += j.numPassedTests ?? 0;
  results.failed += j.numFailedTests ?? 0;
  results.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

function countPlaywright() {
  const file = 'test-results/playwright.json';
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  results.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  results.failed += s.unexpected ?? 0;
  results.skipped += s.skipped ?? 0;
}

rmSync('test-results', { recursive: true, force: true });

run(
  'unit + integration (vitest)',
  'npx',
  [
    'vitest',
    'run',
    '--coverage',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results/vitest.json',
  ],
  { count: countVitest },
);

if (existsSync('scripts/test-db.mjs')) {
  run('database (pgTAP)', 'node', ['scripts/test-db.mjs'], {
    count: (ok) => {
      const file = 'test-results/pgtap.json';
      if (existsSync(file)) {
        const j = JSON.parse(readFileSync(file, 'utf8'));
        results.passed += j.passed;
        results.failed += j.failed;
        results.skipped += j.skipped ?? 0;
      } else if (!ok) results.failed += 1;
    },
  });
}

if (existsSync('playwright.config.ts')) {
  run('build', 'npm', ['run', 'build']);
  run('end-to-end + accessibility (playwright)', 'npx', ['playwright', 'test'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json' },
    count: countPlaywright,
  });
}

console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(anyFailed || results.failed > 0 ? 1 : 0);
