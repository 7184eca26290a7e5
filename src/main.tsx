// The page's entry: open the local database, start the clock and store, mount the shell, start the PWA.
import { render } from 'solid-js/web';
import { openTendDb } from './db/database';
import { createPersistentClock } from './db/persistent-clock';
import { createLazyTasksStore } from './db/lazy-store';
import { startPwa } from './pwa/start';
import { App } from './ui/App';
import { describeError } from './ui/messages';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/tasks.css';
import './styles/components.css';

async function start(root: HTMLElement) {
  const db = openTendDb();
  const clock = await createPersistentClock(db);
  const store = createLazyTasksStore({ db, clock });
  root.textContent = '';
  render(() => <App db={db} store={store} clock={clock} now={() => new Date()} />, root);
  // Validation, the merge and sync (supabase-js) load once the first rows are on screen: compiling them
  // earlier delays that paint. A write before then loads the store on demand; nothing waits on sync.
  whenSettled(() => {
    void store.load();
    void import('./sync/setup').then(({ startSync }) => startSync({ db, clock }));
  });
}

/** After the first paint has had its chance: an idle moment, or at most a second later. */
function whenSettled(work: () => void): void {
  const idle = () =>
    'requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 1000 }) : work();
  setTimeout(idle, 300);
}

const root = document.getElementById('root') as HTMLElement;
startPwa();
start(root).catch((error: unknown) => {
  // Without storage Tend cannot work; say why instead of showing a blank page.
  const message = document.createElement('p');
  message.className = 'fatal';
  message.setAttribute('role', 'alert');
  message.textContent = describeError(error);
  root.replaceChildren(message);
});
