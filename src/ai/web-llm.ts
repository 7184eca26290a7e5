// The only module that imports @mlc-ai/web-llm at runtime. The worker loads it with a dynamic
// import, so the bundler emits it as its own `web-llm-<hash>.js` chunk: never in the initial
// bundle, never precached (the service worker's globIgnores names it), fetched only when the
// user turns the model on.
import { MLCEngine, deleteModelAllInfoInCache, hasModelInCache } from '@mlc-ai/web-llm';
import type { EngineBackend } from './engine-host';

export const webLlmBackend: EngineBackend = {
  createEngine: async (appConfig) => new MLCEngine(appConfig ? { appConfig } : {}),
  hasModelInCache,
  deleteModelAllInfoInCache,
};
