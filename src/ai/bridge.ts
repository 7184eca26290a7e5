// The page's handle on the AI worker, in Squoosh's style: the worker starts on first use, calls run
// one at a time, each takes an AbortSignal, parses time out, and the worker is terminated when idle
// so the GPU memory a model holds goes back to the system. Callers never block capture on it.
import * as Comlink from 'comlink';
import type { InitProgressReport } from '@mlc-ai/web-llm';
import type { EngineHost } from './engine-host';

export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

type AiErrorCode = 'timeout' | 'aborted' | 'worker_error';

export class AiError extends Error {
  constructor(
    readonly code: AiErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = 'AiError';
  }
}

interface AiBridgeOptions {
  createWorker: () => WorkerLike;
  /** A parse slower than this is abandoned (the rules result stays). */
  timeoutMs?: number;
  /** The worker is terminated after this long without calls. */
  idleMs?: number;
  /** How long a given-up call may keep the worker busy before the worker is stopped. */
  graceMs?: number;
}

interface CallOptions {
  signal?: AbortSignal;
}

interface ParseOptions extends CallOptions {
  /** Overrides the bridge's timeout for this call. */
  timeoutMs?: number;
}

export interface AiBridge {
  /** Downloads (first time) and loads a model; abort cancels the download by stopping the worker. */
  load(
    modelId: string,
    options?: CallOptions & { onProgress?: (report: InitProgressReport) => void },
  ): Promise<void>;
  /** Raw answer text; reloads the last model first if the worker was stopped while idle. */
  parse(
    text: string,
    referenceNow: string,
    schema: string,
    options?: ParseOptions,
  ): Promise<string>;
  hasModel(modelId: string, options?: CallOptions): Promise<boolean>;
  deleteModel(modelId: string, options?: CallOptions): Promise<void>;
  unload(): Promise<void>;
  isRunning(): boolean;
  /** The model the page asked for last (reloaded on demand), or null. */
  modelId(): string | null;
  terminate(): void;
}

type Remote = Comlink.Remote<EngineHost>;

interface Running {
  worker: WorkerLike;
  remote: Remote;
  /** The model loaded in this worker instance. */
  loaded: string | null;
  /** Resolves when this worker instance is terminated. */
  stopped: Promise<void>;
  stop: () => void;
}

export function createAiBridge({
  createWorker,
  timeoutMs = 8000,
  idleMs = 120_000,
  graceMs = 2000,
}: AiBridgeOptions): AiBridge {
  let running: Running | null = null;
  let wanted: string | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  function start(): Running {
    if (running) return running;
    const worker = createWorker();
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    running = { worker, remote: Comlink.wrap<EngineHost>(worker), loaded: null, stopped, stop };
    return running;
  }

  function terminate(): void {
    clearTimeout(idleTimer);
    if (!running) return;
    const { worker, remote, stop } = running;
    running = null;
    remote[Comlink.releaseProxy]();
    worker.terminate();
    stop();
  }

  function armIdle(): void {
    clearTimeout(idleTimer);
    if (pending === 0 && running) idleTimer = setTimeout(terminate, idleMs);
  }

  interface Step<T> {
    /** Untimed work before `run` (reloading the model into a fresh worker). */
    prepare?: (r: Running) => Promise<void>;
    run: (r: Running) => Promise<T>;
    signal?: AbortSignal;
    timeout?: number;
    /** What to do to the worker when the caller gives up: stop generating, or stop everything. */
    onGiveUp: (r: Running) => void;
  }

  function enqueue<T>(step: Step<T>): Promise<T> {
    pending += 1;
    clearTimeout(idleTimer);
    const result = new Promise<T>((resolve, reject) => {
      tail = tail.then(() => execute(step, resolve, reject));
    });
    return result.finally(() => {
      pending -= 1;
      armIdle();
    });
  }

  /**
   * Runs one step. The caller is answered as soon as it has a result, a timeout or an abort; the
   * returned promise (the queue slot) resolves only when the worker is free again: its late answer
   * arrived, the worker was stopped, or it ignored an interrupt for `graceMs` and was stopped.
   */
  function execute<T>(
    { prepare, run, signal, timeout, onGiveUp }: Step<T>,
    resolve: (value: T) => void,
    reject: (error: unknown) => void,
  ): Promise<void> {
    if (signal?.aborted) {
      reject(new AiError('aborted'));
      return Promise.resolve();
    }
    const current = start();
    return new Promise<void>((release) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let grace: ReturnType<typeof setTimeout> | undefined;
      let answered = false;
      const answer = (deliver: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (answered) return;
        answered = true;
        deliver();
      };
      const free = () => {
        clearTimeout(grace);
        release();
      };
      const giveUp = (error: AiError) => {
        answer(() => reject(error));
        onGiveUp(current);
        grace = setTimeout(() => {
          stopWorker(current);
          free();
        }, graceMs);
      };
      const onAbort = () => giveUp(new AiError('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      void current.stopped.then(free);
      const work = async () => {
        await prepare?.(current);
        if (answered) return undefined as T;
        if (timeout !== undefined) {
          timer = setTimeout(
            () => giveUp(new AiError('timeout', `No answer in ${timeout} ms`)),
            timeout,
          );
        }
        return run(current);
      };
      // A late answer still arrives here; the caller has moved on, so it only frees the queue.
      work().then(
        (value) => {
          answer(() => resolve(value));
          free();
        },
        (error: unknown) => {
          answer(() =>
            reject(error instanceof AiError ? error : new AiError('worker_error', String(error))),
          );
          free();
        },
      );
    });
  }

  const interrupt = (r: Running) => void r.remote.interrupt().catch(() => undefined);
  function stopWorker(r: Running): void {
    if (running === r) terminate();
  }

  function load(
    modelId: string,
    options: CallOptions & { onProgress?: (report: InitProgressReport) => void } = {},
  ): Promise<void> {
    wanted = modelId;
    return enqueue({
      signal: options.signal,
      onGiveUp: stopWorker,
      run: async (r) => {
        if (r.loaded === modelId) return;
        const progress = options.onProgress;
        await r.remote.load(modelId, progress ? Comlink.proxy(progress) : undefined);
        r.loaded = modelId;
      },
    });
  }

  return {
    load,
    parse(text, referenceNow, schema, options = {}) {
      return enqueue({
        signal: options.signal,
        timeout: options.timeoutMs ?? timeoutMs,
        onGiveUp: interrupt,
        // The worker may have been stopped while idle: reload first, outside the parse's timeout.
        prepare: async (r) => {
          if (wanted && r.loaded !== wanted) {
            await r.remote.load(wanted);
            r.loaded = wanted;
          }
        },
        run: (r) => r.remote.parse(text, referenceNow, schema),
      });
    },
    hasModel: (modelId, options = {}) =>
      enqueue({
        signal: options.signal,
        onGiveUp: stopWorker,
        run: (r) => r.remote.hasModel(modelId),
      }),
    deleteModel(modelId, options = {}) {
      if (wanted === modelId) wanted = null;
      return enqueue({
        signal: options.signal,
        onGiveUp: stopWorker,
        run: async (r) => {
          await r.remote.deleteModel(modelId);
          if (r.loaded === modelId) r.loaded = null;
        },
      });
    },
    async unload() {
      wanted = null;
      if (!running) return;
      await enqueue({ onGiveUp: stopWorker, run: (r) => r.remote.unload() });
      terminate();
    },
    isRunning: () => running !== null,
    modelId: () => wanted,
    terminate,
  };
}
