// The models Tend can run, as WebLLM 0.2.86 model records. A copy rather than an import of
// `prebuiltAppConfig`, because importing web-llm on the page would pull its 6 MB chunk into the
// settings and quick-add code; models.test.ts checks the copy against the package on every run.
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';

const LIB_PREFIX =
  'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v0_2_86/base/';

export interface TendModel {
  record: ModelRecord;
  /** What Settings calls it. */
  label: string;
  /**
   * Estimated download in MB: parameters x ~4.5 bits (q4 weights + f16 group scales), or ~5 bits
   * with f32 scales. WebLLM publishes only the VRAM figure; the real byte count arrives with the
   * first progress report.
   */
  downloadMB: number;
}

function model(
  id: string,
  lib: string,
  vram: number,
  lowResource: boolean,
  label: string,
  downloadMB: number,
  extra: Partial<ModelRecord> = {},
): TendModel {
  return {
    label,
    downloadMB,
    record: {
      model: `https://huggingface.co/mlc-ai/${id}`,
      model_id: id,
      model_lib: `${LIB_PREFIX}${lib}`,
      vram_required_MB: vram,
      low_resource_required: lowResource,
      overrides: { context_window_size: 4096 },
      ...extra,
    },
  };
}

const MISTRAL_OVERRIDES = { context_window_size: 4096, sliding_window_size: -1 };

/** In order of preference: the first one the device can hold is used. */
export const MODELS: readonly TendModel[] = [
  model(
    'Mistral-7B-Instruct-v0.3-q4f16_1-MLC',
    'Mistral-7B-Instruct-v0.3-q4f16_1_cs1k-webgpu.wasm',
    4573.39,
    false,
    'Mistral 7B Instruct v0.3',
    4078,
    { required_features: ['shader-f16'], overrides: MISTRAL_OVERRIDES },
  ),
  model(
    'Mistral-7B-Instruct-v0.3-q4f32_1-MLC',
    'Mistral-7B-Instruct-v0.3-q4f32_1_cs1k-webgpu.wasm',
    5619.27,
    false,
    'Mistral 7B Instruct v0.3 (f32)',
    4531,
    { overrides: MISTRAL_OVERRIDES },
  ),
  model(
    'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    'Qwen2-1.5B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    1629.75,
    true,
    'Qwen2.5 1.5B Instruct',
    866,
  ),
  model(
    'Qwen2.5-1.5B-Instruct-q4f32_1-MLC',
    'Qwen2-1.5B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    1888.97,
    true,
    'Qwen2.5 1.5B Instruct (f32)',
    963,
  ),
  model(
    'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    'Llama-3.2-1B-Instruct-q4f16_1_cs1k-webgpu.wasm',
    879.04,
    true,
    'Llama 3.2 1B Instruct',
    697,
  ),
  model(
    'Llama-3.2-1B-Instruct-q4f32_1-MLC',
    'Llama-3.2-1B-Instruct-q4f32_1_cs1k-webgpu.wasm',
    1128.82,
    true,
    'Llama 3.2 1B Instruct (f32)',
    775,
  ),
];

/** f16 weights need the adapter's `shader-f16` feature; WebLLM declares it only on some records. */
export function needsShaderF16(record: ModelRecord): boolean {
  return (
    record.model_id.includes('q4f16') || (record.required_features ?? []).includes('shader-f16')
  );
}

function trimSlash(base: string): string {
  return base.replace(/\/+$/, '');
}

/**
 * The app config for WebLLM. Without a base path: our records on the public hosts (Hugging Face,
 * GitHub raw). With `LLM_MODEL_PATH`: the same records pointed at self-hosted copies laid out as
 * `<base>/<model_id>/resolve/main/...` (a mirror of the Hugging Face repo) and `<base>/libs/<lib>.wasm`;
 * a relative path (the operations specification's `/models/mistral-7b`) is resolved against the page.
 */
export function createAppConfig(modelPath?: string, pageUrl?: string): AppConfig {
  if (!modelPath) return { model_list: MODELS.map((m) => m.record) };
  // WebLLM builds URLs with `new URL(model)`, which needs them absolute: resolve "/models" here.
  const base = trimSlash(new URL(modelPath, pageUrl ?? 'http://localhost/').href);
  return {
    model_list: MODELS.map(({ record }) => ({
      ...record,
      model: `${base}/${record.model_id}/resolve/main/`,
      model_lib: `${base}/libs/${record.model_lib.split('/').pop() ?? ''}`,
    })),
  };
}
