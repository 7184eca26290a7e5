// The operations specification's MetricsDashboard, plus the few numbers the alert rules read that the operations specification's shape has no slot for
// (request count, storage, sync failures, AI timeouts). Values we cannot measure honestly are null with a reason.
import type { AiStats } from './ai-telemetry';
import type { RequestStats } from '../../state/request-windows';

interface MetricsDashboard {
  activeUsers: { daily: number; weekly: number; monthly: number };
  performance: {
    p50_response_time: number;
    p95_response_time: number;
    p99_response_time: number;
    error_rate: number;
  };
  usage: {
    tasks_created: number;
    tasks_completed: number;
    completion_rate: number;
    avg_session_duration: number | null;
  };
  health: { uptime: number; cpu_usage: number; memory_usage: number; database_connections: number };
  ai: {
    inference_time: number;
    parse_accuracy: number | null;
    cache_hit_rate: number | null;
    fallback_rate: number | null;
  };
}

export interface MetricsSnapshot extends MetricsDashboard {
  generatedAt: string;
  performance: MetricsDashboard['performance'] & {
    request_count: number;
    /** 503s for a dependency outage (database down): counted here, not in error_rate. */
    outage_count: number;
    window_ms: number;
  };
  usage: MetricsDashboard['usage'] & { window: '24h'; avg_session_duration_reason?: string };
  health: MetricsDashboard['health'] & { memory_rss_bytes: number; heap_used_bytes: number };
  ai: MetricsDashboard['ai'] & { timeout_rate: number | null; samples: number };
  storage: StorageUse;
  sync: { failures_last_hour: number; applied_last_hour: number };
}

/** Where the Storage Warning looks: the database's size on PostgreSQL, the data directory's disk on PGlite. */
interface StorageUse {
  used_ratio: number | null;
  source: 'database' | 'disk';
  path: string | null;
  database_bytes: number | null;
}

export interface DbMetrics {
  activeUsers: MetricsDashboard['activeUsers'];
  tasksCreated24h: number;
  tasksCompleted24h: number;
  databaseConnections: number;
  syncFailuresLastHour: number;
  syncAppliedLastHour: number;
}

const SESSION_DURATION_REASON =
  'Sync is stateless request/response: the server sees pushes and pulls, not when a person opens or closes the app, so a session length would be invented.';

export function buildSnapshot({
  now,
  requests,
  db,
  ai,
  cpuUsage,
  uptimeSeconds,
  memory,
  storage,
}: {
  now: number;
  requests: RequestStats;
  db: DbMetrics;
  ai: AiStats;
  cpuUsage: number;
  uptimeSeconds: number;
  memory: { rss: number; heapUsed: number };
  storage: StorageUse;
}): MetricsSnapshot {
  const created = db.tasksCreated24h;
  return {
    generatedAt: new Date(now).toISOString(),
    activeUsers: db.activeUsers,
    performance: {
      p50_response_time: requests.p50_response_time,
      p95_response_time: requests.p95_response_time,
      p99_response_time: requests.p99_response_time,
      error_rate: requests.error_rate,
      request_count: requests.count,
      outage_count: requests.outage_count,
      window_ms: requests.window_ms,
    },
    usage: {
      tasks_created: created,
      tasks_completed: db.tasksCompleted24h,
      // Of the tasks created in the last 24 h, the share already completed ("daily" in the operations specification's alert).
      completion_rate: created === 0 ? 0 : db.tasksCompleted24h / created,
      avg_session_duration: null,
      avg_session_duration_reason: SESSION_DURATION_REASON,
      window: '24h',
    },
    health: {
      uptime: uptimeSeconds,
      cpu_usage: cpuUsage,
      // Megabytes of resident memory: the unit the operations specification's 300 MB rollback criterion uses.
      memory_usage: Math.round((memory.rss / 1024 / 1024) * 10) / 10,
      memory_rss_bytes: memory.rss,
      heap_used_bytes: memory.heapUsed,
      database_connections: db.databaseConnections,
    },
    ai: {
      inference_time: ai.inference_time,
      parse_accuracy: ai.parse_accuracy,
      cache_hit_rate: ai.cache_hit_rate,
      fallback_rate: ai.fallback_rate,
      timeout_rate: ai.timeout_rate,
      samples: ai.samples,
    },
    storage,
    sync: {
      failures_last_hour: db.syncFailuresLastHour,
      applied_last_hour: db.syncAppliedLastHour,
    },
  };
}
