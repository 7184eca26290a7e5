// The page's start-up after its first paint, one short task at a time. Lighthouse's simulated LCP
// (Lantern) counts every request that completed before the observed largest paint, so nothing that
// paint does not need may load before it; and every task after the paint longer than 50 ms on its
// 4x slower CPU is blocking time, so Dexie's evaluation, the database's opening and each live query's
// start run in tasks of their own instead of one long one.

let rendered!: () => void;
const shellRendered = new Promise<void>((resolve) => (rendered = resolve));

/** The entry has rendered the shell: the next frame painted is the first paint with content. */
export function markShellRendered(): void {
  rendered();
}

/** Resolves after two animation frames (the first runs before the next paint), or `fallbackMs`. */
function afterNextPaint(fallbackMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    // A hidden tab paints nothing and runs no animation frames.
    const timer = setTimeout(resolve, fallbackMs);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

const painted = shellRendered.then(() => afterNextPaint(200));

/** Resolves once the shell the entry rendered (`markShellRendered`) has been painted. */
export function afterFirstPaint(): Promise<void> {
  return painted;
}

interface Scheduler {
  yield(): Promise<void>;
}

/** Ends the current task: what follows runs in a new one, after input and paints that are waiting. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  // A message, unlike a nested setTimeout(0), is not clamped to 4 ms.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** `yieldToMain`, then `value`: for a step in a promise chain. */
export function yieldWith<T>(value: T): Promise<T> {
  return yieldToMain().then(() => value);
}

let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;
let started = false;

/**
 * Runs `step` in a task of its own, after the steps queued before it, while the page is starting;
 * once the start-up queue has drained (the first screen is up), steps run at once.
 */
export function inTurn<T>(step: () => T | Promise<T>): Promise<T> {
  if (started) return Promise.resolve().then(step);
  waiting++;
  const run = queue.then(yieldToMain).then(async () => {
    try {
      return await step();
    } finally {
      if (--waiting === 0) started = true;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
