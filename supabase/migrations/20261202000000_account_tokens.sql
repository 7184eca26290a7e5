-- Email ownership and one-time account links of the built-in auth endpoints (unused under Supabase Auth,
-- which keeps its own). `email_confirmed_at` is set only when the address was proven by a mailed link, so a
-- role granted by address (ADMIN_EMAILS) never follows an address someone merely typed at sign-up.
do $do$
begin
  if not exists (
    select 1 from information_schema.columns
     where table_schema = 'auth' and table_name = 'users' and column_name = 'email_confirmed_at'
  ) then
    alter table auth.users add column email_confirmed_at timestamptz;
  end if;
end
$do$;

-- Links mailed for sign-up confirmation, password recovery and email change, or issued by an admin. Only a
-- SHA-256 of the token is stored; a token works once and before `expires_at`. `email` is the address the
-- link proves (the new one for an email change).
create table if not exists tend_auth.one_time_tokens (
  token_hash text primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  type text not null check (type in ('signup', 'recovery', 'email_change')),
  email text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index if not exists one_time_tokens_user on tend_auth.one_time_tokens (user_id, type);
