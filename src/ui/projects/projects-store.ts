// The projects store for the UI, loaded on first use (it carries validation, like the tasks store).
import type { ProjectsStore } from '../../db/projects-store';
import type { AppServices } from '../app-context';

const stores = new WeakMap<object, Promise<ProjectsStore>>();

export function projectsStore(
  app: Pick<AppServices, 'db' | 'clock' | 'now'>,
): Promise<ProjectsStore> {
  let store = stores.get(app.db);
  if (!store) {
    store = Promise.all([import('../../db/projects-store'), app.clock]).then(([m, clock]) =>
      m.createProjectsStore({ db: app.db, clock, now: () => app.now().getTime() }),
    );
    stores.set(app.db, store);
  }
  return store;
}
