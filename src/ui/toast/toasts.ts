// Transient notices ("Task deleted — Undo"): a queue with timed dismissal, rendered in an aria-live region.
import { createSignal } from 'solid-js';

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: ToastAction;
}

export interface ToastOptions {
  tone?: Toast['tone'];
  action?: ToastAction;
  /** Milliseconds before it disappears; 0 keeps it until dismissed. */
  timeout?: number;
}

const MAX_VISIBLE = 3;

export function createToasts(
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
) {
  const [toasts, setToasts] = createSignal<Toast[]>([]);
  const handles = new Map<number, ReturnType<typeof setTimeout>>();
  let nextId = 1;

  function dismiss(id: number) {
    const handle = handles.get(id);
    if (handle !== undefined) timers.clearTimeout(handle);
    handles.delete(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }

  function show(message: string, options: ToastOptions = {}): number {
    const id = nextId++;
    const toast: Toast = { id, message, tone: options.tone ?? 'info', action: options.action };
    setToasts((list) => {
      const next = [...list, toast];
      for (const old of next.slice(0, Math.max(0, next.length - MAX_VISIBLE))) {
        const handle = handles.get(old.id);
        if (handle !== undefined) timers.clearTimeout(handle);
        handles.delete(old.id);
      }
      return next.slice(-MAX_VISIBLE);
    });
    const timeout = options.timeout ?? (options.action ? 8000 : 5000);
    if (timeout > 0)
      handles.set(
        id,
        timers.setTimeout(() => dismiss(id), timeout),
      );
    return id;
  }

  async function runAction(id: number) {
    const toast = toasts().find((t) => t.id === id);
    dismiss(id);
    await toast?.action?.run();
  }

  return { toasts, show, dismiss, runAction };
}

export type Toasts = ReturnType<typeof createToasts>;
