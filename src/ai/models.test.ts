import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { modelHostOrigins } from '../core/model-hosts';
import { MODELS, createAppConfig } from './models';

/** The first record is the one preferred when the device can run it. */
const preferredModelId = MODELS[0].record.model_id;

describe('model records', () => {
  it('match the records of the installed WebLLM exactly (caught on upgrade)', () => {
    for (const { record } of MODELS) {
      const prebuilt = prebuiltAppConfig.model_list.find((m) => m.model_id === record.model_id);
      expect(prebuilt, record.model_id).toBeDefined();
      expect(record).toEqual(prebuilt);
    }
  });

  it('defaults to Mistral 7B Instruct q4f16 and falls back to Qwen2.5 1.5B and Llama 3.2 1B', () => {
    expect(preferredModelId).toBe('Mistral-7B-Instruct-v0.3-q4f16_1-MLC');
    const ids = MODELS.map((m) => m.record.model_id);
    expect(ids).toContain('Qwen2.5-1.5B-Instruct-q4f16_1-MLC');
    expect(ids).toContain('Llama-3.2-1B-Instruct-q4f16_1-MLC');
  });
});

describe('LLM_MODEL_PATH', () => {
  it('keeps the public hosts when unset', () => {
    expect(createAppConfig().model_list.map((m) => m.model)).toEqual(
      MODELS.map((m) => m.record.model),
    );
    expect(modelHostOrigins()).toContain('https://huggingface.co');
  });

  it('rewrites weights and model libraries under the self-hosted base', () => {
    const config = createAppConfig('https://models.example.org/tend/');
    const mistral = config.model_list.find((m) => m.model_id === preferredModelId)!;
    expect(mistral.model).toBe(
      'https://models.example.org/tend/Mistral-7B-Instruct-v0.3-q4f16_1-MLC/resolve/main/',
    );
    expect(mistral.model_lib).toBe(
      'https://models.example.org/tend/libs/Mistral-7B-Instruct-v0.3-q4f16_1_cs1k-webgpu.wasm',
    );
    expect(mistral.vram_required_MB).toBe(4573.39);
    expect(config.model_list.every((m) => m.model.startsWith('https://models.example.org/'))).toBe(
      true,
    );
    expect(modelHostOrigins('https://models.example.org/tend/')).toEqual([
      'https://models.example.org',
    ]);
  });

  it('resolves a relative path (like /models/mistral-7b) against the page', () => {
    const config = createAppConfig('/models/mistral-7b', 'https://tend.example/settings');
    expect(config.model_list[0].model).toBe(
      'https://tend.example/models/mistral-7b/Mistral-7B-Instruct-v0.3-q4f16_1-MLC/resolve/main/',
    );
    // Same origin as the page: 'self' already covers it.
    expect(modelHostOrigins('/models/mistral-7b')).toEqual([]);
  });
});
