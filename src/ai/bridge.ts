// The page's handle on the AI worker, in Squoosh's style: the worker starts on first use, calls run
// one at a time, each takes an AbortSignal, parses time out, and the worker is terminated when idle
// so the GPU memory a model holds goes back to the system. Callers never block capture on it.
import * as Comlink from 'comlink';
import type { InitProgressReport } from '@mlc-ai/web-llm';
import type { EngineHost } from './engine-host';

export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

export type AiErrorCode = 'timeout' | 'aborted' | 'worker_error';

export class AiError extends Error {
  constructor(
    readonly code: AiErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = 'AiError';
  }
}

export interface AiBridgeOptions {
  createWorker: () => WorkerLike;
  /** A parse slower than this is abandoned (the rules result stays). */
  timeoutMs?: number;
  /** The worker is terminated after this long without calls. */
  idleMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface AiBridge {
  /** Downloads (first time) and loads a model; abort cancels the download by stopping the worker. */
  load(
    modelId: string,
    options?: CallOptions & { onProgress?: (report: InitProgressReport) => void },
  ): Promise<void>;
  /** Raw answer text; reloads the last model first if the worker was stopped while idle. */
  parse(text: string, referenceNow: string, schema: string, options?: CallOptions): Promise<string>;
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
}

export function createAiBridge({
  createWorker,
  timeoutMs = 8000,
  idleMs = 120_000,
}: AiBridgeOptions): AiBridge {
  let running: Running | null = null;
  let wanted: string | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  function start(): Running {
    if (running) return running;
    const worker = createWorker();
    running = { worker, remote: Comlink.wrap<EngineHost>(worker), loaded: null };
    return running;
  }

  function terminate(): void {
    clearTimeout(idleTimer);
    if (!running) return;
    const { worker, remote } = running;
    running = null;
    remote[Comlink.releaseProxy]();
    worker.terminate();
  }

  function armIdle(): void {
    clearTimeout(idleTimer);
    if (pending === 0 && running) idleTimer = setTimeout(terminate, idleMs);
  }

  interface Step<T> {
    run: (r: Running) => Promise<T>;
    signal?: AbortSignal;
    timeout?: number;
    /** What to do to the worker when the caller gives up: stop generating, or stop everything. */
    onGiveUp: (r: Running) => void;
  }

  function enqueue<T>(step: Step<T>): Promise<T> {
    pending += 1;
    clearTimeout(idleTimer);
    const result = tail.then(() => execute(step));
    tail = result.catch(() => undefined);
    return result.finally(() => {
      pending -= 1;
      armIdle();
    });
  }

  function execute<T>({ run, signal, timeout, onGiveUp }: Step<T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(new AiError('aborted'));
    const current = start();
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const giveUp = (error: AiError) => {
        settle();
        reject(error);
        onGiveUp(current);
      };
      const onAbort = () => giveUp(new AiError('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeout !== undefined) {
        timer = setTimeout(
          () => giveUp(new AiError('timeout', `No answer in ${timeout} ms`)),
          timeout,
        );
      }
      // A late answer still settles this promise; nobody listens any more, which is the point.
      run(current).then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error instanceof AiError ? error : new AiError('worker_error', String(error)));
        },
      );
    });
  }

  const interrupt = (r: Running) => void r.remote.interrupt().catch(() => undefined);
  const stopWorker = (r: Running) => {
    if (running === r) terminate();
  };

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
    async parse(text, referenceNow, schema, options = {}) {
      if (wanted && running?.loaded !== wanted) await load(wanted, options);
      return enqueue({
        signal: options.signal,
        timeout: timeoutMs,
        onGiveUp: interrupt,
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
