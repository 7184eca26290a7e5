import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../ops/backup/progress';
import { openStateStores, type StateKind, type StateStores } from '../test/state-backends';
import { createJobRegistry } from './jobs';

describe.each<StateKind>(['postgres', 'redis'])('job progress on %s', (kind) => {
  let stores: StateStores;
  beforeAll(async () => {
    stores = await openStateStores(kind, 'jobs');
  });
  afterAll(() => stores.close());

  it('shows a job started on one instance, with its progress, on another', async () => {
    const runner = createJobRegistry(stores.instance('runner'), {
      newId: randomUUID,
      progressEveryMs: 10,
    });
    const other = createJobRegistry(stores.instance('other'), { newId: randomUUID });
    let report: (e: ProgressEvent) => void = () => {};
    let finish: () => void = () => {};
    const job = await runner.start('restore', (onProgress) => {
      report = onProgress;
      return new Promise<unknown>((resolve) => (finish = () => resolve({ rows: 42 })));
    });
    expect(await other.get(job.id)).toMatchObject({ status: 'running', instance: 'runner' });

    report({ phase: 'tasks', percent: 40 });
    await expect
      .poll(async () => (await other.get(job.id))?.progress?.percent, { timeout: 5000 })
      .toBe(40);

    finish();
    await runner.wait(job.id);
    const done = await other.get(job.id);
    expect(done).toMatchObject({ status: 'succeeded', result: { rows: 42 } });
    expect(done?.events.map((e) => e.percent)).toEqual([40]);
    expect((await other.list()).map((j) => j.id)).toContain(job.id);
    expect(await other.get(randomUUID())).toBeUndefined();
  });

  it('records a failure with its message', async () => {
    const registry = createJobRegistry(stores.instance('runner'), { newId: randomUUID });
    const job = await registry.start('backup:full', () => Promise.reject(new Error('disk full')));
    const failed = await registry.wait(job.id);
    expect(failed).toMatchObject({ status: 'failed', error: 'disk full' });
    expect(await registry.get(job.id)).toMatchObject({ status: 'failed', error: 'disk full' });
  });
});
