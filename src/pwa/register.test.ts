import { describe, expect, it, vi } from 'vitest';
import { getUpdateFlow, registerServiceWorker, SERVICE_WORKER_URL } from './register.ts';
import { createFakeWorkbox } from './fake-workbox.ts';

describe('registerServiceWorker', () => {
  it('does nothing outside production builds', async () => {
    const createWorker = vi.fn();
    expect(await registerServiceWorker({ enabled: false, supported: true, createWorker })).toBe(
      undefined,
    );
    expect(await registerServiceWorker({ supported: true, createWorker })).toBe(undefined);
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('does nothing where the browser has no service workers', async () => {
    const createWorker = vi.fn();
    expect(await registerServiceWorker({ enabled: true, supported: false, createWorker })).toBe(
      undefined,
    );
    expect(await registerServiceWorker({ enabled: true, createWorker })).toBe(undefined);
    expect(createWorker).not.toHaveBeenCalled();
  });

  it('registers /sw.js and publishes its update flow', async () => {
    const { worker, fire, calls } = createFakeWorkbox();
    const reload = vi.fn();
    const createWorker = vi.fn(async () => worker);
    const flow = await registerServiceWorker({
      enabled: true,
      supported: true,
      createWorker,
      reload,
    });
    expect(createWorker).toHaveBeenCalledWith(SERVICE_WORKER_URL);
    expect(calls.register).toBe(1);
    expect(getUpdateFlow()).toBe(flow);
    fire('waiting');
    flow?.applyUpdate();
    fire('controlling');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reports a failed registration instead of throwing', async () => {
    const onError = vi.fn();
    const failure = new Error('SecurityError');
    const createWorker = vi.fn(async () => {
      throw failure;
    });
    const flow = await registerServiceWorker({
      enabled: true,
      supported: true,
      createWorker,
      onError,
    });
    expect(flow).toBeUndefined();
    expect(onError).toHaveBeenCalledWith(failure);
  });
});
