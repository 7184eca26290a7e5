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

export function snapshotToPrometheus(s: MetricsSnapshot, instance?: string): string {
  const q = (quantile: string, value: number): Gauge => ({
    name: 'tend_http_response_time_ms',
    help: 'HTTP response time over the sliding window, in milliseconds',
    value,
    labels: { quantile },
  });
  const active = (period: string, value: number): Gauge => ({
    name: 'tend_active_users',
    help: 'Distinct users seen in the period',
    value,
    labels: { period },
  });
  return formatPrometheus(
    [
      q('0.5', s.performance.p50_response_time),
      q('0.95', s.performance.p95_response_time),
      q('0.99', s.performance.p99_response_time),
      {
        name: 'tend_http_error_rate',
        help: 'Share of responses that were the server own 5xx errors (database outages excluded)',
        value: s.performance.error_rate,
      },
      {
        name: 'tend_http_outage_responses_in_window',
        help: 'Responses answered 503 + Retry-After because the database was unavailable',
        value: s.performance.outage_count,
      },
      {
        name: 'tend_http_requests_in_window',
        help: 'Requests in the sliding window',
        value: s.performance.request_count,
      },
      active('daily', s.activeUsers.daily),
      active('weekly', s.activeUsers.weekly),
      active('monthly', s.activeUsers.monthly),
      {
        name: 'tend_tasks_created_24h',
        help: 'Tasks created in the last 24 hours',
        value: s.usage.tasks_created,
      },
      {
        name: 'tend_tasks_completed_24h',
        help: 'Of those, tasks completed',
        value: s.usage.tasks_completed,
      },
      {
        name: 'tend_completion_rate',
        help: 'Completed share of tasks created in 24 h',
        value: s.usage.completion_rate,
      },
      { name: 'tend_uptime_seconds', help: 'Process uptime', value: s.health.uptime },
      {
        name: 'tend_cpu_usage_ratio',
        help: 'Process CPU share of all cores since last read',
        value: s.health.cpu_usage,
      },
      {
        name: 'tend_memory_rss_bytes',
        help: 'Resident set size',
        value: s.health.memory_rss_bytes,
      },
      {
        name: 'tend_database_connections',
        help: 'Open database connections',
        value: s.health.database_connections,
      },
      {
        name: 'tend_ai_inference_time_ms',
        help: 'Mean client-reported inference time',
        value: s.ai.inference_time,
      },
      {
        name: 'tend_ai_parse_accuracy',
        help: 'Share of AI parses accepted unchanged',
        value: s.ai.parse_accuracy,
      },
      {
        name: 'tend_ai_cache_hit_rate',
        help: 'Share of AI parses served from cache',
        value: s.ai.cache_hit_rate,
      },
      {
        name: 'tend_ai_fallback_rate',
        help: 'Share of AI parses that fell back to rules',
        value: s.ai.fallback_rate,
      },
      {
        name: 'tend_ai_timeout_rate',
        help: 'Share of AI parses that timed out',
        value: s.ai.timeout_rate,
      },
      {
        name: 'tend_storage_used_ratio',
        help: 'Used share of the data volume',
        value: s.storage.used_ratio,
      },
      {
        name: 'tend_sync_failures_last_hour',
        help: 'Rejected sync changes in the last hour',
        value: s.sync.failures_last_hour,
      },
    ],
    instance ? { instance } : {},
  );
}
