-- State that operations keep across server instances (several processes, or Vercel's function instances):
-- per-instance metric buckets that readers sum, alert states claimed by conditional updates, job progress,
-- and cron slot claims with a lease so a slot whose runner died is retried. Only the server's privileged
-- connection reaches them: RLS forced with no policies, nothing granted to anon or authenticated.
create schema if not exists tend_ops;
revoke all on schema tend_ops from public;

-- One row per series, bucket and instance, overwritten with that instance's running totals on each flush
-- (so a retried flush cannot count twice).
create table if not exists tend_ops.metric_buckets (
  series text not null,
  bucket_start timestamptz not null,
  instance text not null,
  counts double precision[] not null,
  updated_at timestamptz not null default now(),
  primary key (series, bucket_start, instance)
);
create index if not exists metric_buckets_age on tend_ops.metric_buckets (bucket_start);

create table if not exists tend_ops.alert_states (
  rule_id text primary key,
  firing boolean not null default false,
  firing_since timestamptz,
  last_notified_at timestamptz,
  value double precision,
  evaluated_at timestamptz
);

create table if not exists tend_ops.jobs (
  id uuid primary key,
  kind text not null,
  status text not null check (status in ('running', 'succeeded', 'failed')),
  instance text not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  progress jsonb,
  events jsonb not null default '[]'::jsonb,
  result jsonb,
  error text,
  updated_at timestamptz not null default now()
);
create index if not exists jobs_started on tend_ops.jobs (started_at desc);

create table if not exists tend_ops.job_runs (
  job text not null,
  scheduled_for timestamptz not null,
  holder text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  ok boolean,
  report jsonb,
  primary key (job, scheduled_for)
);
alter table tend_ops.job_runs add column if not exists attempts integer not null default 1;
alter table tend_ops.job_runs add column if not exists lease_until timestamptz;

alter table tend_ops.metric_buckets enable row level security;
alter table tend_ops.metric_buckets force row level security;
alter table tend_ops.alert_states enable row level security;
alter table tend_ops.alert_states force row level security;
alter table tend_ops.jobs enable row level security;
alter table tend_ops.jobs force row level security;
alter table tend_ops.job_runs enable row level security;
alter table tend_ops.job_runs force row level security;
revoke all on tend_ops.metric_buckets, tend_ops.alert_states, tend_ops.jobs, tend_ops.job_runs
  from public, anon, authenticated;
