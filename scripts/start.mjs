// `npm start`: builds the PWA when dist/ is missing or older than its sources, then runs the sync server,
// which serves the PWA and the API from one origin (PORT, default 8787; DATA_DIR, default ./data).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_ENV, SERVER_NODE_FLAGS, buildServer } from './build-server.mjs';

const SOURCES = [
  'index.html',
  'src',
  'sw',
  'public',
  'vite.config.ts',
  'package.json',
  'manifest.webmanifest',
];
const SKIP = /(\.test\.tsx?$|node_modules)/;

function newestMtime(path) {
  if (!existsSync(path) || SKIP.test(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIfStale() {
  const built = existsSync('dist/index.html') ? statSync('dist/index.html').mtimeMs : 0;
  const sources = Math.max(...SOURCES.map(newestMtime));
  if (built >= sources) return;
  if (!existsSync('index.html')) {
    console.warn('start: no index.html yet; serving the API without a PWA build');
    return;
  }
  console.log(built ? 'start: sources changed, rebuilding the PWA' : 'start: building the PWA');
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    if (built) console.warn('start: build failed; serving the previous dist/');
    else console.warn('start: build failed; serving the API without a PWA');
  }
}

if (!process.argv.includes('--no-build') && process.env.SKIP_BUILD !== '1') buildIfStale();

const env = {
  ...SERVER_ENV,
  ...process.env,
  PORT: process.env.PORT ?? '8787',
  DATA_DIR: process.env.DATA_DIR ?? './data',
};
// Plain node on a bundle of the server (no TypeScript loader in production); .env is read when present.
const entry = await buildServer();
const envFile = existsSync('.env') ? ['--env-file=.env'] : [];
const child = spawn(process.execPath, [...envFile, ...SERVER_NODE_FLAGS, entry], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
