import { beforeEach, describe, expect, it, vi } from 'vitest';

// The start-up state (the shell's render, the queue) is per page: each test loads a fresh module.
const load = () => import('./start-up');

beforeEach(() => {
  vi.resetModules();
});

/** Work that would run between two tasks: a message posted now is handled before a later task. */
function betweenTasks(log: string[], name: string): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    log.push(name);
  };
  channel.port2.postMessage(null);
}

describe('afterFirstPaint', () => {
  it('waits for the shell to be rendered, then for the frame that paints it', async () => {
    const { afterFirstPaint, markShellRendered } = await load();
    let painted = false;
    void afterFirstPaint().then(() => (painted = true));
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(painted).toBe(false);

    markShellRendered();
    // No animation frames here (as in a hidden tab): the fallback lets the start-up go on.
    await afterFirstPaint();
    expect(painted).toBe(true);
  });
});

describe('inTurn', () => {
  it('runs each start-up step in a task of its own, in order', async () => {
    const { inTurn } = await load();
    const log: string[] = [];
    const steps = ['a', 'b', 'c'].map((name) =>
      inTurn(() => {
        log.push(name);
        betweenTasks(log, `after ${name}`);
        return name;
      }),
    );
    expect(await Promise.all(steps)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a', 'after a', 'b', 'after b', 'c']);
  });

  it('runs steps at once after the start-up queue has drained', async () => {
    const { inTurn } = await load();
    await inTurn(() => undefined);
    const log: string[] = [];
    betweenTasks(log, 'other task');
    await inTurn(() => log.push('step'));
    expect(log).toEqual(['step']);
  });

  it('goes on after a step that fails', async () => {
    const { inTurn } = await load();
    const failed = inTurn(() => {
      throw new Error('no storage');
    });
    const next = inTurn(() => 'next');
    await expect(failed).rejects.toThrow('no storage');
    expect(await next).toBe('next');
  });
});

describe('yieldWith', () => {
  it('passes its value on in a later task', async () => {
    const { yieldWith } = await load();
    const log: string[] = [];
    betweenTasks(log, 'other task');
    expect(await yieldWith(42)).toBe(42);
    expect(log).toEqual(['other task']);
  });
});
