// Database tests in Supabase's style: a fresh PostgreSQL database, every migration applied in order,
// pgTAP, and pg_prove over supabase/tests/database/*.sql. Writes test-results/pgtap.json
// { passed, failed, skipped } and exits non-zero on failure. PostgreSQL unreachable: says why, skips.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const host = process.env.PGHOST ?? '127.0.0.1';
const port = process.env.PGPORT ?? '5432';
const user = process.env.PGUSER ?? 'postgres';
const migrationsDir = 'supabase/migrations';
const testsDir = 'supabase/tests/database';
const db = `tend_pgtap_${randomBytes(4).toString('hex')}`;
const base = ['-h', host, '-p', port, '-U', user];

function result(summary, code) {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/pgtap.json', JSON.stringify(summary, null, 2) + '\n');
  console.log(
    `pgTAP: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`,
  );
  process.exit(code);
}

function psql(database, args) {
  return spawnSync('psql', [...base, '-d', database, '-v', 'ON_ERROR_STOP=1', '-q', ...args], {
    encoding: 'utf8',
  });
}

const ping = psql('postgres', ['-c', 'select 1']);
if (ping.status !== 0) {
  console.warn(
    `pgTAP skipped: PostgreSQL at ${host}:${port} unreachable: ${(ping.stderr || ping.error?.message || '').trim()}`,
  );
  result({ passed: 0, failed: 0, skipped: 1, reason: 'postgres unreachable' }, 0);
}
const tests = readdirSync(testsDir)
  .filter((f) => f.endsWith('.sql'))
  .sort();

let summary = { passed: 0, failed: 0, skipped: 0 };
let code = 1;
try {
  const created = psql('postgres', ['-c', `create database ${db}`]);
  if (created.status !== 0) throw new Error(created.stderr);
  for (const file of readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const r = psql(db, ['-f', join(migrationsDir, file)]);
    if (r.status !== 0) throw new Error(`migration ${file} failed: ${r.stderr}`);
  }
  const ext = psql(db, ['-c', 'create extension if not exists pgtap']);
  if (ext.status !== 0) throw new Error(`pgtap extension unavailable: ${ext.stderr}`);

  const prove = spawnSync(
    'pg_prove',
    [...base, '-d', db, '--verbose', ...tests.map((t) => join(testsDir, t))],
    {
      encoding: 'utf8',
    },
  );
  const out = `${prove.stdout}\n${prove.stderr}`;
  process.stdout.write(prove.stdout);
  if (prove.stderr) process.stderr.write(prove.stderr);
  for (const line of out.split('\n')) {
    const m = /^\s*(not )?ok \d+/.exec(line);
    if (!m) continue;
    if (/#\s*skip/i.test(line)) summary.skipped += 1;
    else if (m[1]) summary.failed += 1;
    else summary.passed += 1;
  }
  if (prove.status !== 0 && summary.failed === 0) summary.failed = 1; // a file died before reporting
  code = prove.status === 0 && summary.failed === 0 ? 0 : 1;
} catch (error) {
  console.error(`pgTAP: ${error.message}`);
  summary = { ...summary, failed: summary.failed || 1 };
} finally {
  psql('postgres', ['-c', `drop database if exists ${db} with (force)`]);
}
result(summary, code);
