import { describe, expect, it, vi } from 'vitest';
import { SyncHttpError } from './http';
import { retryAfterRefresh } from './refresh-on-unauthorized';

const unauthorized = () => new SyncHttpError('unauthorized', 'unauthorized', 'expired', 401);

describe('retryAfterRefresh', () => {
  it('a 401 triggers exactly one refresh and one retry', async () => {
    const work = vi.fn().mockRejectedValueOnce(unauthorized()).mockResolvedValueOnce('done');
    const refresh = vi.fn(async () => 'fresh');
    expect(await retryAfterRefresh(work, refresh)).toBe('done');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('a second 401 is thrown, not refreshed again', async () => {
    const work = vi.fn(async () => Promise.reject(unauthorized()));
    const refresh = vi.fn(async () => 'fresh');
    await expect(retryAfterRefresh(work, refresh)).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('a failed refresh, a missing refresh or another failure is thrown without a retry', async () => {
    const failing = () => vi.fn(async () => Promise.reject(unauthorized()));
    const noToken = failing();
    await expect(retryAfterRefresh(noToken, async () => null)).rejects.toBeInstanceOf(
      SyncHttpError,
    );
    expect(noToken).toHaveBeenCalledTimes(1);
    const noRefresh = failing();
    await expect(retryAfterRefresh(noRefresh, undefined)).rejects.toBeInstanceOf(SyncHttpError);
    expect(noRefresh).toHaveBeenCalledTimes(1);
    const refresh = vi.fn(async () => 'fresh');
    const transient = vi.fn(async () =>
      Promise.reject(new SyncHttpError('transient', 'server_error', 'down', 503)),
    );
    await expect(retryAfterRefresh(transient, refresh)).rejects.toMatchObject({
      kind: 'transient',
    });
    expect(refresh).not.toHaveBeenCalled();
    expect(transient).toHaveBeenCalledTimes(1);
  });
});
