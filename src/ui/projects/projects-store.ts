// The projects and sections stores for the UI, loaded on first use (they carry validation, like the
// tasks store).
import type { ProjectsStore } from '../../db/projects-store';
import type { SectionsStore } from '../../db/sections-store';
import type { AppServices } from '../app-context';

type StoreApp = Pick<AppServices, 'db' | 'clock' | 'now'>;

const projectStores = new WeakMap<object, Promise<ProjectsStore>>();
const sectionStores = new WeakMap<object, Promise<SectionsStore>>();

/** One store per database, made the first time it is asked for. */
function once<S>(cache: WeakMap<object, Promise<S>>, app: StoreApp, make: () => Promise<S>) {
  let store = cache.get(app.db);
  if (!store) {
    store = make();
    cache.set(app.db, store);
  }
  return store;
}

export function projectsStore(app: StoreApp): Promise<ProjectsStore> {
  return once(projectStores, app, () =>
    Promise.all([import('../../db/projects-store'), app.clock]).then(([m, clock]) =>
      m.createProjectsStore({ db: app.db, clock, now: () => app.now().getTime() }),
    ),
  );
}

export function sectionsStore(app: StoreApp): Promise<SectionsStore> {
  return once(sectionStores, app, () =>
    Promise.all([import('../../db/sections-store'), app.clock]).then(([m, clock]) =>
      m.createSectionsStore({ db: app.db, clock, now: () => app.now().getTime() }),
    ),
  );
}
