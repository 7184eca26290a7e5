// Where alert notifications go. Each channel is a real HTTP POST when its URL is configured; email falls back
// to a log line (a mail relay is deployment-specific), and "monitor" alerts only ever go to the log.
import type { AlertAction, Severity } from './rules';

export interface AlertNotification {
  ruleId: string;
  name: string;
  severity: Severity;
  action: AlertAction;
  status: 'firing' | 'resolved';
  value: number | null;
  threshold: number;
  condition: string;
  at: string;
  environment: string;
}

export interface AlertChannel {
  name: string;
  send(notification: AlertNotification): Promise<void>;
}

export interface AlertLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

type Fetch = typeof fetch;

function describeNotification(n: AlertNotification): string {
  const shown = n.value === null ? 'n/a' : Number(n.value.toFixed(4));
  return `[${n.severity.toUpperCase()}] ${n.name} ${n.status} (${n.condition}; value ${shown}) in ${n.environment}`;
}

async function postJson(fetchImpl: Fetch, url: string, body: unknown, timeoutMs: number) {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`alert webhook answered HTTP ${response.status}`);
}

function createWebhookChannel(
  name: string,
  url: string,
  fetchImpl: Fetch = fetch,
  timeoutMs = 5000,
): AlertChannel {
  return {
    name,
    send: (n) => postJson(fetchImpl, url, { ...n, text: describeNotification(n) }, timeoutMs),
  };
}

/** Slack incoming webhooks take `{ text }`. */
function createSlackChannel(url: string, fetchImpl: Fetch = fetch, timeoutMs = 5000): AlertChannel {
  return {
    name: 'slack',
    send: (n) => postJson(fetchImpl, url, { text: describeNotification(n) }, timeoutMs),
  };
}

function createLogChannel(name: string, log: AlertLog): AlertChannel {
  return {
    name,
    async send(n) {
      log.warn({ alert: n, channel: name }, describeNotification(n));
    },
  };
}

interface ChannelEnv {
  ALERT_WEBHOOK_URL?: string;
  SLACK_WEBHOOK_URL?: string;
  ALERT_EMAIL_WEBHOOK_URL?: string;
}

export type ChannelRouting = Record<AlertAction, AlertChannel[]>;

/** Maps every action of the operations specification's table to the channels configured in the environment. */
export function routeChannels(
  env: ChannelEnv,
  log: AlertLog,
  fetchImpl: Fetch = fetch,
): ChannelRouting {
  const logChannel = createLogChannel('log', log);
  const pager = env.ALERT_WEBHOOK_URL
    ? createWebhookChannel('pager', env.ALERT_WEBHOOK_URL, fetchImpl)
    : null;
  const slack = env.SLACK_WEBHOOK_URL ? createSlackChannel(env.SLACK_WEBHOOK_URL, fetchImpl) : null;
  const email = env.ALERT_EMAIL_WEBHOOK_URL
    ? createWebhookChannel('email', env.ALERT_EMAIL_WEBHOOK_URL, fetchImpl)
    : createLogChannel('email-log', log);
  const some = (...channels: (AlertChannel | null)[]) =>
    channels.filter((c): c is AlertChannel => c !== null);
  return {
    page_on_call: some(logChannel, pager ?? slack),
    slack: some(logChannel, slack),
    email_daily: some(email),
    email_team: some(email),
    investigate_logs: some(logChannel, slack),
    monitor: [logChannel],
  };
}
