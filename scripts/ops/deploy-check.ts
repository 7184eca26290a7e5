// Zero-downtime deploy guard: watches a deployment's /health/detailed and /metrics and decides whether to roll
// back on the operations specification's criteria (error rate > 2%, response time > 3 s, memory > 300 MB, failed health checks).
//   npx tsx scripts/ops/deploy-check.ts https://app.example.com [--duration 600] [--interval 30]
// Reads CRON_SECRET from the environment to scrape /metrics. Exit 0 = keep, 1 = roll back.
import { pathToFileURL } from 'node:url';

const ROLLBACK_CRITERIA = {
  maxErrorRate: 0.02,
  maxP95Ms: 3000,
  maxMemoryMb: 300,
  /** Consecutive failed health checks before the deployment counts as unhealthy (one blip is not an outage). */
  maxFailedHealthChecks: 3,
} as const;

export interface Observation {
  healthOk: boolean;
  errorRate: number | null;
  p95Ms: number | null;
  memoryMb: number | null;
}

interface Decision {
  rollback: boolean;
  reasons: string[];
}

/** Pure: the decision from the observations so far, oldest first. */
export function decideRollback(
  observations: readonly Observation[],
  criteria = ROLLBACK_CRITERIA,
): Decision {
  const reasons: string[] = [];
  let failedInARow = 0;
  let worstFailedRun = 0;
  for (const o of observations) {
    failedInARow = o.healthOk ? 0 : failedInARow + 1;
    worstFailedRun = Math.max(worstFailedRun, failedInARow);
  }
  if (worstFailedRun >= criteria.maxFailedHealthChecks)
    reasons.push(`${worstFailedRun} failed health checks in a row`);
  const latest = observations.at(-1);
  if (latest?.errorRate != null && latest.errorRate > criteria.maxErrorRate) {
    reasons.push(
      `error rate ${(latest.errorRate * 100).toFixed(2)}% > ${criteria.maxErrorRate * 100}%`,
    );
  }
  if (latest?.p95Ms != null && latest.p95Ms > criteria.maxP95Ms)
    reasons.push(`p95 ${latest.p95Ms} ms > ${criteria.maxP95Ms} ms`);
  if (latest?.memoryMb != null && latest.memoryMb > criteria.maxMemoryMb) {
    reasons.push(`memory ${latest.memoryMb} MB > ${criteria.maxMemoryMb} MB`);
  }
  return { rollback: reasons.length > 0, reasons };
}

/** Reads one gauge from Prometheus text (optionally with a label), or null. */
export function readGauge(text: string, name: string, label?: string): number | null {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const [metric, value] = line.trim().split(/\s+/);
    if (!metric || value === undefined) continue;
    // Each instance labels its own series (`name{instance="…"}`): match the name, then the label asked for.
    const brace = metric.indexOf('{');
    const metricName = brace < 0 ? metric : metric.slice(0, brace);
    if (metricName !== name) continue;
    if (
      label &&
      !metric
        .slice(brace + 1, -1)
        .split(',')
        .includes(label)
    )
      continue;
    return Number(value);
  }
  return null;
}

export async function observe(
  baseUrl: string,
  cronSecret: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<Observation> {
  const base = baseUrl.replace(/\/+$/, '');
  let healthOk: boolean;
  let memoryMb: number | null = null;
  try {
    // The cron secret shows the details (memory among them); without it only the statuses.
    const res = await fetchImpl(`${base}/health/detailed`, {
      headers: cronSecret ? { authorization: `Bearer ${cronSecret}` } : {},
      signal: AbortSignal.timeout(10_000),
    });
    healthOk = res.status === 200;
    const body = (await res.json()) as { memory?: { rssMb?: number } };
    memoryMb = body.memory?.rssMb ?? null;
  } catch {
    healthOk = false;
  }
  let errorRate: number | null = null;
  let p95Ms: number | null = null;
  if (cronSecret) {
    try {
      const res = await fetchImpl(`${base}/metrics`, {
        headers: { authorization: `Bearer ${cronSecret}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) {
        const text = await res.text();
        errorRate = readGauge(text, 'tend_http_error_rate');
        p95Ms = readGauge(text, 'tend_http_response_time_ms', 'quantile="0.95"');
        const rss = readGauge(text, 'tend_memory_rss_bytes');
        if (rss !== null) memoryMb = Math.round(rss / 1024 / 1024);
      }
    } catch {
      // Metrics are advisory; health decides availability.
    }
  }
  return { healthOk, errorRate, p95Ms, memoryMb };
}

async function main(argv: string[]) {
  const base = argv.find((a) => /^https?:\/\//.test(a));
  if (!base) throw new Error('usage: deploy-check.ts <base-url> [--duration s] [--interval s]');
  const option = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const durationMs = option('duration', 0) * 1000;
  const intervalMs = option('interval', 30) * 1000;
  const observations: Observation[] = [];
  const until = Date.now() + durationMs;
  for (;;) {
    const o = await observe(base, process.env.CRON_SECRET);
    observations.push(o);
    const decision = decideRollback(observations);
    console.log(JSON.stringify({ at: new Date().toISOString(), ...o, ...decision }));
    if (decision.rollback) process.exit(1);
    if (Date.now() + intervalMs > until) break;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
