// Settings > On-device AI: availability and its reason, the opt-in (which is consent to the
// download, so the size sits next to it), download progress with cancel, delete, the figures and
// the separate telemetry opt-in. Mounted lazily by SettingsPage; the runtime is created on mount.
import {
  Match,
  Show,
  Switch,
  createEffect,
  createResource,
  createSignal,
  onCleanup,
} from 'solid-js';
import type { JSX } from 'solid-js';
import type { InitProgressReport } from '@mlc-ai/web-llm';
import { useApp } from '../app-context';
import type { TendDb } from '../../db/database';
import { AiError } from '../../ai/bridge';
import type { ModelDownload } from '../../ai/download';
import { computeFigures, getCounts } from '../../ai/parse-stats';
import { formatBytes, toLoadProgress } from '../../ai/progress';
import type { LoadProgress } from '../../ai/progress';
import { getPageRuntime } from '../../ai/runtime';
import type { AiRuntime } from '../../ai/runtime';
import { getAiSettings, setAiSettings } from '../../ai/settings';
import { whenDatabaseOpen, whenDatabasesReady } from '../../db/deferred-db';
import { InferenceChart } from './InferenceChart';

const MB = 1024 * 1024;
export const UNAVAILABLE_TEXT = 'On-device AI is not available on this device.';

type Download =
  | { state: 'idle' }
  | { state: 'running'; progress: LoadProgress | null }
  | { state: 'failed'; message: string };

export type AiPanelRuntime = Pick<
  AiRuntime,
  | 'capability'
  | 'isDownloaded'
  | 'download'
  | 'activeDownload'
  | 'deleteModel'
  | 'settleAndSendStats'
>;

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);

export function AiSettingsPanel(props: { db: TendDb; runtime: AiPanelRuntime }): JSX.Element {
  const [capability] = createResource(() => props.runtime.capability());
  const [settings, { mutate: setSettings }] = createResource(() =>
    whenDatabaseOpen(() => getAiSettings(props.db)),
  );
  const [downloaded, { mutate: setDownloaded }] = createResource(capability, (cap) =>
    cap.available ? props.runtime.isDownloaded() : Promise.resolve(false),
  );
  // Settle refinements past their correction window first, so parse accuracy is current.
  const [counts] = createResource(async () => {
    await whenDatabaseOpen(() => props.runtime.settleAndSendStats()).catch(() => undefined);
    return getCounts(props.db);
  });
  const [download, setDownload] = createSignal<Download>({ state: 'idle' });
  const [announcement, setAnnouncement] = createSignal('');
  // The download belongs to the runtime: leaving Settings only detaches this panel from it.
  let current: ModelDownload | undefined;
  let detach: (() => void) | undefined;
  onCleanup(() => detach?.());

  const unavailable = () => {
    const cap = capability();
    return cap && !cap.available ? cap : undefined;
  };
  const model = () => {
    const cap = capability();
    return cap?.available ? cap.model : undefined;
  };
  const figures = () => {
    const c = counts();
    return c ? computeFigures(c) : undefined;
  };

  async function save(changes: { enabled?: boolean; telemetry?: boolean }) {
    await whenDatabasesReady();
    setSettings(await setAiSettings(props.db, changes));
  }

  async function follow(handle: ModelDownload) {
    const chosen = model();
    if (!chosen || current === handle) return;
    current = handle;
    const show = (report: InitProgressReport) =>
      setDownload({ state: 'running', progress: toLoadProgress(report, chosen.downloadMB * MB) });
    setDownload({ state: 'running', progress: null });
    const last = handle.last();
    if (last) show(last);
    // Progress arrives on its own channel and may trail the end of the load: ignore it then.
    let loading = true;
    detach = handle.subscribe((report) => loading && show(report));
    try {
      await handle.done.finally(() => (loading = false));
      setDownload({ state: 'idle' });
      setDownloaded(true);
      setAnnouncement(`${chosen.label} is ready and works offline.`);
    } catch (error) {
      if (error instanceof AiError && error.code === 'aborted') {
        setDownload({ state: 'idle' });
        setAnnouncement('Download cancelled.');
      } else {
        const message = error instanceof Error ? error.message : String(error);
        setDownload({ state: 'failed', message: `The model could not be loaded: ${message}` });
      }
    } finally {
      detach?.();
      current = undefined;
    }
  }

  // A download started before this panel was mounted (the user left Settings and came back).
  createEffect(() => {
    const running = model() && props.runtime.activeDownload();
    if (running) void follow(running);
  });

  async function toggleEnabled(enabled: boolean) {
    await save({ enabled });
    if (enabled && !downloaded()) await follow(props.runtime.download());
    if (!enabled) current?.cancel();
  }

  async function cancel() {
    current?.cancel();
    await save({ enabled: false });
  }

  async function remove() {
    await props.runtime.deleteModel();
    setDownloaded(false);
    await save({ enabled: false });
    setAnnouncement('The model was deleted from this device.');
  }

  const progressText = (p: LoadProgress | null) => {
    if (!p || p.phase === 'starting') return 'Starting the download…';
    if (p.phase === 'cache') return `Loading the model from this device… ${p.percent}%`;
    if (p.phase === 'shaders') return `Preparing the GPU… ${p.percent}%`;
    if (p.phase === 'ready') return 'Finishing…';
    const loaded = p.loadedBytes === null ? '' : formatBytes(p.loadedBytes);
    const total = p.totalBytes === null ? '' : ` of ${formatBytes(p.totalBytes)}`;
    return `${loaded}${total} downloaded (${p.percent}%)`;
  };

  /** An on/off switch for one setting, described by the paragraph about it. */
  function SettingSwitch(p: {
    setting: 'enabled' | 'telemetry';
    onChange: (on: boolean) => Promise<unknown>;
    children: JSX.Element;
  }): JSX.Element {
    return (
      <label class="ai-switch">
        <input
          type="checkbox"
          role="switch"
          aria-describedby={p.setting === 'enabled' ? 'ai-model' : 'ai-telemetry-help'}
          checked={settings()?.[p.setting] ?? false}
          disabled={settings.loading}
          onChange={(e) => void p.onChange(e.currentTarget.checked)}
        />
        {p.children}
      </label>
    );
  }

  return (
    <section class="settings-section ai-settings" aria-labelledby="settings-ai">
      <h2 id="settings-ai">On-device AI</h2>
      <p>
        Quick add can ask a language model that runs entirely on this device to understand phrases
        its rules miss. What you type never leaves the device.
      </p>

      <Switch fallback={<p>Checking whether this device can run a model…</p>}>
        <Match when={unavailable()}>
          {(cap) => (
            <div class="ai-unavailable">
              <p>
                <strong>{UNAVAILABLE_TEXT}</strong>
              </p>
              <p id="ai-reason">Reason: {cap().detail} Quick add keeps using its rules.</p>
            </div>
          )}
        </Match>
        <Match when={model()}>
          {(chosen) => (
            <>
              <p id="ai-model">
                Model: {chosen().label}. Download about {formatBytes(chosen().downloadMB * MB)};
                needs about {formatBytes((chosen().record.vram_required_MB ?? 0) * MB)} of GPU
                memory.
              </p>
              <SettingSwitch setting="enabled" onChange={toggleEnabled}>
                Use on-device AI for quick add
              </SettingSwitch>

              <Switch>
                <Match when={download().state === 'running' && download()}>
                  {(d) => {
                    const p = () => (d() as { progress: LoadProgress | null }).progress;
                    return (
                      <div class="ai-download">
                        <progress
                          aria-label="Model download"
                          max="100"
                          value={p()?.percent ?? 0}
                          aria-valuetext={progressText(p())}
                        />
                        <p aria-live="polite">{progressText(p())}</p>
                        <button type="button" class="btn" onClick={() => void cancel()}>
                          Cancel download
                        </button>
                      </div>
                    );
                  }}
                </Match>
                <Match when={download().state === 'failed' && download()}>
                  {(d) => <p role="alert">{(d() as { message: string }).message}</p>}
                </Match>
              </Switch>

              <Show when={downloaded() && download().state !== 'running'}>
                <p>The model is on this device and works offline.</p>
                <button type="button" class="btn btn-danger" onClick={() => void remove()}>
                  Delete model
                </button>
              </Show>
            </>
          )}
        </Match>
      </Switch>
      <p class="sr-only" aria-live="polite">
        {announcement()}
      </p>

      <h3>How it is doing</h3>
      <dl class="ai-figures">
        <dt>Inference time (median / 95th percentile)</dt>
        <dd>
          {figures()?.inference_time
            ? `${figures()?.inference_time?.p50} ms / ${figures()?.inference_time?.p95} ms`
            : '—'}
        </dd>
        <dt>Fallback to rules</dt>
        <dd>{percent(figures()?.fallback_rate ?? null)}</dd>
        <dt>Answered from cache</dt>
        <dd>{percent(figures()?.cache_hit_rate ?? null)}</dd>
        <dt>Kept without correction</dt>
        <dd>{percent(figures()?.parse_accuracy ?? null)}</dd>
        <dt>Timed out</dt>
        <dd>{percent(figures()?.timeout_rate ?? null)}</dd>
      </dl>
      <InferenceChart samples={counts()?.inferenceMs ?? []} />

      <SettingSwitch setting="telemetry" onChange={(telemetry) => save({ telemetry })}>
        Share these figures with the Tend server
      </SettingSwitch>
      <p id="ai-telemetry-help">Numbers only, never what you type. Off unless you turn it on.</p>
    </section>
  );
}

/** What SettingsPage mounts: the panel on the page's database and AI runtime. */
export default function AiSettings(): JSX.Element {
  const app = useApp();
  return <AiSettingsPanel db={app.db} runtime={getPageRuntime(app.db)} />;
}

export { AiSettings };
