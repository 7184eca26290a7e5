// The application shell: header (menu, brand, quick add, search, sync status), navigation, the routed
// view, and the layers above it (task detail, shortcut sheet, toasts, PWA prompts).
import {
  Match,
  Show,
  Switch,
  createEffect,
  createMemo,
  createSignal,
  lazy,
  on,
  onCleanup,
  onMount,
} from 'solid-js';
import type { JSX } from 'solid-js';
import { listFiltersWithCounts } from '../db/filters';
import {
  countNav,
  listLabelSummaries,
  listProjectSummaries,
  listSectionsByProject,
} from '../db/queries';
import { projectNameKey } from '../core/project-id';
import { AppContext } from './app-context';
import type { AppContextValue, AppServices, ViewController } from './app-context';
import { Icon, IconButton } from './icons';
import { View } from './lib/View';
import { localDay } from '../core/calendar';
import { createLive } from './lib/live';
import type { QuickAddApi } from './quick-add/QuickAdd';
import { QuickAdd } from './quick-add/QuickAdd';
import { sharedText } from './quick-add/chips';
import { createRouter, interceptLinkClick, routeHref } from './router';
import type { Router } from './router';
import { Sidebar } from './shell/Sidebar';
import { SyncStatus } from './shell/SyncStatus';
import { SearchBox } from './shell/SearchBox';
import { createKeyInterpreter, isTypingTarget, isUndoKey } from './shortcuts/keymap';
import type { ShortcutAction } from './shortcuts/keymap';
import { createTheme } from './theme/theme';
import { ToastRegion } from './toast/ToastRegion';
import { createToasts } from './toast/toasts';
import { createPendingTasks } from './tasks/pending';
import { isOpenTaskMessage } from '../core/sw-protocol';
import { browserNotifications, startInPageReminders } from './reminders/in-page-reminders';
import { ViewPage } from './views/ViewPage';
import { afterFirstPaint, yieldToMain } from '../db/start-up';
import { documentTitle, quickAddDefaults, viewSpecFor } from './views/view-model';

// Both prompts show only when the browser offers something, so they load after the first paint.
const UpdatePrompt = lazy(() =>
  afterFirstPaint()
    .then(yieldToMain)
    .then(() => import('../pwa/UpdatePrompt'))
    .then((m) => ({ default: m.UpdatePrompt })),
);
const InstallButton = lazy(() =>
  afterFirstPaint()
    .then(yieldToMain)
    .then(() => import('../pwa/InstallButton'))
    .then((m) => ({ default: m.InstallButton })),
);

const TaskDetail = lazy(() => import('./detail/TaskDetail'));
const SettingsPage = lazy(() => import('./settings/SettingsPage'));
const TrashPage = lazy(() => import('./views/TrashPage'));
const DocumentationPage = lazy(() => import('./docs/DocumentationPage'));
const ApiReference = lazy(() => import('./docs/ApiReference'));
const ShortcutSheet = lazy(() =>
  import('./shortcuts/ShortcutSheet').then((m) => ({ default: m.ShortcutSheet })),
);

interface AppProps extends AppServices {
  router?: Router;
}

const EMPTY_COUNTS = { inbox: 0, today: 0, upcoming: 0 };

export function App(props: AppProps): JSX.Element {
  // eslint-disable-next-line solid/reactivity -- services are fixed for the app's lifetime
  const router = props.router ?? createRouter();
  onCleanup(() => router.dispose());
  const toasts = createToasts();
  const pending = createPendingTasks();
  const theme = createTheme();
  // eslint-disable-next-line solid/reactivity -- services are fixed for the app's lifetime
  const [today, setToday] = createSignal(localDay(props.now()));
  const [openTaskId, setOpenTaskId] = createSignal<string | null>(null);
  const [shortcutsOpen, setShortcutsOpen] = createSignal(false);
  const [menuOpen, setMenuOpen] = createSignal(false);
  let view: ViewController | null = null;
  let quickAdd: QuickAddApi | undefined;
  let searchInput: HTMLInputElement | undefined;

  // The day rolls over at midnight (and after the device sleeps): Today and overdue follow.
  const refreshDay = () => setToday(localDay(props.now()));
  const dayTimer = setInterval(refreshDay, 60_000);
  document.addEventListener('visibilitychange', refreshDay);
  onCleanup(() => {
    clearInterval(dayTimer);
    document.removeEventListener('visibilitychange', refreshDay);
  });

  const app: AppContextValue = {
    ...props,
    router,
    toasts,
    pending,
    theme,
    today,
    openTask: (id) => setOpenTaskId(id),
    closeTask: () => setOpenTaskId(null),
    openShortcuts: () => setShortcutsOpen(true),
    focusQuickAdd: (text) => quickAdd?.focus(text),
    focusSearch: () => searchInput?.focus(),
    setViewController: (controller) => (view = controller),
  };

  // Reminders fire in the page while no push subscription carries them (src/ui/reminders/).
  // eslint-disable-next-line solid/reactivity -- services are fixed for the app's lifetime
  const { db } = props;
  const reminders = startInPageReminders({
    db,
    now: () => props.now().getTime(),
    ...browserNotifications(),
    pushActive: async () => {
      const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
      // Asked only once notifications are allowed: its module stays out of the first paint.
      const { pushIsActive } = await import('../sync/push-subscription');
      return pushIsActive(db, registration?.pushManager ?? null);
    },
    // A chunk that cannot load (offline after an update) leaves reminders to this page until the next grant.
    onGranted: () =>
      void import('./reminders/push-device')
        .then((m) => m.subscribeSignedInDevice(db))
        .catch(() => undefined),
  });
  app.reminders = reminders;
  onCleanup(() => reminders.stop());
  // A clicked reminder opens its task: in this window (the worker's message), or in a new one (?task=).
  const openFromWorker = (event: MessageEvent) => {
    if (isOpenTaskMessage(event.data)) setOpenTaskId(event.data.taskId);
  };
  navigator.serviceWorker?.addEventListener('message', openFromWorker);
  onCleanup(() => navigator.serviceWorker?.removeEventListener('message', openFromWorker));
  onMount(() => {
    const url = new URL(location.href);
    const taskId = url.searchParams.get('task');
    if (!taskId) return;
    url.searchParams.delete('task');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    setOpenTaskId(taskId);
  });

  const counts = createLive(
    ({ day }) => countNav(props.db, day),
    EMPTY_COUNTS,
    () => ({ day: today() }),
  );
  const summaries = createLive(() => listProjectSummaries(props.db), []);
  app.projectSummaries = summaries.value;
  const unarchived = createMemo(() => summaries.value().filter((p) => !p.archived));
  const projects = unarchived;
  const archivedProjects = createMemo(() => summaries.value().filter((p) => p.archived));
  const labels = createLive(() => listLabelSummaries(props.db), []);
  app.labelSummaries = labels.value;
  const sections = createLive(() => listSectionsByProject(props.db), new Map());
  /** The sections of the project named `name` (quick add's `/`). */
  const sectionsOf = (name: string) => {
    const key = projectNameKey(name);
    const project = projects().find((p) => projectNameKey(p.name) === key);
    return (project && sections.value().get(project.id)) ?? [];
  };
  const filters = createLive(
    ({ day }) => listFiltersWithCounts(props.db, day),
    [],
    () => ({ day: today() }),
  );
  const route = router.route;
  /** The saved filter on screen, once the list of filters has loaded. */
  const savedFilter = createMemo(() => {
    const current = route();
    return current.view === 'filter'
      ? (filters.value().find((f) => f.id === current.id) ?? null)
      : null;
  });
  const spec = createMemo(() => {
    const filter = savedFilter();
    return filter ? ({ kind: 'search', query: filter.query } as const) : viewSpecFor(route());
  });
  // A view stays mounted while only its parameters change (typing a search), so its list never flickers.
  const viewKey = createMemo(() => {
    const s = spec();
    if (!s) return null;
    const filter = savedFilter();
    if (filter) return `f:${filter.id}`;
    return s.kind === 'project' ? `p:${s.project}` : s.kind === 'label' ? `l:${s.label}` : s.kind;
  });

  createEffect(() => {
    document.title = documentTitle(route());
  });

  // /docs and /documentation/ show the guide under its one address (the service worker serves them offline).
  createEffect(() => {
    const current = route();
    if (current.view !== 'documentation') return;
    const canonical = routeHref(current);
    if (window.location.pathname !== canonical) router.navigate(canonical, { replace: true });
  });

  // Move focus to the new view's heading after in-app navigation (not on first load).
  createEffect(
    on(
      route,
      () => {
        setMenuOpen(false);
        // Not while someone types: search navigates per keystroke, share prefills quick add.
        queueMicrotask(() => {
          if (isTypingTarget(document.activeElement as HTMLElement | null)) return;
          document.getElementById('view-title')?.focus({ preventScroll: true });
        });
      },
      { defer: true },
    ),
  );

  onMount(() => {
    // Share target (GET /share?title&text&url) or ?share-title=… on any page: prefill quick add.
    const params = new URLSearchParams(window.location.search);
    const current = route();
    const shared =
      current.view === 'share'
        ? sharedText(current)
        : sharedText({
            title: params.get('share-title') ?? undefined,
            text: params.get('share-text') ?? undefined,
            url: params.get('share-url') ?? undefined,
          });
    if (current.view === 'share' || shared) {
      const target = current.view === 'share' ? '/inbox' : window.location.pathname;
      router.navigate(target, { replace: true });
      if (shared) app.focusQuickAdd(shared);
    } else if (params.get('quick-add') === '1') {
      // The manifest's "New task" shortcut (/inbox?quick-add=1): a focused, empty quick add.
      router.navigate(window.location.pathname, { replace: true });
      app.focusQuickAdd();
    }
  });

  const interpret = createKeyInterpreter();
  function run(action: ShortcutAction) {
    const go = (href: string) => router.navigate(href);
    const table: Record<ShortcutAction, () => void> = {
      'focus-quick-add': () => app.focusQuickAdd(),
      'focus-search': () => app.focusSearch(),
      'show-shortcuts': () => setShortcutsOpen(true),
      'go-inbox': () => go('/inbox'),
      'go-today': () => go('/today'),
      'go-upcoming': () => go('/upcoming'),
      'go-completed': () => go('/completed'),
      'go-trash': () => go('/trash'),
      'go-settings': () => go('/settings'),
      next: () => view?.next(),
      previous: () => view?.previous(),
      open: () => view?.open(),
      'toggle-select': () => view?.toggleSelect(),
      complete: () => view?.complete(),
      delete: () => view?.remove(),
      'move-up': () => view?.moveUp(),
      'move-down': () => view?.moveDown(),
      undo: () => toasts.runLatestAction(),
      'clear-selection': () => {
        if (view?.clearSelection() || !menuOpen()) return;
        setMenuOpen(false);
        document.querySelector<HTMLElement>('.menu-btn')?.focus();
      },
    };
    table[action]();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.defaultPrevented || event.isComposing) return;
    if (openTaskId() || shortcutsOpen()) return; // dialogs handle their own keys
    const target = event.target as HTMLElement | null;
    if (isTypingTarget(target)) return;
    // Undo of the last change that offered one (complete, delete, move, an edit): the platform's key.
    if (isUndoKey(event)) {
      if (toasts.runLatestAction()) event.preventDefault();
      return;
    }
    // Enter and Space on buttons and links keep their native meaning.
    if ((event.key === 'Enter' || event.key === ' ') && target?.closest('button, a, summary'))
      return;
    const action = interpret(event, performance.now());
    if (!action) return;
    event.preventDefault();
    run(action);
  }
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => document.removeEventListener('keydown', onKeyDown));

  return (
    <AppContext.Provider value={app}>
      <div
        class="app"
        classList={{ 'menu-open': menuOpen() }}
        onClick={(e) => interceptLinkClick(e, router.navigate)}
      >
        <a class="skip-link" href="#main">
          Skip to tasks
        </a>
        <header class="topbar">
          <button
            type="button"
            class="icon-btn menu-btn"
            aria-label="Menu"
            aria-expanded={menuOpen()}
            aria-controls="sidebar"
            onClick={() => {
              setMenuOpen(!menuOpen());
              // The drawer takes focus when it opens, so keyboard and screen-reader users land in it.
              if (menuOpen()) document.querySelector<HTMLElement>('#sidebar a')?.focus();
            }}
          >
            <Icon name="menu" />
          </button>
          <a class="brand" href="/today" aria-label="Tend, go to Today">
            <span class="brand-mark" aria-hidden="true" />
            <span class="brand-name">Tend</span>
          </a>
          <QuickAdd
            api={(api) => (quickAdd = api)}
            onSaved={(task) => view?.reveal(task.id)}
            defaults={() => quickAddDefaults(spec(), today())}
            view={spec}
            names={() => ({
              projects: projects().map((p) => p.name),
              labels: labels.value().map((l) => l.name),
            })}
            sectionsOf={sectionsOf}
          />
          <SearchBox ref={(el) => (searchInput = el)} />
          <div class="topbar-end">
            <SyncStatus />
            <InstallButton class="btn install-btn" />
            <IconButton
              icon="keyboard"
              class="icon-btn shortcuts-btn"
              label="Keyboard shortcuts"
              title="Keyboard shortcuts (?)"
              onClick={() => setShortcutsOpen(true)}
            />
          </div>
        </header>
        <Sidebar
          counts={counts.value()}
          projects={projects()}
          archived={archivedProjects()}
          labels={labels.value()}
          filters={filters.value()}
          open={menuOpen()}
          onNavigate={() => setMenuOpen(false)}
        />
        <Show when={menuOpen()}>
          <div class="scrim" aria-hidden="true" onClick={() => setMenuOpen(false)} />
        </Show>
        <main id="main" class="main" tabIndex={-1}>
          <Switch
            fallback={
              <View title="Page not found">
                <div class="empty-state">
                  <h2>Nothing lives at this address</h2>
                  <p>
                    Go to your <a href="/inbox">Inbox</a> or <a href="/today">Today</a>.
                  </p>
                </div>
              </View>
            }
          >
            <Match when={route().view === 'settings'}>
              <SettingsPage />
            </Match>
            <Match when={route().view === 'filter' && !filters.ready()}>
              <section class="view" aria-busy="true" />
            </Match>
            <Match when={route().view === 'trash'}>
              <TrashPage />
            </Match>
            <Match
              when={(() => {
                const current = route();
                return current.view === 'documentation' ? current.section : null;
              })()}
              keyed
            >
              {(section) => (section === 'api' ? <ApiReference /> : <DocumentationPage />)}
            </Match>
            <Match when={viewKey()} keyed>
              {(_key) => <ViewPage route={route()} spec={spec()!} title={savedFilter()?.name} />}
            </Match>
          </Switch>
        </main>
        <Show when={openTaskId()} keyed>
          {(id) => <TaskDetail taskId={id} onClose={() => setOpenTaskId(null)} />}
        </Show>
        <Show when={shortcutsOpen()}>
          <ShortcutSheet onClose={() => setShortcutsOpen(false)} />
        </Show>
        <ToastRegion toasts={toasts} />
        <UpdatePrompt />
      </div>
    </AppContext.Provider>
  );
}
