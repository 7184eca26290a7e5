// GET /admin: a small ops dashboard (no framework, no inline script, so the strict CSP holds). It reads the
// signed-in Tend session from IndexedDB, where Tend keeps it, polls /api/metrics and draws p95 as an SVG
// sparkline.
import type { Hono } from 'hono';
import type { AppEnv } from '../../context';
import { installAdminUsersPage, USERS_SECTION } from '../admin/users-page';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tend operations</title>
<link rel="stylesheet" href="/admin/dashboard.css">
</head>
<body>
<main>
<h1>Tend operations</h1>
<p id="status" role="status">Loading metrics…</p>
<section aria-labelledby="p95-title">
<h2 id="p95-title">Response time p95 (ms)</h2>
<svg id="spark" width="480" height="80" viewBox="0 0 480 80" role="img" aria-label="p95 response time over the last readings"><polyline id="line" fill="none" stroke="#0b5cad" stroke-width="2" points=""/></svg>
</section>
<section aria-labelledby="numbers-title">
<h2 id="numbers-title">Now</h2>
<dl id="numbers"></dl>
</section>
${USERS_SECTION}
</main>
<script type="module" src="/admin/dashboard.js"></script>
<script type="module" src="/admin/users.js"></script>
</body>
</html>`;

const CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:44rem;margin:2rem auto;padding:0 1rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}dd{margin:0}table{border-collapse:collapse}th,td{text-align:left;padding:.25rem .75rem .25rem 0}svg{border:1px solid #767676;max-width:100%;height:auto}`;

const SCRIPT = `const history = [];
// Tend keeps its session in IndexedDB (database "tend", table "meta", key "auth:tend-auth"; see
// src/sync/auth-storage.ts), where the page and the service worker read it. Never creates the database.
function token() {
  return new Promise((resolve) => {
    const open = indexedDB.open('tend');
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('meta')) { db.close(); resolve(null); return; }
      const get = db.transaction('meta', 'readonly').objectStore('meta').get('auth:tend-auth');
      get.onerror = () => { db.close(); resolve(null); };
      get.onsuccess = () => {
        db.close();
        try { resolve(JSON.parse(get.result.value).access_token || null); } catch { resolve(null); }
      };
    };
  });
}
function row(list, name, value) {
  const dt = document.createElement('dt'); dt.textContent = name;
  const dd = document.createElement('dd'); dd.textContent = value;
  list.append(dt, dd);
}
async function refresh() {
  const status = document.getElementById('status');
  const access = await token();
  if (!access) { status.textContent = 'Sign in to Tend with a staff account first.'; return; }
  const res = await fetch('/api/metrics', { headers: { authorization: 'Bearer ' + access } });
  if (!res.ok) { status.textContent = 'Metrics unavailable (HTTP ' + res.status + ').'; return; }
  const m = await res.json();
  status.textContent = 'Updated ' + new Date(m.generatedAt).toLocaleTimeString();
  history.push(m.performance.p95_response_time);
  if (history.length > 60) history.shift();
  const max = Math.max(1, ...history);
  document.getElementById('line').setAttribute('points',
    history.map((v, i) => (i * 480 / 59).toFixed(1) + ',' + (78 - v / max * 74).toFixed(1)).join(' '));
  const list = document.getElementById('numbers');
  list.replaceChildren();
  row(list, 'p50 / p95 / p99', m.performance.p50_response_time + ' / ' + m.performance.p95_response_time + ' / ' + m.performance.p99_response_time + ' ms');
  row(list, 'Error rate', (m.performance.error_rate * 100).toFixed(2) + ' %');
  row(list, 'Active users (day / week / month)', m.activeUsers.daily + ' / ' + m.activeUsers.weekly + ' / ' + m.activeUsers.monthly);
  row(list, 'Tasks created / completed (24 h)', m.usage.tasks_created + ' / ' + m.usage.tasks_completed);
  row(list, 'Memory', m.health.memory_usage + ' MB');
  row(list, 'Sync failures (1 h)', String(m.sync.failures_last_hour));
}
refresh();
setInterval(refresh, 10000);
`;

export function installDashboardRoute(app: Hono<AppEnv>) {
  installAdminUsersPage(app);
  app.get('/admin', (c) => c.html(PAGE, 200, { 'Cache-Control': 'no-store' }));
  app.get('/admin/dashboard.js', (c) =>
    c.body(SCRIPT, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    }),
  );
  app.get('/admin/dashboard.css', (c) =>
    c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
}
