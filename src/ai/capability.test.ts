// Capability detection against fake navigator.gpu objects (test doubles: there is no GPU here).
import { describe, expect, it } from 'vitest';
import { detectCapability, readAiEnv } from './capability';
import type { GpuLike } from './capability';

const MIB = 1024 * 1024;

function fakeGpu(
  limits: { binding: number; buffer?: number },
  features: string[] = ['shader-f16'],
): GpuLike {
  return {
    requestAdapter: async () => ({
      features: new Set(features),
      limits: {
        maxStorageBufferBindingSize: limits.binding,
        maxBufferSize: limits.buffer ?? limits.binding,
      },
    }),
  };
}

describe('detectCapability', () => {
  it('reports no navigator.gpu', async () => {
    expect(await detectCapability(undefined)).toEqual({
      available: false,
      reason: 'no-webgpu',
      detail: expect.stringContaining('navigator.gpu'),
    });
  });

  it('reports no adapter, also when requestAdapter throws', async () => {
    expect(await detectCapability({ requestAdapter: async () => null })).toMatchObject({
      reason: 'no-adapter',
    });
    const throwing: GpuLike = { requestAdapter: () => Promise.reject(new Error('blocklisted')) };
    expect(await detectCapability(throwing)).toMatchObject({
      reason: 'no-adapter',
      detail: expect.stringContaining('blocklisted'),
    });
  });

  it('does not count a software fallback adapter (SwiftShader) as a GPU', async () => {
    const swiftshader: GpuLike = {
      requestAdapter: async () => ({
        features: new Set<string>(),
        limits: { maxStorageBufferBindingSize: 1024 * MIB, maxBufferSize: 1024 * MIB },
        info: { isFallbackAdapter: true, architecture: 'swiftshader' },
      }),
    };
    expect(await detectCapability(swiftshader)).toMatchObject({
      available: false,
      reason: 'no-adapter',
      detail: expect.stringContaining('software fallback adapter (swiftshader)'),
    });
    const legacy: GpuLike = {
      requestAdapter: async () => ({
        ...(await fakeGpu({ binding: 4096 * MIB }).requestAdapter())!,
        isFallbackAdapter: true,
      }),
    };
    expect(await detectCapability(legacy)).toMatchObject({ reason: 'no-adapter' });
  });

  it('chooses Mistral 7B q4f16 on a desktop-class adapter with shader-f16', async () => {
    const result = await detectCapability(fakeGpu({ binding: 2048 * MIB }));
    expect(result).toMatchObject({ available: true, lowResource: false });
    expect(result.available && result.model.record.model_id).toBe(
      'Mistral-7B-Instruct-v0.3-q4f16_1-MLC',
    );
  });

  it('falls back to a small model when LLM_WORKER_MEMORY cannot hold Mistral', async () => {
    const qwen = await detectCapability(fakeGpu({ binding: 2048 * MIB }), { workerMemoryMB: 2048 });
    expect(qwen.available && qwen.model.record.model_id).toBe('Qwen2.5-1.5B-Instruct-q4f16_1-MLC');
    const llama = await detectCapability(fakeGpu({ binding: 2048 * MIB }), {
      workerMemoryMB: 1024,
    });
    expect(llama.available && llama.model.record.model_id).toBe(
      'Llama-3.2-1B-Instruct-q4f16_1-MLC',
    );
  });

  it('uses only low-resource models when the adapter limits are phone-sized', async () => {
    const result = await detectCapability(fakeGpu({ binding: 512 * MIB }));
    expect(result).toMatchObject({ available: true, lowResource: true });
    expect(result.available && result.model.record.model_id).toBe(
      'Qwen2.5-1.5B-Instruct-q4f16_1-MLC',
    );
  });

  it('picks f32 variants when the adapter lacks shader-f16', async () => {
    const result = await detectCapability(fakeGpu({ binding: 4096 * MIB }, []));
    expect(result.available && result.model.record.model_id).toBe(
      'Mistral-7B-Instruct-v0.3-q4f32_1-MLC',
    );
  });

  it('reports too little memory with the limit that decided it', async () => {
    const tiny = await detectCapability(fakeGpu({ binding: 64 * MIB }));
    expect(tiny).toMatchObject({
      available: false,
      reason: 'too-little-memory',
      detail: expect.stringContaining('64 MiB'),
    });
    const budget = await detectCapability(fakeGpu({ binding: 4096 * MIB }), {
      workerMemoryMB: 500,
    });
    expect(budget).toMatchObject({
      reason: 'too-little-memory',
      detail: expect.stringContaining('LLM_WORKER_MEMORY 500 MB'),
    });
  });
});

describe('readAiEnv', () => {
  it('reads the VITE_ names, then the plain names, ignoring junk', () => {
    expect(readAiEnv({ VITE_LLM_MODEL_PATH: ' /models ', VITE_LLM_WORKER_MEMORY: '2048' })).toEqual(
      {
        modelPath: '/models',
        workerMemoryMB: 2048,
      },
    );
    expect(readAiEnv({ LLM_MODEL_PATH: 'https://m.example', LLM_WORKER_MEMORY: 1024 })).toEqual({
      modelPath: 'https://m.example',
      workerMemoryMB: 1024,
    });
    expect(readAiEnv({ VITE_LLM_MODEL_PATH: '  ', VITE_LLM_WORKER_MEMORY: 'lots' })).toEqual({
      modelPath: undefined,
      workerMemoryMB: undefined,
    });
  });
});
