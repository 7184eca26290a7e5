// The AI worker: a dedicated module worker that owns the WebGPU device, so no model work ever runs
// on the page thread. The page talks to it through bridge.ts.
import * as Comlink from 'comlink';
import { readAiEnv } from './capability';
import { createEngineHost, createLazyBackend } from './engine-host';
import { createAppConfig } from './models';

const env = readAiEnv(import.meta.env as Record<string, unknown>);
const backend = createLazyBackend(async () => (await import('./web-llm')).webLlmBackend);

Comlink.expose(createEngineHost(backend, createAppConfig(env.modelPath, self.location.href)));
