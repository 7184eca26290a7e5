// Fault tests: the embedded database's data directory fills up, or turns read-only. The real server process
// on PGlite, with DATA_DIR on a volume of the test's own, must answer pushes with a clear 503 + Retry-After
// while the volume is full or read-only, stay up, and keep every acknowledged mutation; pushes are accepted
// again once space returns, or once the read-only volume is checked and mounted again. Needs root (mount);
// skipped otherwise.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mutation, TaskRecord } from '../src/core/merge';
import { createMutationFor } from './test/fixtures';
import { createTestUser, type TestUser } from './test/harness';
import { freePort, startServerProcess, type ServerProcess } from './test/server-process';

async function pushTo(server: ServerProcess, user: TestUser, batch: Mutation[]) {
  const res = await fetch(`${server.base}/api/sync/push`, {
    method: 'POST',
    headers: user.headers,
    body: JSON.stringify({ clientId: 'disk-test', mutations: batch }),
    // A server that stopped answering fails here, not at the test's timeout.
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json()) as { applied?: string[]; error?: { code: string } };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}

/** Every task id the server hands out now, page by page. */
async function pulledTaskIds(server: ServerProcess, user: TestUser): Promise<Set<string>> {
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
  return new Set(pulled.map((t) => t.id));
}

const batchOf = (tag: string) =>
  Array.from({ length: 50 }, (_, i) => createMutationFor(`${tag} ${i} ${'x'.repeat(100)}`));

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
    server = await startServerProcess(
      await freePort(),
      { DATA_DIR: dir },
      { startTimeoutMs: 90_000 },
    );
    user = await createTestUser();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while full, loses nothing acknowledged, and recovers when space returns', async () => {
    const acknowledged: Mutation[] = [];
    const before = batchOf('before');
    expect((await pushTo(server, user, before)).status).toBe(200);
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
      const result = await pushTo(server, user, batch);
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
    const freed = Date.now();
    for (let i = 0; i < 10; i++) {
      const batch = batchOf(`after ${i}`);
      const result = await pushTo(server, user, batch);
      recovered.push(result.status);
      if (result.status === 200) acknowledged.push(...batch);
      // A client waits before it retries; the server notices the space within a second or so.
      else await new Promise((r) => setTimeout(r, 250));
    }
    const recoveredMs = Date.now() - freed;
    console.log(
      JSON.stringify({
        test: 'pglite-disk-full',
        duringFull: duringFull.map((d) => `${d.status}:${d.code ?? ''}`),
        health: health.status,
        recovered,
        recoveredMs,
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

    const ids = await pulledTaskIds(server, user);
    expect(acknowledged.filter((m) => !ids.has(m.taskId))).toEqual([]);
  }, 120_000);
});

/** The loop device behind a mount point, from /proc/mounts. */
function loopDeviceOf(mountPoint: string): string | undefined {
  const line = readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .find((l) => l.split(' ')[1] === mountPoint);
  return line?.split(' ')[0].replace('/dev/', '');
}

/** An ext4 volume on a loop device, mounted to turn read-only on its first error, as servers mount them. */
function mountExt4(image: string, dir: string): string {
  execFileSync('mount', ['-o', 'loop,errors=remount-ro', image, dir]);
  return loopDeviceOf(dir)!;
}

/** Why this machine cannot turn an ext4 volume read-only on purpose, or undefined when it can. */
function whyNoExt4Error(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to mount a volume';
  const probe = mkdtempSync(join(tmpdir(), 'tend-ext4-probe-'));
  const image = `${probe}.img`;
  try {
    execFileSync('truncate', ['-s', '16M', image]);
    execFileSync('mkfs.ext4', ['-q', '-F', image], { stdio: 'ignore' });
    const device = mountExt4(image, probe);
    const ok = existsSync(`/sys/fs/ext4/${device}/trigger_fs_error`);
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return ok ? undefined : 'the kernel has no /sys/fs/ext4/<device>/trigger_fs_error';
  } catch (error) {
    return `no ext4 volume on a loop device here (${(error as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(probe, { recursive: true, force: true });
    rmSync(image, { force: true });
  }
}

// As root, chmod does not stop writes (CAP_DAC_OVERRIDE), and a volume with files open for writing cannot
// be remounted read-only ("busy"). What turns a live data directory read-only is the file system itself:
// ext4 mounted errors=remount-ro goes read-only on an error, which /sys/fs/ext4/<dev>/trigger_fs_error
// raises on purpose. Such a volume cannot be made writable again while mounted, so recovery is the
// operator's: stop the server, unmount, e2fsck, mount, start it again.
const noExt4Error = whyNoExt4Error();

describe.skipIf(noExt4Error)(
  `fault: the PGlite data directory turns read-only${noExt4Error ? ` (skipped: ${noExt4Error})` : ''}`,
  () => {
    let dir: string;
    let image: string;
    let server: ServerProcess | undefined;
    let user: TestUser;
    const env = () => ({ DATA_DIR: join(dir, 'data') });

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tend-pglite-ro-'));
      image = `${dir}.img`;
      execFileSync('truncate', ['-s', '256M', image]);
      execFileSync('mkfs.ext4', ['-q', '-F', image], { stdio: 'ignore' });
      mountExt4(image, dir);
      server = await startServerProcess(await freePort(), env(), { startTimeoutMs: 90_000 });
      user = await createTestUser();
    }, 120_000);

    afterAll(async () => {
      if (!dir) return;
      await server?.stop();
      if (loopDeviceOf(dir)) execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
      rmSync(image, { force: true });
    });

    it('answers 503 + Retry-After while read-only, stays up, and loses nothing acknowledged once repaired', async () => {
      const started = Date.now();
      const acknowledged: Mutation[] = [];
      for (let i = 0; i < 3; i++) {
        const batch = batchOf(`before ${i}`);
        expect((await pushTo(server!, user, batch)).status).toBe(200);
        acknowledged.push(...batch);
      }

      execFileSync('sh', ['-c', `echo 1 > /sys/fs/ext4/${loopDeviceOf(dir)}/trigger_fs_error`]);
      const duringReadOnly: { status: number; code?: string; retryAfter: string | null }[] = [];
      for (let i = 0; i < 10; i++) {
        const batch = batchOf(`read-only ${i}`);
        const result = await pushTo(server!, user, batch);
        duringReadOnly.push({
          status: result.status,
          code: result.body.error?.code,
          retryAfter: result.retryAfter,
        });
        if (result.status === 200) acknowledged.push(...batch);
      }
      const live = await fetch(`${server!.base}/health`, { signal: AbortSignal.timeout(5000) });
      const detailed = await fetch(`${server!.base}/health/detailed`, {
        signal: AbortSignal.timeout(5000),
      });
      const health = (await detailed.json()) as {
        checks: { database: { status: string }; storage: { status: string } };
      };
      expect(server!.child.exitCode, server!.stderr()).toBeNull();

      // The repair: the server stops (promptly, though its database had stopped), the volume is checked.
      const stopping = Date.now();
      await server!.stop();
      const stopMs = Date.now() - stopping;
      execFileSync('umount', [dir]);
      const fsck = spawnSync('e2fsck', ['-f', '-y', image], { stdio: 'ignore' });
      mountExt4(image, dir);
      server = await startServerProcess(await freePort(), env(), { startTimeoutMs: 90_000 });
      const ids = await pulledTaskIds(server, user);
      const after = await pushTo(server, user, batchOf('after repair'));
      console.log(
        JSON.stringify({
          test: 'pglite-disk-read-only',
          duringReadOnly: duringReadOnly.map((d) => `${d.status}:${d.code ?? ''}`),
          health: { live: live.status, detailed: detailed.status, ...health.checks },
          stopMs,
          e2fsck: fsck.status,
          after: after.status,
          seconds: Math.round((Date.now() - started) / 1000),
        }),
      );

      const failed = duringReadOnly.filter((d) => d.status !== 200);
      expect(failed.length).toBeGreaterThan(0);
      for (const failure of failed) {
        expect(failure).toMatchObject({ status: 503, code: 'database_unavailable' });
        expect(Number(failure.retryAfter)).toBeGreaterThan(0);
      }
      expect(live.status).toBe(200);
      expect(detailed.status).toBe(503);
      expect(health.checks.storage.status).toBe('unhealthy');
      expect(health.checks.database.status).toBe('unhealthy');
      expect(stopMs).toBeLessThan(10_000);
      // 0: clean, 1: errors corrected; anything else left the volume damaged.
      expect([0, 1]).toContain(fsck.status);
      expect(acknowledged.filter((m) => !ids.has(m.taskId))).toEqual([]);
      expect(after.status).toBe(200);
    }, 240_000);
  },
);
