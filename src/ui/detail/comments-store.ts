// The comments store for the UI, one per database (the detail view and the Todoist import both post
// comments through it).
import { storePerDb } from '../lib/store-per-db';

export const commentsStore = storePerDb(
  () => import('../../db/comments-store'),
  (m, options) => m.createCommentsStore(options),
);
