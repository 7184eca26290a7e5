-- Supabase provides the roles, the auth schema, auth.uid()/auth.jwt() and auth.users. Outside Supabase
-- (PGlite, plain PostgreSQL) this migration creates each of them only where it is missing.

do $$ begin create role anon nologin noinherit; exception when duplicate_object then null; end $$;
do $$ begin create role authenticated nologin noinherit; exception when duplicate_object then null; end $$;
do $$ begin create role service_role nologin noinherit bypassrls; exception when duplicate_object then null; end $$;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

do $do$
begin
  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid language sql stable as $f$
      select nullif(coalesce(current_setting('request.jwt.claim.sub', true),
                             (current_setting('request.jwt.claims', true)::jsonb ->> 'sub')), '')::uuid
    $f$;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text language sql stable as $f$
      select nullif(coalesce(current_setting('request.jwt.claim.role', true),
                             (current_setting('request.jwt.claims', true)::jsonb ->> 'role')), '')::text
    $f$;
  end if;
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb language sql stable as $f$
      select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                      nullif(current_setting('request.jwt.claims', true), ''))::jsonb
    $f$;
  end if;
  -- Local GoTrue-compatible mode keeps its users where Supabase does, with the columns Tend reads.
  if to_regclass('auth.users') is null then
    create table auth.users (
      id uuid primary key,
      aud varchar(255) not null default 'authenticated',
      role varchar(255) not null default 'authenticated',
      email varchar(255),
      encrypted_password varchar(255),
      raw_app_meta_data jsonb not null default '{}'::jsonb,
      raw_user_meta_data jsonb not null default '{}'::jsonb,
      last_sign_in_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_email_key on auth.users (lower(email));
    revoke all on auth.users from anon, authenticated;
  end if;
end
$do$;

grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

-- Refresh-token families of the built-in auth endpoints (unused when Supabase Auth issues tokens).
create schema if not exists tend_auth;
revoke all on schema tend_auth from public;

create table if not exists tend_auth.refresh_tokens (
  token_hash text primary key,
  user_id uuid not null,
  session_id uuid not null,
  revoked boolean not null default false,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index if not exists refresh_tokens_session on tend_auth.refresh_tokens (session_id);
create index if not exists refresh_tokens_user on tend_auth.refresh_tokens (user_id);
