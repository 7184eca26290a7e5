-- Rate-limit counters shared by every server instance (state/rate-limits.ts; Redis holds them instead when
-- REDIS_URL is set). One row per limited key: a fixed window's count, or an account's login back-off
-- (failures so far and the time before which the next attempt is refused). Keys are keyed hashes (HMAC): no
-- email or address is stored. Times are epoch milliseconds from the server's injected clock; expired rows are
-- pruned.
-- Only the server's own (privileged) connection reads or writes it: RLS on and forced, no policies, and no
-- grants to the API roles.
create table if not exists tend_auth.rate_limits (
  key text primary key,
  count integer not null,
  blocked_until bigint not null default 0,
  expires_at bigint not null
);
create index if not exists rate_limits_expires_at on tend_auth.rate_limits (expires_at);
alter table tend_auth.rate_limits enable row level security;
alter table tend_auth.rate_limits force row level security;
revoke all on tend_auth.rate_limits from public, anon, authenticated;
