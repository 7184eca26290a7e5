-- Sessions ended before their tokens expire (sign-out, refresh-token reuse, an admin disabling or changing the
-- role of a user, a password change). Every server instance checks an access token's session_id here, so
-- such a token stops working everywhere within seconds instead of at its expiry.
-- Only the server's own (privileged) connection reads or writes it: RLS on and forced, no policies, and no
-- grants to the API roles.
create table if not exists tend_auth.revoked_sessions (
  session_id uuid primary key,
  user_id uuid not null,
  revoked_at timestamptz not null default now()
);
create index if not exists revoked_sessions_revoked_at on tend_auth.revoked_sessions (revoked_at);
alter table tend_auth.revoked_sessions enable row level security;
alter table tend_auth.revoked_sessions force row level security;
revoke all on tend_auth.revoked_sessions from public, anon, authenticated;
