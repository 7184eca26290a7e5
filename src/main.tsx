// The page's entry: open the local database, start the clock and store, mount the shell, start the PWA.
import { render } from 'solid-js/web';
import { deferDatabase } from './db/deferred-db';
import { inboxAtStart, readFirstPage } from './db/first-page';
import { afterFirstPaint, markShellRendered, yieldToMain, yieldWith } from './db/start-up';
import { createLazyTasksStore } from './db/lazy-store';
import { startPwa } from './pwa/start';
import { App } from './ui/App';
import { parseRoute } from './ui/router';
import { captureJournal, replayCaptureJournal } from './ui/quick-add/capture-journal';
import { describeError } from './ui/messages';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/tasks.css';
import './styles/view-tools.css';
import './styles/projects.css';
import './styles/week-view.css';
import './styles/quick-add.css';
import './styles/search-box.css';
import './styles/sync-status.css';
import './styles/toasts.css';
import './styles/dialog.css';
import './styles/task-detail.css';
import './styles/subtasks.css';
import './styles/shortcut-sheet.css';
import './styles/settings.css';

function start(root: HTMLElement) {
  // The shell paints with a stand-in database that live queries and writes wait for. When the Inbox's
  // first page was read without Dexie, the first paint shows its rows and Dexie (a third of the
  // start-up JS) loads after it, so nothing else is fetched before the largest paint; other views need
  // Dexie for their rows at once. Dexie's evaluation, the database's set-up and what waits for it each
  // take a task of their own.
  const { db, ready } = deferDatabase(() =>
    (inboxAtStart() ? afterFirstPaint() : Promise.resolve())
      .then(() => import('./db/database'))
      .then(yieldWith)
      .then((m) => m.openTendDb())
      .then(yieldWith)
      // Opened before any query asks: Dexie would otherwise run every waiting query in one task.
      .then((opened) => opened.open().then(() => opened))
      .then(yieldWith),
  );
  // Only writes need the clock: read it from IndexedDB once the database is open, in a task of its own.
  const clock = ready
    .then(yieldToMain)
    .then(() => import('./db/persistent-clock'))
    .then(async (m) => m.createPersistentClock(await ready));
  // Without storage Tend cannot work: the clock is the first read, so its failure says why.
  clock.catch((error: unknown) => showFatal(root, error));
  const store = createLazyTasksStore({ db, clock });
  // The store (validation, merge) is not part of the first paint's JS, but it loads right after the
  // clock: a capture shows its row at once and must reach IndexedDB before a quick reload can lose it.
  // Its failures surface on the write that needed it; a storage failure is on screen from the clock.
  void clock
    .then(yieldToMain)
    .then(() => store.load())
    .catch(() => undefined);
  // Captures a previous page showed but had not yet stored (reload, killed tab) are stored now.
  ready
    .then((opened) => replayCaptureJournal(captureJournal, store, opened))
    .catch(() => undefined);
  root.textContent = '';
  render(() => <App db={db} store={store} clock={clock} now={() => new Date()} />, root);
  // Sync (supabase-js, ~60 KB gzip) loads once the first rows are on screen: compiling it earlier
  // delays that paint, and nothing waits on it.
  whenSettled(() => {
    Promise.all([import('./sync/setup'), clock])
      .then(([{ startSync }, deviceClock]) => startSync({ db, clock: deviceClock }))
      .catch(() => undefined);
    // The search index reads every task once, in small slices between which input runs and which
    // wait while a view reads its rows; until it is complete, searches answer by word prefix from
    // the stored index (or wait for it when every word is too common).
    Promise.all([import('./db/search-index'), ready])
      .then(([{ buildSearchIndex }, opened]) =>
        buildSearchIndex(opened, { slice: 250, pause: nextTask }),
      )
      .catch(() => undefined);
  });
}

/** After the first paint has had its chance: an idle moment, or at most a second later. */
function whenSettled(work: () => void): void {
  const idle = () =>
    'requestIdleCallback' in window ? requestIdleCallback(work, { timeout: 1000 }) : work();
  setTimeout(idle, 300);
}

/** Lets input and paints run between slices of background work. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function showFatal(root: HTMLElement, error: unknown): void {
  const message = document.createElement('p');
  message.className = 'fatal';
  message.setAttribute('role', 'alert');
  message.textContent = describeError(error);
  root.replaceChildren(message);
}

const root = document.getElementById('root') as HTMLElement;
startPwa(undefined, afterFirstPaint().then(yieldToMain));
// A start in the Inbox renders once plain IndexedDB has read its first page (at most 100 ms), so the
// first paint shows the rows the view will keep showing.
const startsInInbox = parseRoute(location.pathname, location.search).view === 'inbox';
// Marks for the client benchmark and the Performance panel: where a cold start's time goes.
performance.mark('tend:entry');
void (startsInInbox ? readFirstPage() : Promise.resolve()).finally(() => {
  performance.mark('tend:first-page');
  try {
    start(root);
  } catch (error: unknown) {
    showFatal(root, error);
  }
  // The shell (or why it cannot start) is in the DOM: what waits for its paint may go on after it.
  performance.mark('tend:shell-rendered');
  markShellRendered();
});
