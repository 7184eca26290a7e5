// A model download that outlives the Settings panel: a multi-gigabyte download takes minutes and
// people navigate away meanwhile. One per page; panels subscribe to its progress and detach again
// without cancelling it. Only Cancel (or deleting the model) stops it.
import type { InitProgressReport } from '@mlc-ai/web-llm';

export interface ModelDownload {
  /** Resolves when the model is loaded; rejects with AiError('aborted') after cancel, or the failure. */
  readonly done: Promise<void>;
  /** The latest progress report, for a panel that attaches late. */
  last(): InitProgressReport | null;
  subscribe(listener: (report: InitProgressReport) => void): () => void;
  cancel(): void;
}

export function startModelDownload(
  run: (onProgress: (report: InitProgressReport) => void, signal: AbortSignal) => Promise<void>,
): ModelDownload {
  const controller = new AbortController();
  const listeners = new Set<(report: InitProgressReport) => void>();
  let latest: InitProgressReport | null = null;
  const done = run((report) => {
    latest = report;
    for (const listener of listeners) listener(report);
  }, controller.signal);
  // The owner may have gone: a failure nobody awaits must not surface as an unhandled rejection.
  done.catch(() => undefined);
  return {
    done,
    last: () => latest,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    cancel: () => controller.abort(),
  };
}
