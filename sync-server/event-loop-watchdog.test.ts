// The watchdog kills a process whose main thread is stuck, and leaves alone one that keeps turning its
// event loop, busy or idle. Each case is a real child process.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs `body` in a child process with a watchdog of `limitMs`; resolves with how it ended. */
function runWithWatchdog(limitMs: number, body: string) {
  const script = `
    import { startEventLoopWatchdog } from './sync-server/event-loop-watchdog.ts';
    startEventLoopWatchdog({ limitMs: ${limitMs}, beatMs: 50 });
    ${body}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = Date.now();
  return new Promise<{ code: number | null; signal: string | null; ms: number; stderr: string }>(
    (resolve) =>
      child.once('exit', (code, signal) =>
        resolve({ code, signal, ms: Date.now() - started, stderr }),
      ),
  );
}

describe('startEventLoopWatchdog', () => {
  it('kills a process whose event loop is stuck past the limit, and says why', async () => {
    const ended = await runWithWatchdog(
      500,
      // Give the worker a moment to start, then never return to the event loop again.
      'setTimeout(() => { for (;;); }, 300);',
    );
    expect(ended.signal).toBe('SIGKILL');
    expect(ended.stderr).toMatch(/"level":"fatal".*event loop stuck for \d+ ms/);
  }, 30_000);

  it('leaves a process alone whose event loop turns, and does not keep it from exiting', async () => {
    const ended = await runWithWatchdog(
      500,
      // Busy for 1.5 s in short slices, then nothing left to do.
      `const until = Date.now() + 1500;
       const slice = () => { const end = Date.now() + 20; while (Date.now() < end); if (Date.now() < until) setTimeout(slice, 0); };
       slice();`,
    );
    expect(ended).toMatchObject({ code: 0, signal: null, stderr: '' });
  }, 30_000);
});
