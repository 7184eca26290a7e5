// Ends the process when its main thread stops turning the event loop for longer than `limitMs`. PGlite runs
// on the main thread: a statement that never returns would leave the process listening but answering no one,
// forever, where a supervisor would restart a process that died. The watch runs in a worker thread, which
// keeps running while the main thread is stuck; the main thread only bumps a shared counter every second.
import { Worker } from 'node:worker_threads';

export interface EventLoopWatchdog {
  stop(): void;
}

/** The worker's code: compare the counter every second; a counter that stood still too long kills the process. */
const WATCH = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const beats = new Int32Array(workerData.beats);
let last = Atomics.load(beats, 0);
let since = Date.now();
setInterval(() => {
  const now = Date.now();
  const current = Atomics.load(beats, 0);
  if (current !== last) { last = current; since = now; return; }
  if (now - since <= workerData.limitMs) return;
  writeSync(2, JSON.stringify({ level: 'fatal', time: now, msg: 'event loop stuck for ' + (now - since) + ' ms: ending the process so it can be restarted' }) + '\\n');
  // SIGKILL: a stuck main thread would never run a SIGTERM handler.
  process.kill(process.pid, 'SIGKILL');
}, workerData.checkMs);
`;

export function startEventLoopWatchdog({
  limitMs,
  beatMs = 1000,
}: {
  limitMs: number;
  beatMs?: number;
}): EventLoopWatchdog {
  const beats = new Int32Array(new SharedArrayBuffer(4));
  const beat = setInterval(() => Atomics.add(beats, 0, 1), beatMs);
  beat.unref();
  const worker = new Worker(WATCH, {
    eval: true,
    // A plain CommonJS script: none of the main thread's loaders (tsx) or flags (--input-type).
    execArgv: [],
    workerData: { beats: beats.buffer, limitMs, checkMs: Math.min(beatMs, limitMs) },
  });
  worker.unref();
  return {
    stop() {
      clearInterval(beat);
      void worker.terminate();
    },
  };
}
