// Test harness (not a test double): the real server as its own `node` process on a given port, as `npm start`
// runs it, for tests about several instances or about faults that a process must survive.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { TEST_JWT_SECRET } from './test-secrets';

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** Everything the process wrote to stderr (an uncaught exception's stack lands here). */
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

/** A port nobody listens on now: other suites (and other checkouts) run servers on this machine too. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `startTimeoutMs` covers creating a data directory and migrating it, slow on a busy machine. */
export async function startServerProcess(
  port: number,
  env: Record<string, string | undefined>,
  { startTimeoutMs = 30_000 }: { startTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: TEST_JWT_SECRET,
      ENCRYPTION_KEY: 'server-process-test-encryption-key-0123456789',
      CRON_SECRET: 'server-process-test-cron-secret-0123456789',
      LOG_LEVEL: process.env.SERVER_LOG_LEVEL ?? 'error',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (process.env.SERVER_LOG_LEVEL) process.stderr.write(chunk);
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const base = `http://127.0.0.1:${port}`;
  let ended = false;
  void exited.then(() => (ended = true));
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (ended) throw new Error(`server on ${port} exited while starting:\n${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server on ${port} did not start within ${startTimeoutMs} ms:\n${stderr}`);
    }
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    base,
    exited,
    stderr: () => stderr,
    async stop() {
      if (!ended) child.kill('SIGTERM');
      await exited;
    },
  };
}
