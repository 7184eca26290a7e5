// WebLLM reports loading as { progress, text }; the text carries the megabytes ("Fetching param
// cache[12/108]: 420MB fetched. 10% completed, 31 secs elapsed."). Settings shows bytes and a
// percentage, so this turns a report into numbers once, here.
import type { InitProgressReport } from '@mlc-ai/web-llm';

type LoadPhase = 'download' | 'cache' | 'shaders' | 'ready' | 'starting';

export interface LoadProgress {
  phase: LoadPhase;
  /** 0..1 of the current phase. */
  fraction: number;
  /** Whole percent for display. */
  percent: number;
  loadedBytes: number | null;
  totalBytes: number | null;
  text: string;
}

const MB = 1024 * 1024;

function phaseOf(text: string): LoadPhase {
  if (text.startsWith('Fetching param cache')) return 'download';
  if (text.startsWith('Loading model from cache')) return 'cache';
  if (text.startsWith('Loading GPU shader')) return 'shaders';
  if (text.startsWith('Finish loading')) return 'ready';
  return 'starting';
}

/**
 * `estimateTotalBytes` (the model's known download size) stands in for the total until the
 * report's own byte count and fraction give the real one.
 */
export function toLoadProgress(
  report: InitProgressReport,
  estimateTotalBytes?: number,
): LoadProgress {
  const phase = phaseOf(report.text);
  const fraction = phase === 'ready' ? 1 : Math.min(1, Math.max(0, report.progress || 0));
  const mb = /(\d+)MB (?:fetched|loaded)/.exec(report.text);
  const loadedBytes = mb ? Number(mb[1]) * MB : null;
  let totalBytes = estimateTotalBytes ?? null;
  if (loadedBytes !== null && fraction > 0.01) totalBytes = Math.round(loadedBytes / fraction);
  return {
    phase,
    fraction,
    percent: Math.floor(fraction * 100),
    loadedBytes,
    totalBytes,
    text: report.text,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
