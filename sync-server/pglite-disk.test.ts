// Fault test: the embedded database's data directory fills up. The real server process on PGlite, with DATA_DIR
// on a small tmpfs of the test's own, must answer pushes with a clear 503 + Retry-After while the volume is
// full, keep every acknowledged mutation, and accept pushes again once space returns. Needs root (mount);
// skipped otherwise.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, TaskRecord } from '../src/core/merge';
import { createMutationFor } from './test/fixtures';
import { createTestUser, type TestUser } from './test/harness';
import { startServerProcess, type ServerProcess } from './test/server-process';

const PORT = 9331;

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'tend-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe.skipIf(!canMount())('fault: the PGlite data directory fills up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tend-pglite-disk-'));
  let server: ServerProcess;
  let user: TestUser;

  beforeAll(async () => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', dir]);
    server = await startServerProcess(PORT, { DATA_DIR: dir });
    user = await createTestUser();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  async function push(batch: Mutation[]) {
    const res = await fetch(`${server.base}/api/sync/push`, {
      method: 'POST',
      headers: user.headers,
      body: JSON.stringify({ clientId: 'disk-test', mutations: batch }),
    });
    const body = (await res.json()) as { applied?: string[]; error?: { code: string } };
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
  }

  const batchOf = (tag: string) =>
    Array.from({ length: 50 }, (_, i) => createMutationFor(`${tag} ${i} ${'x'.repeat(100)}`));

  it('answers 503 while full, loses nothing acknowledged, and recovers when space returns', async () => {
    const acknowledged: Mutation[] = [];
    const before = batchOf('before');
    expect((await push(before)).status).toBe(200);
    acknowledged.push(...before);

    // Fill the volume to the last block.
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, 'bs=1M'], {
        stdio: 'ignore',
      });
    } catch {
      // dd stops with "No space left on device": that is the point
    }
    const duringFull: { status: number; code?: string; retryAfter: string | null }[] = [];
    for (let i = 0; i < 20; i++) {
      const batch = batchOf(`full ${i}`);
      const result = await push(batch);
      duringFull.push({
        status: result.status,
        code: result.body.error?.code,
        retryAfter: result.retryAfter,
      });
      if (result.status === 200) acknowledged.push(...batch);
    }
    const health = await fetch(`${server.base}/health/detailed`);
    const healthBody = (await health.json()) as { checks: { storage: { status: string } } };

    rmSync(join(dir, 'filler'));
    const recovered: number[] = [];
    for (let i = 0; i < 10; i++) {
      const batch = batchOf(`after ${i}`);
      const result = await push(batch);
      recovered.push(result.status);
      if (result.status === 200) acknowledged.push(...batch);
    }
    console.log(
      JSON.stringify({
        test: 'pglite-disk-full',
        duringFull: duringFull.map((d) => `${d.status}:${d.code ?? ''}`),
        health: health.status,
        recovered,
      }),
    );

    expect(server.child.exitCode, server.stderr()).toBeNull();
    const failed = duringFull.filter((d) => d.status !== 200);
    expect(failed.length).toBeGreaterThan(0);
    for (const failure of failed) {
      expect(failure).toMatchObject({ status: 503, code: 'database_unavailable' });
      expect(Number(failure.retryAfter)).toBeGreaterThan(0);
    }
    expect(healthBody.checks.storage.status).toBe('unhealthy');
    expect(recovered.at(-1)).toBe(200);

    const pulled: TaskRecord[] = [];
    let cursor = '';
    for (;;) {
      const res = await fetch(
        `${server.base}/api/sync/pull?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
        { headers: user.headers },
      );
      const body = (await res.json()) as { tasks: TaskRecord[]; cursor: string; hasMore: boolean };
      pulled.push(...body.tasks);
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    const ids = new Set(pulled.map((t) => t.id));
    expect(acknowledged.filter((m) => !ids.has(m.taskId))).toEqual([]);
  }, 120_000);
});
