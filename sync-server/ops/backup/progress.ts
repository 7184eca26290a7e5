// Progress of a long backup or restore, reported as events so the CLI can print them and the admin endpoint can
// expose the latest one for polling.
export interface ProgressEvent {
  phase: string;
  percent: number;
  table?: string;
  rows?: number;
  message?: string;
}

export type OnProgress = (event: ProgressEvent) => void;

export const ignoreProgress: OnProgress = () => {};
