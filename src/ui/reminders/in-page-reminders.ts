// In-page reminder notifications while Tend is open: for a local-only user, or before this device has a
// push subscription (then the server's pushes take over). Scheduled from IndexedDB: a timer for the next
// firing, re-planned whenever the tasks change. Each firing is claimed in IndexedDB first, so it shows
// once per device whether the page or the service worker gets there first (src/db/reminder-deliveries.ts).
import { dueFirings, nextFiring } from '../../core/reminders';
import { reminderNotification } from '../../core/sw-protocol';
import type { ReminderNotice } from '../../core/sw-protocol';
import type { Task } from '../../core/task';
import type { TendDb } from '../../db/database';
import { whenDatabasesReady } from '../../db/deferred-db';
import { claimFiring, pruneDelivered, queryRemindedTasks } from '../../db/reminder-deliveries';
import { loadLiveQuery } from '../lib/live';

type Shown = ReturnType<typeof reminderNotification>;

interface InPageReminderDeps {
  db: TendDb;
  now: () => number;
  timeZone?: string;
  /** The Notification permission now ('default' | 'granted' | 'denied'). */
  permission: () => NotificationPermission;
  requestPermission: () => Promise<NotificationPermission>;
  /** Shows one notification (through the service worker when there is one, so its buttons work). */
  show: (notification: Shown) => Promise<void>;
  /** True while the server pushes this device's reminders. */
  pushActive: () => Promise<boolean>;
  /** After the user allowed notifications (the moment to subscribe to push when signed in). */
  onGranted?: () => void;
  /** Longest wait between checks, so a sleeping device catches up soon after it wakes. */
  maxWaitMs?: number;
  /** Calls `changed` with the query's result now and after each change to it (Dexie's liveQuery). */
  watch?: <T>(query: () => Promise<T>, changed: (value: T) => void) => () => void;
}

function liveWatch<T>(query: () => Promise<T>, changed: (value: T) => void): () => void {
  let unsubscribe: (() => void) | undefined;
  let stopped = false;
  void loadLiveQuery().then(
    (liveQuery) => {
      if (stopped) return;
      const subscription = liveQuery(query).subscribe({ next: changed, error: () => undefined });
      unsubscribe = () => subscription.unsubscribe();
    },
    () => undefined,
  );
  return () => {
    stopped = true;
    unsubscribe?.();
  };
}

interface InPageReminders {
  onReminderAdded(): void;
  /** Shows what is due now; resolves with the keys shown. */
  check(): Promise<string[]>;
  stop(): void;
}

export function startInPageReminders(deps: InPageReminderDeps): InPageReminders {
  const timeZone = deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const maxWait = deps.maxWaitMs ?? 60_000;
  let tasks: Task[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function check(): Promise<string[]> {
    if (stopped || deps.permission() !== 'granted') return [];
    // The first check runs with the shell, before the database has opened.
    await whenDatabasesReady();
    if (stopped || (await deps.pushActive())) return [];
    watch();
    tasks = await queryRemindedTasks(deps.db);
    const now = deps.now();
    const shown: string[] = [];
    for (const firing of dueFirings(tasks, timeZone, now)) {
      if (!(await claimFiring(deps.db, firing, 'page', now))) continue;
      const task = tasks.find((t) => t.id === firing.taskId)!;
      const notice: ReminderNotice = {
        type: 'reminder',
        taskId: task.id,
        reminderId: firing.reminderId,
        key: firing.key,
        title: task.title,
        at: new Date(firing.at).toISOString(),
        due: task.due,
      };
      await deps.show(reminderNotification(notice));
      shown.push(firing.key);
    }
    await pruneDelivered(deps.db, now);
    return shown;
  }

  function plan() {
    clearTimeout(timer);
    if (stopped) return;
    const next = nextFiring(tasks, timeZone, deps.now());
    const wait = next ? Math.min(Math.max(next.at - deps.now(), 0), maxWait) : maxWait;
    timer = setTimeout(checkAndPlan, wait);
  }

  /**
   * A check, then the next one planned. A check that fails (the database closed while the page goes away,
   * storage refusing a read) is left to the next: nothing would catch its rejection.
   */
  function checkAndPlan() {
    void check()
      .catch(() => undefined)
      .finally(plan);
  }

  // A change to the tasks re-plans at once; the timer alone would notice within maxWait. The watch
  // starts only once notifications are allowed: the query walks every open task (20,000 in a
  // 100,000-task database) and runs again on each write, for nothing while no notice can be shown.
  let unwatch: (() => void) | undefined;
  function watch() {
    if (unwatch || stopped) return;
    unwatch = (deps.watch ?? liveWatch)(
      () => queryRemindedTasks(deps.db),
      (value) => {
        tasks = value;
        checkAndPlan();
      },
    );
  }
  checkAndPlan();

  return {
    check,
    onReminderAdded() {
      if (deps.permission() !== 'default') return;
      // A request that fails (browsers that only take the callback form) is a "no" until the next reminder.
      deps.requestPermission().then(
        (answer) => {
          if (answer !== 'granted') return;
          deps.onGranted?.();
          checkAndPlan();
        },
        () => undefined,
      );
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      unwatch?.();
    },
  };
}

/** The browser's side of the notifier: the Notification API and the service worker registration. */
export function browserNotifications(): Pick<
  InPageReminderDeps,
  'permission' | 'requestPermission' | 'show'
> {
  const supported = typeof Notification !== 'undefined';
  return {
    permission: () => (supported ? Notification.permission : 'denied'),
    requestPermission: () =>
      supported ? Notification.requestPermission() : Promise.resolve('denied'),
    async show({ title, options }) {
      const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
      if (registration) await registration.showNotification(title, options);
      else {
        const { actions: _actions, ...plain } = options;
        new Notification(title, plain);
      }
    },
  };
}
