// Ships log lines to Datadog's HTTP intake when DATADOG_API_KEY is set: batched, with a bounded buffer so a
// Datadog outage costs log lines, never memory or request latency.
import { hostname } from 'node:os';
import { Writable } from 'node:stream';

interface DatadogOptions {
  apiKey: string;
  /** Defaults to the intake of DD_SITE (datadoghq.com). Tests point it at a local server. */
  url?: string;
  site?: string;
  service?: string;
  environment?: string;
  flushIntervalMs?: number;
  maxBatch?: number;
  maxBuffered?: number;
  fetchImpl?: typeof fetch;
  onError?: (error: unknown) => void;
}

const STATUS: Record<number, string> = {
  5: 'debug',
  10: 'debug',
  20: 'debug',
  23: 'debug',
  27: 'info',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'critical',
};

export interface DatadogStream extends Writable {
  flush(): Promise<void>;
}

export function createDatadogStream({
  apiKey,
  site = 'datadoghq.com',
  url = `https://http-intake.logs.${site}/api/v2/logs`,
  service = 'tend-sync',
  environment = 'production',
  flushIntervalMs = 5000,
  maxBatch = 500,
  maxBuffered = 5000,
  fetchImpl = fetch,
  onError = () => {},
}: DatadogOptions): DatadogStream {
  const buffer: object[] = [];
  const host = hostname();
  let inflight: Promise<void> = Promise.resolve();

  async function send(batch: object[]) {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'DD-API-KEY': apiKey },
      body: JSON.stringify(batch),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`Datadog intake answered HTTP ${response.status}`);
  }

  function flush(): Promise<void> {
    while (buffer.length > 0) {
      const batch = buffer.splice(0, maxBatch);
      inflight = inflight.then(() => send(batch)).catch(onError);
    }
    return inflight;
  }

  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref();

  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      try {
        const entry = JSON.parse(chunk.toString()) as { level?: number; msg?: string };
        buffer.push({
          ...entry,
          message: entry.msg ?? '',
          status: STATUS[entry.level ?? 30] ?? 'info',
          ddsource: 'nodejs',
          service,
          hostname: host,
          ddtags: `env:${environment}`,
        });
        if (buffer.length > maxBuffered) buffer.splice(0, buffer.length - maxBuffered);
        if (buffer.length >= maxBatch) void flush();
      } catch (error) {
        onError(error);
      }
      done();
    },
    final(done) {
      clearInterval(timer);
      flush().then(() => done(), done);
    },
  }) as DatadogStream;
  stream.flush = flush;
  return stream;
}
