// Turns evaluations into notifications: a rule notifies when it starts firing, again only after its cooldown
// while it keeps firing, and once when it resolves. A failing channel is logged and never blocks the others.
import type { AlertResult } from './evaluate';
import type { AlertChannel, AlertLog, AlertNotification, ChannelRouting } from './channels';
import type { AlertRule } from './rules';

export interface AlertState {
  id: string;
  name: string;
  severity: AlertResult['severity'];
  action: AlertResult['action'];
  condition: string;
  firing: boolean;
  value: number | null;
  threshold: number;
  firingSince: string | null;
  lastNotifiedAt: string | null;
  lastEvaluatedAt: string | null;
}

export interface AlertManager {
  process(results: readonly AlertResult[]): Promise<AlertNotification[]>;
  state(): AlertState[];
}

export function createAlertManager({
  rules,
  routing,
  log,
  now = () => Date.now(),
  environment = 'development',
}: {
  rules: readonly AlertRule[];
  routing: ChannelRouting;
  log: AlertLog;
  now?: () => number;
  environment?: string;
}): AlertManager {
  const cooldowns = new Map(rules.map((r) => [r.id, r.cooldownMs]));
  const states = new Map<string, AlertState>();

  async function deliver(channels: AlertChannel[], notification: AlertNotification) {
    await Promise.all(
      channels.map((channel) =>
        channel.send(notification).catch((error: unknown) => {
          log.error(
            { channel: channel.name, ruleId: notification.ruleId, err: String(error) },
            'alert delivery failed',
          );
        }),
      ),
    );
  }

  return {
    async process(results) {
      const at = now();
      const sent: AlertNotification[] = [];
      for (const result of results) {
        const previous = states.get(result.id);
        const wasFiring = previous?.firing ?? false;
        const lastNotified = previous?.lastNotifiedAt ? Date.parse(previous.lastNotifiedAt) : null;
        const cooldown = cooldowns.get(result.id) ?? 0;
        let notify: 'firing' | 'resolved' | null = null;
        if (result.firing && (!wasFiring || lastNotified === null || at - lastNotified >= cooldown))
          notify = 'firing';
        if (!result.firing && wasFiring) notify = 'resolved';

        const state: AlertState = {
          ...result,
          firingSince: result.firing
            ? wasFiring
              ? (previous?.firingSince ?? null)
              : new Date(at).toISOString()
            : null,
          lastNotifiedAt: notify ? new Date(at).toISOString() : (previous?.lastNotifiedAt ?? null),
          lastEvaluatedAt: new Date(at).toISOString(),
        };
        states.set(result.id, state);
        if (!notify) continue;
        const notification: AlertNotification = {
          ruleId: result.id,
          name: result.name,
          severity: result.severity,
          action: result.action,
          status: notify,
          value: result.value,
          threshold: result.threshold,
          condition: result.condition,
          at: new Date(at).toISOString(),
          environment,
        };
        await deliver(routing[result.action], notification);
        sent.push(notification);
      }
      return sent;
    },
    state() {
      return [...states.values()];
    },
  };
}
