// Turns a burst of change events into one or two pulls: a request starts a short wait that later
// requests extend (never past `maxWaitMs`), one pull runs at a time, and requests made while it runs
// cost exactly one more. Timers are injected so tests run without waiting.

export interface PullSchedulerOptions {
  pull: () => Promise<void>;
  /** Quiet time after the last request before pulling. */
  delayMs?: number;
  /** Longest a request waits, however busy the stream. */
  maxWaitMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface PullScheduler {
  request(): void;
  /** Pull now, without the wait (online, visible). */
  flush(): void;
  cancel(): void;
}

export function createPullScheduler(options: PullSchedulerOptions): PullScheduler {
  const {
    pull,
    delayMs = 100,
    maxWaitMs = 400,
    now = Date.now,
    setTimer = (fn, ms) => setTimeout(fn, ms),
    clearTimer = (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  } = options;
  let timer: unknown;
  let firstRequestAt: number | null = null;
  let running = false;
  let requestedWhileRunning = false;
  let cancelled = false;

  function run() {
    clearTimer(timer);
    timer = undefined;
    firstRequestAt = null;
    if (cancelled) return;
    if (running) {
      requestedWhileRunning = true;
      return;
    }
    running = true;
    void pull()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (requestedWhileRunning) {
          requestedWhileRunning = false;
          request();
        }
      });
  }

  function request() {
    if (cancelled) return;
    if (running) {
      requestedWhileRunning = true;
      return;
    }
    const at = now();
    firstRequestAt ??= at;
    clearTimer(timer);
    timer = setTimer(run, Math.max(0, Math.min(delayMs, firstRequestAt + maxWaitMs - at)));
  }

  return {
    request,
    flush: run,
    cancel() {
      cancelled = true;
      clearTimer(timer);
    },
  };
}
