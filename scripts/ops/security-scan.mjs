// Local security scan (`npm run security:scan`), the same families CI runs: dependency audit, lint with
// security rules, semgrep when installed, and a search for committed secrets. Exit 1 if any step fails.
import { spawnSync } from 'node:child_process';

const steps = [
  ['dependency audit', 'npm', ['audit', '--audit-level=high', '--omit=dev']],
  [
    'eslint security rules',
    'npx',
    [
      'eslint',
      'src',
      'sw',
      'sync-server',
      'api',
      'scripts',
      '--max-warnings',
      '0',
      '--rule',
      'no-eval: error',
      '--rule',
      'no-implied-eval: error',
      '--rule',
      'no-new-func: error',
      '--rule',
      'no-script-url: error',
      '--rule',
      '@typescript-eslint/no-implied-eval: off',
    ],
  ],
  [
    'semgrep',
    'semgrep',
    ['scan', '--config=auto', '--error', '--quiet', 'src', 'sw', 'sync-server', 'api', 'scripts'],
    { optional: true },
  ],
  [
    'committed secrets',
    'git',
    [
      'grep',
      '-nIE',
      '(-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|sk_live_[0-9a-zA-Z]{20,}|xox[abp]-[0-9A-Za-z-]{10,})',
      '--',
      '.',
      ':!**/*.test.ts',
    ],
    { invert: true },
  ],
];

let failed = 0;
for (const [name, cmd, args, opts = {}] of steps) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.error && opts.optional) {
    console.log(`(skipped: ${cmd} not installed; CI runs it)`);
    continue;
  }
  // git grep exits 1 when nothing matches, which is the passing case for the secrets search.
  const ok = opts.invert ? r.status === 1 : r.status === 0;
  console.log(`== ${name}: ${ok ? 'ok' : 'FAILED'}`);
  if (!ok) failed++;
}
process.exit(failed > 0 ? 1 : 0);
