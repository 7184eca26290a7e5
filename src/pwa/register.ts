// Registers sw.js (a module worker) in production builds and exposes its update flow.
import { createSignal } from 'solid-js';
import { createUpdateFlow, type UpdatableWorker, type UpdateFlow } from './update-flow.ts';

export const SERVICE_WORKER_URL = '/sw.js';

export interface RegistrableWorker extends UpdatableWorker {
  register(): Promise<unknown>;
}

export interface RegisterOptions {
  /** Defaults to production builds only: the dev server has no precache to serve. */
  enabled?: boolean;
  /** Defaults to whether the browser has service workers at all. */
  supported?: boolean;
  /** Defaults to workbox-window, loaded lazily so it stays off the first render's path. */
  createWorker?: (url: string) => Promise<RegistrableWorker>;
  reload?: () => void;
  onError?: (error: unknown) => void;
}

const [currentFlow, setCurrentFlow] = createSignal<UpdateFlow | undefined>();

/** The update flow of the registered worker, for <UpdatePrompt/>; undefined until registered. */
export const getUpdateFlow = currentFlow;

async function createWorkboxWorker(url: string): Promise<RegistrableWorker> {
  const { Workbox } = await import('workbox-window');
  return new Workbox(url, { type: 'module', scope: '/' });
}

export async function registerServiceWorker(
  options: RegisterOptions = {},
): Promise<UpdateFlow | undefined> {
  const enabled = options.enabled ?? import.meta.env.PROD;
  const supported =
    options.supported ?? (typeof navigator !== 'undefined' && 'serviceWorker' in navigator);
  if (!enabled || !supported) return undefined;
  try {
    const worker = await (options.createWorker ?? createWorkboxWorker)(SERVICE_WORKER_URL);
    const flow = createUpdateFlow(worker, options.reload ?? (() => location.reload()));
    setCurrentFlow(() => flow);
    // Workbox waits for the window's load event, so registering never delays the first render.
    await worker.register();
    return flow;
  } catch (error) {
    // Tend works without a service worker (just not offline); never break the page for it.
    (options.onError ?? ((e: unknown) => console.warn('Service worker not registered', e)))(error);
    return undefined;
  }
}
