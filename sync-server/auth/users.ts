// Users of the built-in auth, stored where Supabase keeps them (auth.users), in GoTrue's JSON shape.
import type { Queryable } from '../db/types';

export interface UserRow {
  id: string;
  email: string;
  encrypted_password: string | null;
  raw_app_meta_data: Record<string, unknown>;
  raw_user_meta_data: Record<string, unknown>;
  created_at: Date | string;
  updated_at: Date | string;
  last_sign_in_at: Date | string | null;
  /** When a mailed link proved the address; null for an auto-confirmed sign-up. */
  email_confirmed_at: Date | string | null;
}

const COLUMNS =
  'id, email, encrypted_password, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, last_sign_in_at, email_confirmed_at';

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** The user object GoTrue returns (what supabase-js exposes as `session.user`). */
export function toGoTrueUser(row: UserRow) {
  return {
    id: row.id,
    aud: 'authenticated',
    role: 'authenticated',
    email: row.email,
    email_confirmed_at: iso(row.email_confirmed_at),
    phone: '',
    confirmed_at: iso(row.email_confirmed_at),
    last_sign_in_at: iso(row.last_sign_in_at),
    app_metadata: row.raw_app_meta_data,
    user_metadata: row.raw_user_meta_data,
    identities: [],
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    is_anonymous: false,
  };
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow & Record<string, unknown>>(
    `select ${COLUMNS} from auth.users where lower(email) = lower($1)`,
    [email],
  );
  return rows[0];
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow & Record<string, unknown>>(
    `select ${COLUMNS} from auth.users where id = $1`,
    [id],
  );
  return rows[0];
}

export async function insertUser(
  db: Queryable,
  user: { id: string; email: string; passwordHash: string; appMeta: object; userMeta: object },
): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow & Record<string, unknown>>(
    `insert into auth.users (id, email, encrypted_password, raw_app_meta_data, raw_user_meta_data, last_sign_in_at)
     values ($1, $2, $3, $4::text::jsonb, $5::text::jsonb, now())
     on conflict do nothing
     returning ${COLUMNS}`,
    [
      user.id,
      user.email,
      user.passwordHash,
      JSON.stringify(user.appMeta),
      JSON.stringify(user.userMeta),
    ],
  );
  return rows[0];
}

/** Records a sign-in; `passwordHash` replaces a hash made with weaker parameters than today's. */
export async function touchSignIn(db: Queryable, id: string, passwordHash?: string): Promise<void> {
  await db.query(
    `update auth.users set last_sign_in_at = now(),
            encrypted_password = coalesce($2, encrypted_password) where id = $1`,
    [id, passwordHash ?? null],
  );
}
