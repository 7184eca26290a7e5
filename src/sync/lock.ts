// One sync at a time across tabs (and the service worker): Web Locks where the browser has them,
// otherwise a promise chain that at least serialises this context.
export const SYNC_LOCK = 'tend-sync';

type LockManagerLike = Pick<LockManager, 'request'>;

let chain: Promise<unknown> = Promise.resolve();

export function runExclusive<T>(
  name: string,
  work: () => Promise<T>,
  locks: LockManagerLike | undefined = globalThis.navigator?.locks,
): Promise<T> {
  if (locks) return locks.request(name, () => work()) as Promise<T>;
  const run = chain.then(work, work);
  chain = run.catch(() => undefined);
  return run;
}
