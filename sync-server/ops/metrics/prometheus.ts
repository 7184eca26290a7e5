// The metrics snapshot in Prometheus text exposition format (version 0.0.4). Null values are omitted rather than
// exported as 0, so a dashboard shows "no data" instead of a false reading. Each instance exports its own
// request numbers under an `instance` label; Prometheus sums instances itself.
import type { MetricsSnapshot } from './snapshot';

interface Gauge {
  name: string;
  help: string;
  value: number | null;
  labels?: Record<string, string>;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function formatPrometheus(
  gauges: readonly Gauge[],
  common: Record<string, string> = {},
): string {
  const lines: string[] = [];
  const described = new Set<string>();
  for (const gauge of gauges) {
    if (gauge.value === null || !Number.isFinite(gauge.value)) continue;
    if (!described.has(gauge.name)) {
      lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
      described.add(gauge.name);
    }
    const all = Object.entries({ ...gauge.labels, ...common });
    const labels =
      all.length > 0 ? `{${all.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
    lines.push(`${gauge.name}${labels} ${gauge.value}`);
  }
  return lines.join('\n') + '\n';
}

type GaugeRow = [
  name: string,
  help: string,
  value: (s: MetricsSnapshot) => number | null,
  labels?: Record<string, string>,
];

/** One gauge as several series told apart by one label, each label value with its own reading. */
function series(
  name: string,
  help: string,
  label: string,
  values: Record<string, GaugeRow[2]>,
): GaugeRow[] {
  return Object.entries(values).map(([at, value]) => [name, help, value, { [label]: at }]);
}

/** Every exported gauge, in order: name, help, where its value is in the snapshot, its labels. */
// prettier-ignore
const GAUGES: GaugeRow[] = [
  ...series('tend_http_response_time_ms', 'HTTP response time over the sliding window, in milliseconds', 'quantile', { '0.5': (s) => s.performance.p50_response_time, '0.95': (s) => s.performance.p95_response_time, '0.99': (s) => s.performance.p99_response_time }),
  ['tend_http_error_rate', 'Share of responses that were the server own 5xx errors (database outages excluded)', (s) => s.performance.error_rate],
  ['tend_http_outage_responses_in_window', 'Responses answered 503 + Retry-After because the database was unavailable', (s) => s.performance.outage_count],
  ['tend_http_requests_in_window', 'Requests in the sliding window', (s) => s.performance.request_count],
  ...series('tend_active_users', 'Distinct users seen in the period', 'period', { daily: (s) => s.activeUsers.daily, weekly: (s) => s.activeUsers.weekly, monthly: (s) => s.activeUsers.monthly }),
  ['tend_tasks_created_24h', 'Tasks created in the last 24 hours', (s) => s.usage.tasks_created],
  ['tend_tasks_completed_24h', 'Of those, tasks completed', (s) => s.usage.tasks_completed],
  ['tend_completion_rate', 'Completed share of tasks created in 24 h', (s) => s.usage.completion_rate],
  ['tend_uptime_seconds', 'Process uptime', (s) => s.health.uptime],
  ['tend_cpu_usage_ratio', 'Process CPU share of all cores since last read', (s) => s.health.cpu_usage],
  ['tend_memory_rss_bytes', 'Resident set size', (s) => s.health.memory_rss_bytes],
  ['tend_database_connections', 'Open database connections', (s) => s.health.database_connections],
  ['tend_ai_inference_time_ms', 'Mean client-reported inference time', (s) => s.ai.inference_time],
  ['tend_ai_parse_accuracy', 'Share of AI parses accepted unchanged', (s) => s.ai.parse_accuracy],
  ['tend_ai_cache_hit_rate', 'Share of AI parses served from cache', (s) => s.ai.cache_hit_rate],
  ['tend_ai_fallback_rate', 'Share of AI parses that fell back to rules', (s) => s.ai.fallback_rate],
  ['tend_ai_timeout_rate', 'Share of AI parses that timed out', (s) => s.ai.timeout_rate],
  ['tend_storage_used_ratio', 'Used share of the data volume', (s) => s.storage.used_ratio],
  ['tend_sync_failures_last_hour', 'Rejected sync changes in the last hour', (s) => s.sync.failures_last_hour],
];

export function snapshotToPrometheus(s: MetricsSnapshot, instance?: string): string {
  return formatPrometheus(
    GAUGES.map(([name, help, value, labels]) => ({ name, help, value: value(s), labels })),
    instance ? { instance } : {},
  );
}
