import { describe, expect, it } from 'vitest';
import { createPullScheduler } from './pull-scheduler';
import { createManualTimers } from './testing/web-locks-double';

/** A pull that stays open until the test ends it, so "a pull is running" is explicit. */
function controllablePull() {
  const finishers: (() => void)[] = [];
  return {
    count: () => finishers.length,
    pull: () => new Promise<void>((resolve) => finishers.push(resolve)),
    finishLast: async () => {
      finishers.at(-1)!();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

function setup() {
  const timers = createManualTimers();
  const pulls = controllablePull();
  const scheduler = createPullScheduler({
    pull: pulls.pull,
    delayMs: 100,
    maxWaitMs: 400,
    ...timers,
  });
  return { timers, pulls, scheduler };
}

describe('pull scheduler', () => {
  it('turns a burst of 50 change events into one pull, and a burst during that pull into one more', async () => {
    const { timers, pulls, scheduler } = setup();
    for (let i = 0; i < 25; i++) {
      scheduler.request();
      timers.advance(5);
    }
    timers.advance(100);
    expect(pulls.count()).toBe(1);
    // The rest of the burst lands while the first pull runs.
    for (let i = 0; i < 25; i++) {
      scheduler.request();
      timers.advance(5);
    }
    expect(pulls.count()).toBe(1);
    await pulls.finishLast();
    timers.advance(100);
    expect(pulls.count()).toBe(2);
    await pulls.finishLast();
    timers.advance(1_000);
    expect(pulls.count()).toBe(2);
  });

  it('never lets a steady stream of events hold a pull back longer than maxWaitMs', () => {
    const { timers, pulls, scheduler } = setup();
    for (let t = 0; t < 400; t += 50) {
      scheduler.request();
      timers.advance(50);
    }
    expect(pulls.count()).toBe(1);
  });

  it('pulls at once on flush, and nothing after cancel', () => {
    const timers = createManualTimers();
    const pulls = controllablePull();
    const scheduler = createPullScheduler({ pull: pulls.pull, ...timers });
    scheduler.flush();
    expect(pulls.count()).toBe(1);
    const other = createPullScheduler({ pull: pulls.pull, ...timers });
    other.request();
    other.cancel();
    timers.advance(10_000);
    expect(pulls.count()).toBe(1);
  });
});
