// More Tend server instances for a spec, on one fresh PostgreSQL database (127.0.0.1:5432): the same
// server code the shared e2e server runs, each its own process on its own port, sharing the database and
// the signing secret as replicas behind a load balancer would.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';

const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Instances {
  urls: string[];
  databaseUrl: string;
  close(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server on ${url} exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${url} did not start`);
}

/** Starts one server per port over a new database; `close` stops them and drops it. */
export async function startInstances(ports: number[]): Promise<Instances> {
  const name = `tend_e2e_${randomUUID().slice(0, 8)}`;
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const databaseUrl = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const secret = `e2e-${randomUUID()}-${randomUUID()}`;
  const children = ports.map((port) =>
    spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'tend-instance-')),
        DIST_DIR: 'dist',
        JWT_SECRET: secret,
        ENCRYPTION_KEY: secret,
        CRON_SECRET: secret,
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const close = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 1 });
  };
  try {
    await Promise.all(urls.map((url, i) => waitHealthy(url, children[i])));
  } catch (error) {
    await close();
    throw error;
  }
  return { urls, databaseUrl, close };
}

/**
 * A spec's own server as `npm start` runs it (the built app and the API on one origin), on `port` with a
 * throw-away DATA_DIR and the given environment; resolves once it serves the app.
 */
export async function startAppServer(
  port: number,
  env: Record<string, string>,
): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      SKIP_BUILD: '1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'tend-e2e-server-')),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Starting a second server (bundling it first) can take a while on a busy machine.
  for (let i = 0; i < 900; i++) {
    if (server.exitCode !== null) throw new Error(`server on ${port} exited (${server.exitCode})`);
    const status = await fetch(`http://127.0.0.1:${port}/manifest.webmanifest`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill('SIGTERM');
  throw new Error(`server on ${port} did not start`);
}
