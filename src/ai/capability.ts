// Can this device run a model, and which one? WebGPU gives no memory size, so the budget comes from
// LLM_WORKER_MEMORY when the deployment sets it, and the adapter's buffer limits tell phones
// (which WebLLM serves only low-resource models) from desktops.
import { MODELS, needsShaderF16 } from './models';
import type { TendModel } from './models';

type UnavailableReason = 'no-webgpu' | 'no-adapter' | 'too-little-memory';

export type Capability =
  | { available: true; model: TendModel; lowResource: boolean }
  | { available: false; reason: UnavailableReason; detail: string };

/** The slice of WebGPU we read; fake objects in tests implement just this. */
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<{
    features: { has(name: string): boolean };
    limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
    /** Chromium 129+: `info.isFallbackAdapter`; older builds had it on the adapter. */
    info?: { isFallbackAdapter?: boolean; architecture?: string };
    isFallbackAdapter?: boolean;
  } | null>;
}

export interface AiEnv {
  /** `LLM_MODEL_PATH`: base URL of self-hosted weights and model libraries. */
  modelPath?: string;
  /** `LLM_WORKER_MEMORY`: MB of GPU memory the model may use. */
  workerMemoryMB?: number;
}

const MIB = 1024 * 1024;
/** WebGPU guarantees 128 MiB; below 1 GiB WebLLM's guidance is to use low-resource models only. */
const LOW_RESOURCE_BINDING = 1024 * MIB;
const MIN_BINDING = 128 * MIB;

/** Reads the build-time env (Vite exposes VITE_*, and LLM_* when vite.config.ts lists it in envPrefix). */
export function readAiEnv(env: Record<string, unknown>): AiEnv {
  const path = env.VITE_LLM_MODEL_PATH ?? env.LLM_MODEL_PATH;
  const memory = Number(env.VITE_LLM_WORKER_MEMORY ?? env.LLM_WORKER_MEMORY);
  return {
    modelPath: typeof path === 'string' && path.trim() ? path.trim() : undefined,
    workerMemoryMB: Number.isFinite(memory) && memory > 0 ? memory : undefined,
  };
}

const REASON_TEXT: Record<UnavailableReason, string> = {
  'no-webgpu': 'This browser does not offer WebGPU (no navigator.gpu).',
  'no-adapter': 'WebGPU is present but no GPU adapter is available.',
  'too-little-memory': 'The GPU has too little memory for any of the models.',
};

/** The first model, in order of preference, that fits the budget and the adapter. */
function chooseModel(opts: {
  memoryMB?: number;
  lowResource: boolean;
  shaderF16: boolean;
}): TendModel | undefined {
  return MODELS.find(({ record }) => {
    if (opts.lowResource && !record.low_resource_required) return false;
    if (!opts.shaderF16 && needsShaderF16(record)) return false;
    if (opts.shaderF16 && !needsShaderF16(record)) return false;
    return opts.memoryMB === undefined || (record.vram_required_MB ?? 0) <= opts.memoryMB;
  });
}

export async function detectCapability(
  gpu: GpuLike | undefined,
  env: AiEnv = {},
): Promise<Capability> {
  if (!gpu) return unavailable('no-webgpu', REASON_TEXT['no-webgpu']);
  let adapter: Awaited<ReturnType<GpuLike['requestAdapter']>>;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return unavailable('no-adapter', `${REASON_TEXT['no-adapter']} (${String(error)})`);
  }
  if (!adapter) return unavailable('no-adapter', REASON_TEXT['no-adapter']);
  // A software adapter (SwiftShader, as Chromium offers with --enable-unsafe-webgpu and no GPU)
  // runs WebGPU on the CPU: a 7B model would take minutes per parse.
  if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter) {
    const name = adapter.info?.architecture ? ` (${adapter.info.architecture})` : '';
    return unavailable(
      'no-adapter',
      `${REASON_TEXT['no-adapter']} Only a software fallback adapter${name} exists.`,
    );
  }

  const binding = Math.min(
    adapter.limits.maxStorageBufferBindingSize,
    adapter.limits.maxBufferSize,
  );
  const limits = `maxStorageBufferBindingSize ${Math.round(binding / MIB)} MiB`;
  if (binding < MIN_BINDING) {
    return unavailable('too-little-memory', `${REASON_TEXT['too-little-memory']} (${limits})`);
  }
  const lowResource = binding < LOW_RESOURCE_BINDING;
  const model = chooseModel({
    memoryMB: env.workerMemoryMB,
    lowResource,
    shaderF16: adapter.features.has('shader-f16'),
  });
  if (!model) {
    const budget = env.workerMemoryMB ? `, LLM_WORKER_MEMORY ${env.workerMemoryMB} MB` : '';
    return unavailable(
      'too-little-memory',
      `${REASON_TEXT['too-little-memory']} (${limits}${budget})`,
    );
  }
  return { available: true, model, lowResource };
}

function unavailable(reason: UnavailableReason, detail: string): Capability {
  return { available: false, reason, detail };
}
