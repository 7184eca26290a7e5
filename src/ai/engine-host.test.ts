// The host directly (no Comlink): loading twice, unloading and the lazy backend.
import { describe, expect, it } from 'vitest';
import { createEngineHost, createLazyBackend } from './engine-host';
import { TestEngine, testBackend } from './fixtures/test-engine';
import { webLlmBackend } from './web-llm';

describe('engine host', () => {
  it('loads a model once, and reloads only for another model', async () => {
    const engine = new TestEngine();
    const backend = testBackend(engine);
    const host = createEngineHost(backend);
    await host.load('a');
    await host.load('a');
    await host.load('b');
    expect(engine.reloads).toEqual(['a', 'b']);
    expect(backend.created).toBe(1);
    expect(host.loadedModel()).toBe('b');
    await host.unload();
    expect(host.loadedModel()).toBeNull();
    await expect(host.parse('x', '2026-11-26T09:00', '{}')).rejects.toThrow('model_not_loaded');
  });

  it('a failed load leaves no model marked as loaded', async () => {
    const engine = new TestEngine();
    engine.reloadError = 'Device was lost';
    const host = createEngineHost(testBackend(engine));
    await expect(host.load('a')).rejects.toThrow('Device was lost');
    expect(host.loadedModel()).toBeNull();
  });

  it('deleting another model leaves the loaded one alone', async () => {
    const engine = new TestEngine();
    const backend = testBackend(engine, ['a', 'b']);
    const host = createEngineHost(backend);
    await host.load('a');
    await host.deleteModel('b');
    expect(host.loadedModel()).toBe('a');
    expect(engine.unloads).toBe(0);
    expect([...backend.cached]).toEqual(['a']);
    host.interrupt();
    expect(engine.interrupts).toBe(1);
  });

  it('the lazy backend fetches the real one on first use only', async () => {
    let loads = 0;
    const inner = testBackend(new TestEngine(), ['a']);
    const lazy = createLazyBackend(async () => {
      loads += 1;
      return inner;
    });
    expect(loads).toBe(0);
    expect(await lazy.hasModelInCache('a')).toBe(true);
    await lazy.deleteModelAllInfoInCache('a');
    expect(await lazy.hasModelInCache('a')).toBe(false);
    await lazy.createEngine(undefined);
    expect(loads).toBe(4);
  });

  it('the WebLLM backend constructs a real MLCEngine (no GPU needed until reload)', async () => {
    const engine = await webLlmBackend.createEngine({ model_list: [] });
    expect(typeof engine.reload).toBe('function');
    expect(typeof engine.chatCompletion).toBe('function');
  });
});
