// The operations specification's alert table as data. Each rule reads one number from the metrics snapshot; `null` means "no data",
// which never fires (an idle server has no error rate, not a 0% one that would look healthy or broken).
import type { MetricsSnapshot } from '../metrics/snapshot';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export type AlertAction =
  'page_on_call' | 'slack' | 'email_daily' | 'email_team' | 'investigate_logs' | 'monitor';

export interface AlertRule {
  id: string;
  name: string;
  condition: string;
  severity: Severity;
  action: AlertAction;
  comparator: '>' | '<';
  threshold: number;
  /** The minimum time between two notifications of the same firing rule. */
  cooldownMs: number;
  read(snapshot: MetricsSnapshot): number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const ALERT_RULES: readonly AlertRule[] = [
  {
    id: 'high_error_rate',
    name: 'High Error Rate',
    condition: '>1% errors',
    severity: 'critical',
    action: 'page_on_call',
    comparator: '>',
    threshold: 0.01,
    cooldownMs: 15 * MINUTE,
    // A handful of requests is not a rate: one 500 in three requests must not page anybody.
    read: (s) => (s.performance.request_count >= 20 ? s.performance.error_rate : null),
  },
  {
    id: 'slow_response',
    name: 'Slow Response',
    condition: 'p95 >2s',
    severity: 'high',
    action: 'slack',
    comparator: '>',
    threshold: 2000,
    cooldownMs: 30 * MINUTE,
    read: (s) => (s.performance.request_count >= 20 ? s.performance.p95_response_time : null),
  },
  {
    id: 'low_completion_rate',
    name: 'Low Completion Rate',
    condition: '<50% daily',
    severity: 'medium',
    action: 'email_daily',
    comparator: '<',
    threshold: 0.5,
    cooldownMs: 24 * HOUR,
    read: (s) => (s.usage.tasks_created >= 10 ? s.usage.completion_rate : null),
  },
  {
    id: 'storage_warning',
    name: 'Storage Warning',
    condition: '>80% used',
    severity: 'medium',
    action: 'email_team',
    comparator: '>',
    threshold: 0.8,
    cooldownMs: 6 * HOUR,
    read: (s) => s.storage.used_ratio,
  },
  {
    id: 'sync_failures',
    name: 'Sync Failures',
    condition: '>10/hour',
    severity: 'high',
    action: 'investigate_logs',
    comparator: '>',
    threshold: 10,
    cooldownMs: HOUR,
    read: (s) => s.sync.failures_last_hour,
  },
  {
    id: 'ai_timeout',
    name: 'AI Timeout',
    condition: '>5% timeout',
    severity: 'low',
    action: 'monitor',
    comparator: '>',
    threshold: 0.05,
    cooldownMs: 24 * HOUR,
    read: (s) => s.ai.timeout_rate,
  },
];
