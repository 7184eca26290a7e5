// A store the UI loads on first use (it carries validation and the merge), made once per database; its
// module and the device clock are read in parallel.
import type { Clock } from '../../core/hlc';
import type { AppServices } from '../app-context';

type StoreServices = Pick<AppServices, 'db' | 'clock' | 'now'>;

/** `load` imports the store's module, `make` builds the store; the result is shared per database. */
export function storePerDb<M, S>(
  load: () => Promise<M>,
  make: (module: M, options: { db: StoreServices['db']; clock: Clock; now: () => number }) => S,
): (app: StoreServices) => Promise<S> {
  const stores = new WeakMap<object, Promise<S>>();
  return (app) => {
    let store = stores.get(app.db);
    if (!store) {
      store = Promise.all([load(), app.clock]).then(([module, clock]) =>
        make(module, { db: app.db, clock, now: () => app.now().getTime() }),
      );
      stores.set(app.db, store);
    }
    return store;
  };
}
