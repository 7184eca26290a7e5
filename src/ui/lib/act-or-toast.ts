// A store action whose failure the person must see: the error becomes a toast in their words.
import { describeError } from '../messages';
import type { Toasts } from '../toast/toasts';

type ActOrToast = <T>(work: () => Promise<T>) => Promise<T | undefined>;

/** Runs a store action; a failure is shown as an error toast and gives undefined. */
export function actOrToast(toasts: Toasts): ActOrToast {
  return async (work) => {
    try {
      return await work();
    } catch (error) {
      toasts.show(describeError(error), { tone: 'error' });
      return undefined;
    }
  };
}
