// Pure evaluation of the alert rules over one metrics snapshot. No I/O: the notifier decides who hears about it.
import type { MetricsSnapshot } from '../metrics/snapshot';
import type { AlertRule, Severity, AlertAction } from './rules';

export interface AlertResult {
  id: string;
  name: string;
  severity: Severity;
  action: AlertAction;
  condition: string;
  firing: boolean;
  value: number | null;
  threshold: number;
}

export function evaluateAlerts(
  rules: readonly AlertRule[],
  snapshot: MetricsSnapshot,
): AlertResult[] {
  return rules.map((rule) => {
    const value = rule.read(snapshot);
    const firing =
      value !== null &&
      Number.isFinite(value) &&
      (rule.comparator === '>' ? value > rule.threshold : value < rule.threshold);
    return {
      id: rule.id,
      name: rule.name,
      severity: rule.severity,
      action: rule.action,
      condition: rule.condition,
      firing,
      value,
      threshold: rule.threshold,
    };
  });
}
