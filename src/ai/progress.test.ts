import { describe, expect, it } from 'vitest';
import { formatBytes, toLoadProgress } from './progress';

const MB = 1024 * 1024;

describe('toLoadProgress', () => {
  it('reads bytes and percent from a download report', () => {
    const p = toLoadProgress({
      progress: 0.25,
      timeElapsed: 31,
      text: 'Fetching param cache[12/108]: 1020MB fetched. 25% completed, 31 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.',
    });
    expect(p).toMatchObject({
      phase: 'download',
      percent: 25,
      loadedBytes: 1020 * MB,
      totalBytes: 4080 * MB,
    });
  });

  it('uses the estimate until the report allows a real total', () => {
    const start = toLoadProgress(
      { progress: 0, timeElapsed: 0, text: 'Start to fetch params' },
      866 * MB,
    );
    expect(start).toMatchObject({
      phase: 'starting',
      percent: 0,
      loadedBytes: null,
      totalBytes: 866 * MB,
    });
  });

  it('knows the cache, shader and ready phases', () => {
    expect(
      toLoadProgress({
        progress: 0.5,
        timeElapsed: 2,
        text: 'Loading model from cache[3/6]: 400MB loaded. 50% completed, 2 secs elapsed.',
      }).phase,
    ).toBe('cache');
    expect(
      toLoadProgress({
        progress: 0.3,
        timeElapsed: 2,
        text: 'Loading GPU shader modules[30/100]: 30% completed, 2 secs elapsed.',
      }),
    ).toMatchObject({ phase: 'shaders', loadedBytes: null });
    expect(
      toLoadProgress({ progress: 0.2, timeElapsed: 9, text: 'Finish loading on WebGPU - nvidia' }),
    ).toMatchObject({ phase: 'ready', percent: 100 });
  });

  it('clamps nonsense fractions', () => {
    expect(toLoadProgress({ progress: Number.NaN, timeElapsed: 0, text: '' }).percent).toBe(0);
    expect(toLoadProgress({ progress: 3, timeElapsed: 0, text: '' }).percent).toBe(100);
  });

  it('formats sizes', () => {
    expect([4078 * MB, 866 * MB, 512 * 1024].map(formatBytes)).toEqual([
      '4.0 GB',
      '866 MB',
      '512 KB',
    ]);
  });
});
