// Turns evaluations into notifications: a rule notifies when it starts firing, again only after its cooldown
// while it keeps firing, and once when it reads a healthy value again. The state lives in shared state, so every instance may
// evaluate and still only one sends each notification. A failing channel is logged and never blocks the others.
import type { AlertStates, SharedAlertState } from '../../state/alert-states';
import type { AlertResult } from './evaluate';
import type { AlertChannel, AlertLog, AlertNotification, ChannelRouting } from './channels';
import type { AlertRule } from './rules';

type AlertState = SharedAlertState;

export interface AlertManager {
  process(results: readonly AlertResult[]): Promise<AlertNotification[]>;
  state(): Promise<AlertState[]>;
}

export function createAlertManager({
  rules,
  routing,
  log,
  states,
  now = () => Date.now(),
  environment = 'development',
}: {
  rules: readonly AlertRule[];
  routing: ChannelRouting;
  log: AlertLog;
  states: AlertStates;
  now?: () => number;
  environment?: string;
}): AlertManager {
  const cooldowns = new Map(rules.map((r) => [r.id, r.cooldownMs]));

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
        // No data (too few requests to be a rate) says nothing either way: it neither fires nor resolves.
        // Instances read the shared numbers up to a flush apart, so one may see too few requests while
        // another sees the burst; resolving on that would page twice.
        if (result.value === null || !Number.isFinite(result.value)) continue;
        const status = await states.transition(
          result.id,
          result.firing,
          at,
          cooldowns.get(result.id) ?? 0,
        );
        if (!status) continue;
        const notification: AlertNotification = {
          ruleId: result.id,
          name: result.name,
          severity: result.severity,
          action: result.action,
          status,
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
    state: () => states.list(),
  };
}
