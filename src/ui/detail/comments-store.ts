// The comments store for the UI, one per database, made once the device clock has been read (the
// detail view and the Todoist import both post comments through it).
import type { CommentsStore } from '../../db/comments-store';
import type { AppServices } from '../app-context';

const stores = new WeakMap<object, Promise<CommentsStore>>();

export function commentsStore(
  app: Pick<AppServices, 'db' | 'clock' | 'now'>,
): Promise<CommentsStore> {
  let store = stores.get(app.db);
  if (!store) {
    store = Promise.all([import('../../db/comments-store'), app.clock]).then(([m, clock]) =>
      m.createCommentsStore({ db: app.db, clock, now: () => app.now().getTime() }),
    );
    stores.set(app.db, store);
  }
  return store;
}
