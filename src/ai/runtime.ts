// The page's AI runtime: capability, the user's settings and the worker bridge in one place, for
// background refinement and the Settings panel. Created once per page, lazily, on the first
// capture or the first visit to Settings; nothing here runs at start-up.
import type { TendDb } from '../db/database';
import { AI_CACHE_NAME } from '../core/sw-protocol';
import { createAiBridge } from './bridge';
import type { AiBridge, WorkerLike } from './bridge';
import { detectCapability, readAiEnv } from './capability';
import type { AiEnv, Capability, GpuLike } from './capability';
import { startModelDownload } from './download';
import type { ModelDownload } from './download';
import { flushTelemetry } from './parse-stats';
import type { ModelState, OnDeviceParser } from './refine';
import { settleRefinements } from './refinements';
import { getAiSettings } from './settings';

export interface AiRuntime extends OnDeviceParser {
  readonly bridge: AiBridge;
  capability(): Promise<Capability>;
  /** The model this device would use, whether it is downloaded. */
  isDownloaded(signal?: AbortSignal): Promise<boolean>;
  /** Downloads (first time) and loads the chosen model; joins the download already running. */
  download(): ModelDownload;
  /** The download in progress, if any (a panel mounted later re-attaches to it). */
  activeDownload(): ModelDownload | null;
  deleteModel(): Promise<void>;
  /** Settles accuracy figures and sends telemetry if the user agreed; best effort. */
  settleAndSendStats(): Promise<void>;
}

interface AiRuntimeOptions {
  db: TendDb;
  gpu: GpuLike | undefined;
  env: AiEnv;
  createWorker: () => WorkerLike;
  timeoutMs?: number;
  idleMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
  /** The service worker caches the AI chunks only while the 'tend-ai' cache exists (opened on download, deleted with the model below). */
  cacheStorage?: Pick<CacheStorage, 'open' | 'delete'>;
}

export function createAiRuntime(options: AiRuntimeOptions): AiRuntime {
  const { db, now = Date.now } = options;
  const cacheStorage = options.cacheStorage ?? (globalThis.caches as CacheStorage | undefined);
  const bridge = createAiBridge({
    createWorker: options.createWorker,
    timeoutMs: options.timeoutMs,
    idleMs: options.idleMs,
  });
  let capability: Promise<Capability> | undefined;
  let active: ModelDownload | null = null;
  const getCapability = () => (capability ??= detectCapability(options.gpu, options.env));

  async function chosenModel(): Promise<string> {
    const cap = await getCapability();
    if (!cap.available) throw new Error(cap.detail);
    return cap.model.record.model_id;
  }

  return {
    bridge,
    capability: getCapability,
    async prepare(signal): Promise<ModelState> {
      const settings = await getAiSettings(db);
      if (!settings.enabled) return { status: 'off' };
      const cap = await getCapability();
      if (!cap.available) return { status: 'unavailable', reason: cap.reason };
      const modelId = cap.model.record.model_id;
      if (bridge.modelId() === modelId) return { status: 'ready', modelId };
      // Opted in but not downloaded (cancelled, deleted): refinement never starts a download.
      if (!(await bridge.hasModel(modelId, { signal }))) return { status: 'off' };
      await bridge.load(modelId, { signal });
      return { status: 'ready', modelId };
    },
    parse: (text, referenceNow, schema, opts) => bridge.parse(text, referenceNow, schema, opts),
    async isDownloaded(signal) {
      return bridge.hasModel(await chosenModel(), { signal });
    },
    download() {
      if (active) return active;
      const download = startModelDownload(async (onProgress, signal) => {
        const modelId = await chosenModel();
        // Created before the worker starts, so its chunks are kept for offline use from the start.
        await cacheStorage?.open(AI_CACHE_NAME);
        await bridge.load(modelId, { onProgress, signal });
      });
      active = download;
      const clear = () => {
        if (active === download) active = null;
      };
      download.done.then(clear, clear);
      return download;
    },
    activeDownload: () => active,
    async deleteModel() {
      active?.cancel();
      await bridge.deleteModel(await chosenModel());
      await bridge.unload();
      await cacheStorage?.delete(AI_CACHE_NAME);
    },
    async settleAndSendStats() {
      await settleRefinements(db, now());
      const { telemetry } = await getAiSettings(db);
      await flushTelemetry(db, { optedIn: telemetry, fetch: options.fetch }).catch(() => 0);
    },
  };
}

let pageRuntime: AiRuntime | undefined;

/** The page's runtime: the real worker, navigator.gpu and the build's LLM_* settings. */
export function getPageRuntime(db: TendDb): AiRuntime {
  pageRuntime ??= createAiRuntime({
    db,
    gpu: (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu,
    env: readAiEnv(import.meta.env as Record<string, unknown>),
    createWorker: () =>
      new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tend-ai' }),
  });
  return pageRuntime;
}
