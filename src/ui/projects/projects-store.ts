// The projects and sections stores for the UI, loaded on first use (they carry validation, like the
// tasks store).
import { storePerDb } from '../lib/store-per-db';

export const projectsStore = storePerDb(
  () => import('../../db/projects-store'),
  (m, options) => m.createProjectsStore(options),
);

export const sectionsStore = storePerDb(
  () => import('../../db/sections-store'),
  (m, options) => m.createSectionsStore(options),
);
