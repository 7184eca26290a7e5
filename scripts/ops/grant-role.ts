// Grants (or removes) a staff role, run by the operator on the server against the configured database
// (DATABASE_URL, or PGlite in DATA_DIR: stop the server first, PGlite allows one process at a time):
//   npm run ops:grant-role -- --email ops@example.com --role admin
//   npm run ops:grant-role -- --email ops@example.com --role none     removes the role
// The only way to the first admin: sign-up never grants a role. Exit 0 done, 1 no such user, 2 bad usage.
import { parseArgs } from 'node:util';
import { setStaffRole } from '../../sync-server/auth/roles';
import { STAFF_ROLES } from '../../sync-server/auth/user';
import type { StaffRole } from '../../sync-server/auth/user';
import { findUserByEmail } from '../../sync-server/auth/users';
import { loadConfig } from '../../sync-server/config';
import { migrate } from '../../sync-server/db/migrate';
import { openDb } from '../../sync-server/db/open';

const USAGE = `usage: npm run ops:grant-role -- --email <address> --role <${STAFF_ROLES.join('|')}|none>`;

function usage(problem: string): never {
  console.error(`grant-role: ${problem}\n${USAGE}`);
  process.exit(2);
}

let values: { email?: string; role?: string };
try {
  ({ values } = parseArgs({
    options: { email: { type: 'string' }, role: { type: 'string' } },
    strict: true,
  }));
} catch (error) {
  usage((error as Error).message);
}
const email = values.email?.trim().toLowerCase();
if (!email) usage('--email is required');
const roleName = values.role;
if (roleName !== 'none' && !(STAFF_ROLES as readonly (string | undefined)[]).includes(roleName)) {
  usage(`--role must be one of ${STAFF_ROLES.join(', ')} or none`);
}
const role = roleName === 'none' ? null : (roleName as StaffRole);

const config = loadConfig();
const db = await openDb(config);
try {
  await migrate(db);
  const user = await findUserByEmail(db, email);
  if (!user || !(await setStaffRole(db, user.id, role))) {
    console.error(
      `grant-role: no user with the email ${email}; sign up first, then run this again`,
    );
    process.exitCode = 1;
  } else {
    // Takes effect at the user's next token refresh (at most JWT_EXPIRY seconds).
    console.log(`${email}: ${role ? `role ${role}` : 'no staff role'}`);
  }
} finally {
  await db.close();
}
