// The labels store for the UI, loaded on first use (it carries validation, like the tasks store).
import type { LabelsStore } from '../../db/labels-store';
import type { AppServices } from '../app-context';

const stores = new WeakMap<object, Promise<LabelsStore>>();

export function labelsStore(app: Pick<AppServices, 'db' | 'clock' | 'now'>): Promise<LabelsStore> {
  let store = stores.get(app.db);
  if (!store) {
    store = Promise.all([import('../../db/labels-store'), app.clock]).then(([m, clock]) =>
      m.createLabelsStore({ db: app.db, clock, now: () => app.now().getTime() }),
    );
    stores.set(app.db, store);
  }
  return store;
}
