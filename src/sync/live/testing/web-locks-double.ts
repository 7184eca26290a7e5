// Test double of the Web Locks API (navigator.locks does not exist in Node): exclusive locks granted in
// request order, `signal` withdraws a queued request with an AbortError, as browsers do. The real API is
// exercised in Chromium by the end-to-end test.
export function createWebLocksDouble(): Pick<LockManager, 'request'> {
  const queues = new Map<string, (() => void)[]>();
  const held = new Set<string>();

  function grantNext(name: string) {
    const next = queues.get(name)?.shift();
    if (next) next();
    else held.delete(name);
  }

  function request(
    name: string,
    optionsOrCallback: LockOptions | LockGrantedCallback<unknown>,
    maybeCallback?: LockGrantedCallback<unknown>,
  ): Promise<unknown> {
    const options = typeof optionsOrCallback === 'function' ? {} : optionsOrCallback;
    const callback = (maybeCallback ?? optionsOrCallback) as LockGrantedCallback<unknown>;
    return new Promise((resolve, reject) => {
      const run = () => {
        held.add(name);
        Promise.resolve()
          .then(() => callback({ name, mode: 'exclusive' } as Lock))
          .then(resolve, reject)
          .finally(() => grantNext(name));
      };
      if (!held.has(name)) return run();
      const queue = queues.get(name) ?? queues.set(name, []).get(name)!;
      queue.push(run);
      options.signal?.addEventListener('abort', () => {
        const index = queue.indexOf(run);
        if (index < 0) return;
        queue.splice(index, 1);
        reject(new DOMException('The request was aborted', 'AbortError'));
      });
    });
  }
  return { request: request as LockManager['request'] };
}

/** Timers a test advances by hand, so debounce tests never wait on the wall clock. */
export function createManualTimers() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    /** Moves time forward, running every timer that falls due on the way, in order. */
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = end;
    },
  };
}
