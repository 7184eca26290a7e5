// The Users section of GET /admin: staff who may read users see them listed; an admin can create a
// one-time password reset link for one (POST /api/admin/users/:id/recovery-link), for servers that cannot
// mail it. A separate script file, so the strict CSP (no inline script) holds.
import type { Hono } from 'hono';
import type { AppEnv } from '../../context';

/** Markup placed in the /admin page; users.js fills it. */
export const USERS_SECTION = `<section aria-labelledby="users-title">
<h2 id="users-title">Users</h2>
<p id="users-status" role="status"></p>
<table id="users" hidden>
<thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Password reset</th></tr></thead>
<tbody></tbody>
</table>
<div id="reset-link" hidden>
<label for="reset-link-url" id="reset-link-label">Reset link</label>
<input id="reset-link-url" type="text" readonly size="60">
<p id="reset-link-hint">Give it to the user yourself: it works once, within an hour.</p>
</div>
</section>`;

const SCRIPT = `// The session supabase-js keeps: localStorage, or the Tend page's IndexedDB (database tend, store meta).
async function accessToken() {
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key && key.endsWith('-auth-token')) {
      try { return JSON.parse(localStorage.getItem(key)).access_token; } catch { return null; }
    }
  }
  // Open only an existing database: opening a missing one would create it empty under Dexie's feet.
  const existing = await indexedDB.databases().catch(() => []);
  if (!existing.some((d) => d.name === 'tend')) return null;
  return new Promise((resolve) => {
    const open = indexedDB.open('tend');
    open.onerror = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('meta')) { db.close(); resolve(null); return; }
      const get = db.transaction('meta').objectStore('meta').get('auth:tend-auth');
      get.onsuccess = () => {
        db.close();
        try { resolve(JSON.parse(get.result.value).access_token); } catch { resolve(null); }
      };
      get.onerror = () => { db.close(); resolve(null); };
    };
  });
}
async function createResetLink(user) {
  const status = document.getElementById('users-status');
  const res = await fetch('/api/admin/users/' + encodeURIComponent(user.id) + '/recovery-link', {
    method: 'POST', headers: { authorization: 'Bearer ' + (await accessToken()) },
  });
  if (!res.ok) {
    status.textContent = res.status === 403 ? 'Creating reset links needs the admin role.'
      : 'No reset link (HTTP ' + res.status + ').';
    return;
  }
  const body = await res.json();
  document.getElementById('reset-link-label').textContent = 'Reset link for ' + body.email;
  const input = document.getElementById('reset-link-url');
  input.value = body.link;
  document.getElementById('reset-link').hidden = false;
  status.textContent = 'Reset link created for ' + body.email + '.';
  input.focus();
  input.select();
}
async function loadUsers() {
  const status = document.getElementById('users-status');
  const access = await accessToken();
  if (!access) { status.textContent = 'Sign in to Tend with a staff account to manage users.'; return; }
  const res = await fetch('/api/admin/users?limit=100', { headers: { authorization: 'Bearer ' + access } });
  if (!res.ok) {
    status.textContent = res.status === 403 ? 'Listing users needs the admin or support role.'
      : 'Users unavailable (HTTP ' + res.status + ').';
    return;
  }
  const { users } = await res.json();
  const body = document.querySelector('#users tbody');
  body.replaceChildren();
  for (const user of users) {
    const row = document.createElement('tr');
    for (const text of [user.email, user.role || 'none']) {
      const cell = document.createElement('td'); cell.textContent = text; row.append(cell);
    }
    const action = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Create reset link';
    button.setAttribute('aria-label', 'Create reset link for ' + user.email);
    button.addEventListener('click', () => { void createResetLink(user); });
    action.append(button);
    row.append(action);
    body.append(row);
  }
  document.getElementById('users').hidden = false;
  status.textContent = users.length + ' users.';
}
loadUsers();
`;

export function installAdminUsersPage(app: Hono<AppEnv>) {
  app.get('/admin/users.js', (c) =>
    c.body(SCRIPT, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    }),
  );
}
