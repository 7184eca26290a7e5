// @vitest-environment jsdom
// The AI settings panel over the real runtime and bridge (real Comlink on a MessageChannel), with
// TestEngine -- the WebLLM engine test double -- and fake navigator.gpu objects in place of a GPU.
import 'fake-indexeddb/auto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { openTendDb } from '../../db/database';
import type { TendDb } from '../../db/database';
import { AppContext } from '../app-context';
import { createTestContext, createTestServices } from '../testing';
import type { GpuLike } from '../../ai/capability';
import { channelWorker, fakeGpu } from '../../ai/fixtures/channel-worker';
import { recordParse } from '../../ai/parse-stats';
import { TestEngine, testBackend, webLlmProgressReports } from '../../ai/fixtures/test-engine';
import { createAiRuntime } from '../../ai/runtime';
import type { AiRuntime } from '../../ai/runtime';
import { getAiSettings } from '../../ai/settings';
import AiSettings, { AiSettingsPanel, UNAVAILABLE_TEXT } from './AiSettings';

const desktopGpu = fakeGpu({ bindingGiB: 2, bufferGiB: 4 });

let db: TendDb;
let runtime: AiRuntime;
afterEach(() => {
  cleanup();
  runtime?.bridge.terminate();
  db?.close();
});

function setup(gpu: GpuLike | undefined, engine = new TestEngine(webLlmProgressReports(4078))) {
  db = openTendDb(`ai-ui-${Math.random()}`, { indexedDB, IDBKeyRange });
  const backend = testBackend(engine);
  runtime = createAiRuntime({
    db,
    gpu,
    env: {},
    createWorker: () => channelWorker(backend),
  });
  render(() => <AiSettingsPanel db={db} runtime={runtime} />);
  return { engine, backend };
}

const toggle = () => screen.findByRole('switch', { name: 'Use on-device AI for quick add' });

describe('AI settings', () => {
  it('says AI is unavailable, with the reason, and offers no switch', async () => {
    setup(undefined);
    expect(await screen.findByText(UNAVAILABLE_TEXT)).toBeTruthy();
    expect(screen.getByText(/no navigator\.gpu/)).toBeTruthy();
    expect(screen.queryByRole('switch', { name: 'Use on-device AI for quick add' })).toBeNull();
  });

  it('shows the model and its size, downloads with progress in bytes and percent, and cancels', async () => {
    const engine = new TestEngine(webLlmProgressReports(4078));
    engine.holdReload = true;
    setup(desktopGpu, engine);
    expect(
      await screen.findByText(/Mistral 7B Instruct v0\.3\. Download about 4\.0 GB/),
    ).toBeTruthy();

    fireEvent.click(await toggle());
    const bar = await screen.findByRole('progressbar', { name: 'Model download' });
    await waitFor(() => expect(bar.getAttribute('value')).toBe('100'));
    expect(screen.getByText('4.0 GB of 4.0 GB downloaded (100%)')).toBeTruthy();
    expect((await getAiSettings(db)).enabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel download' }));
    await screen.findByText('Download cancelled.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect((await getAiSettings(db)).enabled).toBe(false);
    expect(runtime.bridge.isRunning()).toBe(false);
  });

  it('a download keeps going when Settings is left, and the panel picks it up again', async () => {
    const engine = new TestEngine(webLlmProgressReports(4078));
    engine.holdReload = true;
    setup(desktopGpu, engine);
    fireEvent.click(await toggle());
    await screen.findByText('4.0 GB of 4.0 GB downloaded (100%)');
    cleanup(); // the user navigates away

    render(() => <AiSettingsPanel db={db} runtime={runtime} />);
    const bar = await screen.findByRole('progressbar', { name: 'Model download' });
    expect(bar.getAttribute('value')).toBe('100');
    engine.releaseReload();
    await screen.findByText('Mistral 7B Instruct v0.3 is ready and works offline.');
    expect(engine.reloads).toHaveLength(1);
  });

  it('finishes a download, works offline from then on, and deletes the model', async () => {
    const { backend } = setup(desktopGpu);
    fireEvent.click(await toggle());
    await screen.findByText('Mistral 7B Instruct v0.3 is ready and works offline.');
    backend.cached.add('Mistral-7B-Instruct-v0.3-q4f16_1-MLC');
    expect(screen.getByText('The model is on this device and works offline.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Delete model' }));
    await screen.findByText('The model was deleted from this device.');
    expect(backend.cached.size).toBe(0);
    expect((await getAiSettings(db)).enabled).toBe(false);
    expect(screen.queryByRole('button', { name: 'Delete model' })).toBeNull();
  });

  it('shows a load failure as an alert', async () => {
    const engine = new TestEngine();
    engine.reloadError = 'Device was lost';
    setup(desktopGpu, engine);
    fireEvent.click(await toggle());
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /could not be loaded.*Device was lost/,
    );
  });

  it('keeps the telemetry opt-in separate and off by default', async () => {
    setup(undefined);
    const share = await screen.findByRole('switch', {
      name: 'Share these figures with the Tend server',
    });
    expect((share as HTMLInputElement).checked).toBe(false);
    await waitFor(() => expect((share as HTMLInputElement).disabled).toBe(false));
    fireEvent.click(share);
    await waitFor(async () => expect((await getAiSettings(db)).telemetry).toBe(true));
    expect((await getAiSettings(db)).enabled).toBe(false);
  });

  it('shows the figures and a labelled chart of inference times', async () => {
    db = openTendDb(`ai-ui-${Math.random()}`, { indexedDB, IDBKeyRange });
    for (const ms of [400, 600, 800]) await recordParse(db, { outcome: 'agreed', inferenceMs: ms });
    await recordParse(db, { outcome: 'timeout', inferenceMs: 8000 });
    runtime = createAiRuntime({
      db,
      gpu: undefined,
      env: {},
      createWorker: () => {
        throw new Error('unused');
      },
    });
    render(() => <AiSettingsPanel db={db} runtime={runtime} />);
    expect(await screen.findByText('600 ms / 800 ms')).toBeTruthy();
    expect(screen.getAllByText('25%')).toHaveLength(2); // fallback and timeout rate
    expect(screen.getByRole('img', { name: /last 3 parses, longest 800 ms/ })).toBeTruthy();
  });

  it('the default export mounts on the app database without props', async () => {
    const services = await createTestServices();
    render(() => (
      <AppContext.Provider value={createTestContext(services)}>
        <AiSettings />
      </AppContext.Provider>
    ));
    expect(await screen.findByRole('heading', { name: 'On-device AI' })).toBeTruthy();
    expect(await screen.findByText(UNAVAILABLE_TEXT)).toBeTruthy();
  });
});
