// The benchmark's two load generators, used alike for Tend and the baseline: saturated (autocannon, each
// connection sends again as soon as answered) and paced (open loop, one timer per request, evenly spaced).
import { loadavg } from 'node:os';
import autocannon from 'autocannon';

export interface PushRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LatencyFigures {
  mode: string;
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** 1-minute load average at the start and the end of the run. */
  loadAverage: [number, number];
}

export function loadAverage(): number {
  return Number(loadavg()[0].toFixed(2));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (n: number) => Number(n.toFixed(2));

/** Collects one run's answers: latencies, statuses, errors, and the load average it started under. */
function createTally() {
  const load0 = loadAverage();
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  return {
    answer(status: number, ms: number) {
      if (status !== 200) errors += 1;
      statuses[status] = (statuses[status] ?? 0) + 1;
      times.push(ms);
    },
    fail(ms: number) {
      errors += 1;
      times.push(ms);
    },
    figures(mode: string, perSecond: number, moreErrors = 0): LatencyFigures {
      times.sort((x, y) => x - y);
      return {
        mode,
        requests: times.length,
        errors: errors + moreErrors,
        statuses,
        requestsPerSecond: Math.round(perSecond),
        p50Ms: round(percentile(times, 50)),
        p95Ms: round(percentile(times, 95)),
        p99Ms: round(percentile(times, 99)),
        loadAverage: [load0, loadAverage()],
      };
    },
  };
}

/** Closed loop: `connections` clients, each sending its next push as soon as the last one is answered. */
export async function saturated(
  base: string,
  connections: number,
  seconds: number,
  next: () => PushRequest,
): Promise<LatencyFigures> {
  const tally = createTally();
  const first = next();
  const instance = autocannon({
    url: `${base}${first.path}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => {
          const r = next();
          return { ...req, path: r.path, headers: r.headers, body: r.body };
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) =>
    tally.answer(status, ms),
  );
  const result = await instance;
  return tally.figures(
    `saturated: ${connections} connections`,
    result.requests.average,
    result.errors,
  );
}

/**
 * Open loop at `rate` requests a second, arrivals evenly spaced (a timer per request, not autocannon's
 * burst at the top of each second). Latency counts from the intended send time, so a server that falls
 * behind is charged for the queue it builds.
 */
export async function paced(
  base: string,
  rate: number,
  seconds: number,
  next: () => PushRequest,
): Promise<LatencyFigures> {
  const tally = createTally();
  const total = Math.round(rate * seconds);
  const gap = 1000 / rate;
  const start = performance.now() + 50;
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const at = start + i * gap;
    const r = next();
    sends.push(
      new Promise<void>((resolve) => {
        setTimeout(
          async () => {
            try {
              const res = await fetch(`${base}${r.path}`, {
                method: 'POST',
                headers: r.headers,
                body: r.body,
              });
              await res.arrayBuffer();
              tally.answer(res.status, performance.now() - at);
            } catch {
              tally.fail(performance.now() - at);
            }
            resolve();
          },
          Math.max(0, at - performance.now()),
        );
      }),
    );
  }
  await Promise.all(sends);
  const elapsed = (performance.now() - start) / 1000;
  return tally.figures(`paced: ${rate} req/s evenly spaced, open loop`, total / elapsed);
}
