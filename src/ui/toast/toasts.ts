// Transient notices ("Task deleted — Undo"): one at a time (a newer notice replaces the older, so
// notices never stack over the list), timed dismissal that pauses while the user hovers or focuses it
// (WCAG 2.2.1: enough time to reach Undo), rendered in an aria-live region.
import { createSignal } from 'solid-js';

interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action?: ToastAction;
}

interface ToastOptions {
  tone?: Toast['tone'];
  action?: ToastAction;
  /** Milliseconds before it disappears; 0 keeps it until dismissed. */
  timeout?: number;
}

/** How many changes Ctrl+Z can walk back. */
const MAX_UNDO = 20;

interface Timer {
  handle?: ReturnType<typeof setTimeout>;
  /** Time left when paused; the deadline while running. */
  remaining: number;
  startedAt?: number;
}

export function createToasts(
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
  now: () => number = Date.now,
) {
  const [toasts, setToasts] = createSignal<Toast[]>([]);
  const running = new Map<number, Timer>();
  /** Undo actions of recent notices, newest last: Ctrl+Z walks back through them after the toast went. */
  const undoable: { id: number; action: ToastAction }[] = [];
  let nextId = 1;

  function stopTimer(id: number) {
    const timer = running.get(id);
    if (timer?.handle !== undefined) timers.clearTimeout(timer.handle);
    running.delete(id);
  }

  function dismiss(id: number) {
    stopTimer(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }

  function start(id: number, ms: number) {
    running.set(id, {
      remaining: ms,
      startedAt: now(),
      handle: timers.setTimeout(() => dismiss(id), ms),
    });
  }

  function show(message: string, options: ToastOptions = {}): number {
    const id = nextId++;
    const toast: Toast = { id, message, tone: options.tone ?? 'info', action: options.action };
    for (const old of toasts()) stopTimer(old.id);
    setToasts([toast]);
    if (options.action?.label === 'Undo') {
      undoable.push({ id, action: options.action });
      if (undoable.length > MAX_UNDO) undoable.shift();
    }
    const timeout = options.timeout ?? (options.action ? 8000 : 5000);
    if (timeout > 0) start(id, timeout);
    return id;
  }

  /** Stops the clock of a toast (hover, focus). */
  function pause(id: number) {
    const timer = running.get(id);
    if (!timer || timer.handle === undefined) return;
    timers.clearTimeout(timer.handle);
    const elapsed = now() - (timer.startedAt ?? now());
    running.set(id, { remaining: Math.max(0, timer.remaining - elapsed) });
  }

  /** Restarts it with the time it had left. */
  function resume(id: number) {
    const timer = running.get(id);
    if (!timer || timer.handle !== undefined) return;
    start(id, Math.max(1000, timer.remaining));
  }

  async function runAction(id: number) {
    const toast = toasts().find((t) => t.id === id);
    dismiss(id);
    const index = undoable.findIndex((u) => u.id === id);
    if (index >= 0) undoable.splice(index, 1);
    await toast?.action?.run();
  }

  /** Undoes the newest change that offered Undo (Ctrl+Z / Cmd+Z), once; false when none is left. */
  function runLatestAction(): boolean {
    const latest = undoable.pop();
    if (!latest) return false;
    dismiss(latest.id);
    void latest.action.run();
    return true;
  }

  return { toasts, show, dismiss, pause, resume, runAction, runLatestAction };
}

export type Toasts = ReturnType<typeof createToasts>;
