import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot, type MetricsSnapshot } from '../metrics/snapshot';
import { routeChannels } from './channels';
import { evaluateAlerts } from './evaluate';
import { createAlertStates } from '../../state/alert-states';
import { openStateStores, type StateStores } from '../../test/state-backends';
import { createAlertManager } from './manager';
import { ALERT_RULES } from './rules';

function snapshot(
  over: {
    errorRate?: number;
    p95?: number;
    requests?: number;
    created?: number;
    completed?: number;
    storage?: number | null;
    failures?: number;
    timeouts?: number | null;
  } = {},
): MetricsSnapshot {
  return buildSnapshot({
    now: Date.parse('2026-11-26T10:00:00Z'),
    requests: {
      count: over.requests ?? 100,
      p50_response_time: 10,
      p95_response_time: over.p95 ?? 100,
      p99_response_time: 200,
      error_rate: over.errorRate ?? 0,
      outage_count: 0,
      window_ms: 300_000,
    },
    db: {
      activeUsers: { daily: 1, weekly: 1, monthly: 1 },
      tasksCreated24h: over.created ?? 20,
      tasksCompleted24h: over.completed ?? 15,
      databaseConnections: 1,
      syncFailuresLastHour: over.failures ?? 0,
      syncAppliedLastHour: 50,
    },
    ai: {
      samples: 10,
      inference_time: 50,
      parse_accuracy: 0.9,
      cache_hit_rate: 0.5,
      fallback_rate: 0.1,
      timeout_rate: over.timeouts === undefined ? 0 : over.timeouts,
    },
    cpuUsage: 0.1,
    uptimeSeconds: 10,
    memory: { rss: 100 * 1024 * 1024, heapUsed: 50 * 1024 * 1024 },
    storage: {
      used_ratio: over.storage === undefined ? 0.5 : over.storage,
      source: 'disk',
      path: '/data',
      database_bytes: null,
    },
  });
}

const firing = (s: MetricsSnapshot) =>
  evaluateAlerts(ALERT_RULES, s)
    .filter((a) => a.firing)
    .map((a) => a.id);

describe('alert rules (the table of the operations specification)', () => {
  it('has the six rules with their severities and actions', () => {
    expect(ALERT_RULES.map((r) => [r.name, r.condition, r.severity, r.action])).toEqual([
      ['High Error Rate', '>1% errors', 'critical', 'page_on_call'],
      ['Slow Response', 'p95 >2s', 'high', 'slack'],
      ['Low Completion Rate', '<50% daily', 'medium', 'email_daily'],
      ['Storage Warning', '>80% used', 'medium', 'email_team'],
      ['Sync Failures', '>10/hour', 'high', 'investigate_logs'],
      ['AI Timeout', '>5% timeout', 'low', 'monitor'],
    ]);
  });

  it('stays quiet on a healthy snapshot and fires each rule just past its threshold', () => {
    expect(firing(snapshot())).toEqual([]);
    expect(firing(snapshot({ errorRate: 0.01 }))).toEqual([]);
    expect(firing(snapshot({ errorRate: 0.011 }))).toEqual(['high_error_rate']);
    expect(firing(snapshot({ p95: 2000 }))).toEqual([]);
    expect(firing(snapshot({ p95: 2001 }))).toEqual(['slow_response']);
    expect(firing(snapshot({ completed: 9 }))).toEqual(['low_completion_rate']);
    expect(firing(snapshot({ storage: 0.81 }))).toEqual(['storage_warning']);
    expect(firing(snapshot({ failures: 10 }))).toEqual([]);
    expect(firing(snapshot({ failures: 11 }))).toEqual(['sync_failures']);
    expect(firing(snapshot({ timeouts: 0.06 }))).toEqual(['ai_timeout']);
  });

  it('never fires on missing data or too little traffic', () => {
    expect(firing(snapshot({ errorRate: 0.5, requests: 3 }))).toEqual([]);
    expect(firing(snapshot({ created: 2, completed: 0 }))).toEqual([]);
    expect(firing(snapshot({ storage: null, timeouts: null }))).toEqual([]);
  });
});

describe('alert delivery', () => {
  const received: { path: string; body: Record<string, unknown> }[] = [];
  let base = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(req.url === '/broken' ? 500 : 200).end('ok');
    });
  });
  let stores: StateStores;
  beforeAll(async () => {
    stores = await openStateStores('postgres', 'alert_manager');
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await stores.close();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('posts to the configured webhooks, once per cooldown, and once more when resolved', async () => {
    received.length = 0;
    const logged: string[] = [];
    const log = {
      warn: (_: object, msg: string) => logged.push(msg),
      error: (_: object, msg: string) => logged.push(`ERROR ${msg}`),
    };
    let now = Date.parse('2026-11-26T10:00:00Z');
    const manager = createAlertManager({
      rules: ALERT_RULES,
      routing: routeChannels(
        { ALERT_WEBHOOK_URL: `${base}/pager`, SLACK_WEBHOOK_URL: `${base}/slack` },
        log,
      ),
      log,
      states: createAlertStates(stores.instance('a')),
      now: () => now,
      environment: 'production',
    });
    const bad = snapshot({ errorRate: 0.2, p95: 5000 });
    const sent = await manager.process(evaluateAlerts(ALERT_RULES, bad));
    expect(sent.map((n) => [n.ruleId, n.status])).toEqual([
      ['high_error_rate', 'firing'],
      ['slow_response', 'firing'],
    ]);
    expect(received.map((r) => r.path).sort()).toEqual(['/pager', '/slack']);
    expect(received.find((r) => r.path === '/slack')?.body.text).toContain(
      '[HIGH] Slow Response firing',
    );
    expect(received.find((r) => r.path === '/pager')?.body).toMatchObject({
      ruleId: 'high_error_rate',
      severity: 'critical',
    });

    now += 5 * 60_000; // inside both cooldowns: nothing new
    expect(await manager.process(evaluateAlerts(ALERT_RULES, bad))).toEqual([]);
    now += 11 * 60_000; // past the critical rule's 15 min cooldown only
    expect((await manager.process(evaluateAlerts(ALERT_RULES, bad))).map((n) => n.ruleId)).toEqual([
      'high_error_rate',
    ]);

    now += 60_000;
    const resolved = await manager.process(evaluateAlerts(ALERT_RULES, snapshot()));
    expect(resolved.map((n) => [n.ruleId, n.status])).toEqual([
      ['high_error_rate', 'resolved'],
      ['slow_response', 'resolved'],
    ]);
    expect((await manager.state()).find((s) => s.id === 'high_error_rate')?.firing).toBe(false);
  });

  it('logs a failing channel without blocking the others; email falls back to the log', async () => {
    received.length = 0;
    const logged: string[] = [];
    const log = {
      warn: (_: object, msg: string) => logged.push(msg),
      error: (_: object, msg: string) => logged.push(`ERROR ${msg}`),
    };
    const manager = createAlertManager({
      rules: ALERT_RULES,
      routing: routeChannels({ ALERT_WEBHOOK_URL: `${base}/broken` }, log),
      log,
      states: createAlertStates(stores.instance('b')),
    });
    await manager.process(evaluateAlerts(ALERT_RULES, snapshot({ errorRate: 0.5, storage: 0.9 })));
    expect(logged).toContain('ERROR alert delivery failed');
    expect(logged.some((m) => m.startsWith('[MEDIUM] Storage Warning firing'))).toBe(true);
  });
});
