// The object the AI worker exposes over Comlink: one WebLLM engine, one model, one call at a time.
// The engine itself is injected so tests can run the host against a test double of WebLLM's
// engine interface; worker.ts passes the real MLCEngine, loaded from a lazy chunk.
import type { AppConfig, InitProgressReport, MLCEngineInterface } from '@mlc-ai/web-llm';
import { buildMessages } from './prompt';

/** The part of WebLLM's engine interface Tend uses. */
export type EngineLike = Pick<
  MLCEngineInterface,
  | 'reload'
  | 'chatCompletion'
  | 'unload'
  | 'interruptGenerate'
  | 'setInitProgressCallback'
  | 'resetChat'
>;

export interface EngineBackend {
  createEngine(appConfig: AppConfig | undefined): Promise<EngineLike>;
  hasModelInCache(modelId: string, appConfig?: AppConfig): Promise<boolean>;
  deleteModelAllInfoInCache(modelId: string, appConfig?: AppConfig): Promise<void>;
}

export interface EngineHost {
  load(modelId: string, onProgress?: (report: InitProgressReport) => void): Promise<void>;
  /** The model's raw answer text; validating it is the page's job. */
  parse(text: string, referenceNow: string, schema: string): Promise<string>;
  /** Stops a generation in progress (after a timeout or abort on the page). */
  interrupt(): void;
  unload(): Promise<void>;
  deleteModel(modelId: string): Promise<void>;
  hasModel(modelId: string): Promise<boolean>;
  loadedModel(): string | null;
}

/** Short answers: six fields fit in well under 200 tokens; the cap stops a rambling model early. */
const MAX_TOKENS = 256;

export function createEngineHost(backend: EngineBackend, appConfig?: AppConfig): EngineHost {
  let engine: EngineLike | null = null;
  let loaded: string | null = null;
  // WebLLM blocks concurrent requests itself, but reload during a completion is undefined: serialise.
  let tail: Promise<unknown> = Promise.resolve();

  function serial<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  }

  async function getEngine(): Promise<EngineLike> {
    engine ??= await backend.createEngine(appConfig);
    return engine;
  }

  return {
    load: (modelId, onProgress) =>
      serial(async () => {
        if (loaded === modelId) return;
        const current = await getEngine();
        current.setInitProgressCallback((report) => onProgress?.(report));
        loaded = null;
        await current.reload(modelId);
        loaded = modelId;
      }),
    parse: (text, referenceNow, schema) =>
      serial(async () => {
        if (!engine || !loaded) throw new Error('model_not_loaded');
        // Each quick add stands alone: no chat history may leak from one task into the next.
        await engine.resetChat();
        const reply = await engine.chatCompletion({
          messages: buildMessages(text, referenceNow, schema),
          temperature: 0,
          max_tokens: MAX_TOKENS,
          stream: false,
          response_format: { type: 'json_object', schema },
        });
        return reply.choices[0]?.message.content ?? '';
      }),
    interrupt: () => engine?.interruptGenerate(),
    unload: () =>
      serial(async () => {
        loaded = null;
        await engine?.unload();
      }),
    deleteModel: (modelId) =>
      serial(async () => {
        if (loaded === modelId) {
          loaded = null;
          await engine?.unload();
        }
        await backend.deleteModelAllInfoInCache(modelId, appConfig);
      }),
    hasModel: (modelId) => backend.hasModelInCache(modelId, appConfig),
    loadedModel: () => loaded,
  };
}

/** A backend fetched on first use: keeps the web-llm chunk out of the worker's startup. */
export function createLazyBackend(load: () => Promise<EngineBackend>): EngineBackend {
  return {
    createEngine: async (appConfig) => (await load()).createEngine(appConfig),
    hasModelInCache: async (id, appConfig) => (await load()).hasModelInCache(id, appConfig),
    deleteModelAllInfoInCache: async (id, appConfig) =>
      (await load()).deleteModelAllInfoInCache(id, appConfig),
  };
}
