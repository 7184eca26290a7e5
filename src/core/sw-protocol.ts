// The vocabulary the page and the service worker share (kept free of DOM and worker types).

/** Background Sync tag under which the page asks the worker to replay the outbox. */
export const OUTBOX_SYNC_TAG = 'tend-outbox';

/** Cache holding the lazy on-device AI chunks; it exists only while the user has opted in. */
export const AI_CACHE_NAME = 'tend-ai';

/** Whether `data` is the message workbox-window's `messageSkipWaiting()` posts. */
export function isSkipWaitingMessage(data: unknown): boolean {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'SKIP_WAITING'
  );
}

/** URL prefixes the server answers itself: navigations there never get the app shell. */
const SERVER_PATH_PREFIXES = ['/api/', '/auth/', '/health', '/admin'] as const;

export function isServerPath(pathname: string): boolean {
  return SERVER_PATH_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/** Lazy on-device AI chunks, emitted by vite.config.ts into this folder and never precached. */
const AI_ASSETS_PATH = '/assets/ai/';

export function isAiAssetPath(pathname: string): boolean {
  return pathname.startsWith(AI_ASSETS_PATH);
}

/** What a reminder notification carries: the push payload the server sends, and what the page shows. */
export interface ReminderNotice {
  type: 'reminder';
  taskId: string;
  reminderId: string;
  /** The firing's key (src/core/reminders.ts firingKey): one notification per key and device. */
  key: string;
  title: string;
  /** ISO instant of the firing. */
  at: string;
  due: string | null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A push message's data as a reminder, or null for anything else (pushes are untrusted input too). */
export function parseReminderNotice(data: unknown): ReminderNotice | null {
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  const text = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;
  if (d.type !== 'reminder' || !text(d.taskId, 36) || !UUID_RE.test(d.taskId as string))
    return null;
  if (!text(d.reminderId, 36) || !text(d.key, 80) || !text(d.title, 500) || !text(d.at, 40))
    return null;
  if (d.due !== null && !text(d.due, 16)) return null;
  return {
    type: 'reminder',
    taskId: d.taskId as string,
    reminderId: d.reminderId as string,
    key: d.key as string,
    title: d.title as string,
    at: d.at as string,
    due: (d.due as string | null) ?? null,
  };
}

/** The notification's action ids, handled by the service worker (offline too). */
export const REMINDER_ACTIONS = { complete: 'complete', snooze: 'snooze' } as const;

/** How long "Snooze" waits. */
export const SNOOZE_MINUTES = 10;

/**
 * The action buttons' titles. The service worker may not import the page's messages, so they live here
 * and src/ui/messages.ts reuses them.
 */
export const REMINDER_ACTION_TITLES = {
  complete: 'Complete',
  snooze: `Snooze ${SNOOZE_MINUTES} min`,
} as const;

/**
 * The notification for a reminder, shown the same way by the page and the service worker. The tag is
 * the firing key: showing the same firing twice replaces the first notification silently
 * (`renotify` off) instead of alerting twice.
 */
export function reminderNotification(notice: ReminderNotice): {
  title: string;
  options: {
    body: string;
    tag: string;
    renotify: false;
    requireInteraction: boolean;
    timestamp: number;
    data: ReminderNotice;
    actions: { action: string; title: string }[];
  };
} {
  return {
    title: notice.title || 'Reminder',
    options: {
      body: 'Reminder',
      tag: notice.key,
      renotify: false,
      requireInteraction: true,
      timestamp: Date.parse(notice.at),
      data: notice,
      actions: [
        { action: REMINDER_ACTIONS.complete, title: REMINDER_ACTION_TITLES.complete },
        { action: REMINDER_ACTIONS.snooze, title: REMINDER_ACTION_TITLES.snooze },
      ],
    },
  };
}

/** The worker asks an open page to show a task (a notification was clicked). */
export interface OpenTaskMessage {
  type: 'tend:open-task';
  taskId: string;
}

export function isOpenTaskMessage(data: unknown): data is OpenTaskMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'tend:open-task' &&
    typeof (data as { taskId?: unknown }).taskId === 'string'
  );
}

/** Where a clicked notification opens Tend when no window is open: the page opens the task from it. */
export function openTaskUrl(taskId: string): string {
  return `/inbox?task=${encodeURIComponent(taskId)}`;
}
