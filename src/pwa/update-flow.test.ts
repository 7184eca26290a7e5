import { describe, expect, it, vi } from 'vitest';
import { createUpdateFlow } from './update-flow.ts';
import { createFakeWorkbox } from './fake-workbox.ts';

describe('createUpdateFlow', () => {
  it('offers the update once a new worker is waiting', () => {
    const { worker, fire } = createFakeWorkbox();
    const flow = createUpdateFlow(worker, vi.fn());
    expect(flow.updateReady()).toBe(false);
    fire('waiting');
    expect(flow.updateReady()).toBe(true);
  });

  it('activates the waiting worker on request and reloads only once it controls the page', () => {
    const { worker, fire, calls } = createFakeWorkbox();
    const reload = vi.fn();
    const flow = createUpdateFlow(worker, reload);
    fire('waiting');
    flow.applyUpdate();
    expect(calls.messageSkipWaiting).toBe(1);
    expect(reload).not.toHaveBeenCalled();
    fire('controlling');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('never reloads when another tab activated the new version', () => {
    const { worker, fire } = createFakeWorkbox();
    const reload = vi.fn();
    const flow = createUpdateFlow(worker, reload);
    fire('controlling', { isExternal: true });
    expect(reload).not.toHaveBeenCalled();
    expect(flow.updateReady()).toBe(true);
  });

  it('does not offer an update when the first worker takes control', () => {
    const { worker, fire } = createFakeWorkbox();
    const flow = createUpdateFlow(worker, vi.fn());
    fire('controlling', { isExternal: false });
    expect(flow.updateReady()).toBe(false);
  });

  it('hides the offer when dismissed', () => {
    const { worker, fire } = createFakeWorkbox();
    const flow = createUpdateFlow(worker, vi.fn());
    fire('waiting');
    flow.dismiss();
    expect(flow.updateReady()).toBe(false);
  });
});
