-- Tend's data: profiles with a staff role, tasks with per-field HLC clocks, the archive, the sync log, and
-- the per-user sync state that serialises pushes so a pull cursor never skips an out-of-order commit.

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text,
  staff_role text check (staff_role in ('admin', 'developer', 'support', 'viewer')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Profiles follow auth.users; the staff role comes from app_metadata.role (never user_metadata).
create function public.sync_profile_from_user() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.profiles (id, email, staff_role)
  values (
    new.id,
    new.email,
    case when new.raw_app_meta_data ->> 'role' in ('admin', 'developer', 'support', 'viewer')
         then new.raw_app_meta_data ->> 'role' end
  )
  on conflict (id) do update
    set email = excluded.email, staff_role = excluded.staff_role, updated_at = now();
  return new;
end;
$$;
revoke execute on function public.sync_profile_from_user() from public, anon, authenticated;

create trigger on_auth_user_saved
  after insert or update of email, raw_app_meta_data on auth.users
  for each row execute function public.sync_profile_from_user();

-- One row per (owner, task). Field columns are null while a field has no clock entry (a partial record
-- waiting for an out-of-order delivery); `clock` maps field name -> HLC of its last write.
create table public.tasks (
  owner uuid not null default auth.uid(),
  id uuid not null,
  title text,
  notes text,
  due text,
  priority smallint check (priority between 1 and 4),
  project text,
  labels jsonb,
  recurrence text,
  completed_at timestamptz,
  deleted_at timestamptz,
  sort_order double precision,
  clock jsonb not null default '{}'::jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- Per-owner change sequence, assigned under the owner's sync_state row lock: pull cursors compare it.
  version bigint not null,
  primary key (owner, id)
);
create index tasks_owner_version on public.tasks (owner, version);
create index tasks_deleted_at on public.tasks (deleted_at) where deleted_at is not null;

create table public.tasks_archive (
  like public.tasks including defaults including constraints,
  archived_at timestamptz not null default now(),
  primary key (owner, id)
);

create table public.sync_state (
  owner uuid primary key default auth.uid(),
  seq bigint not null default 0,
  -- Highest version that left `tasks` (archived or deleted): older pull cursors get 410 cursor_expired.
  pruned_seq bigint not null default 0
);

create table public.sync_log (
  owner uuid not null default auth.uid(),
  mutation_id text not null,
  task_id text,
  hlc text,
  client_id text,
  status text not null check (status in ('applied', 'rejected')),
  code text,
  message text,
  synced_at timestamptz not null default now(),
  primary key (owner, mutation_id)
);
create index sync_log_synced_at on public.sync_log (synced_at);

-- However rows leave `tasks` (the archive job, the operations specification's DELETE, an admin), clients whose cursor is older
-- than them can no longer learn of it and must resync in full.
create function public.track_pruned_tasks() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.sync_state as s (owner, seq, pruned_seq)
  select owner, max(version), max(version) from gone group by owner
  on conflict (owner) do update set pruned_seq = greatest(s.pruned_seq, excluded.pruned_seq);
  return null;
end;
$$;
revoke execute on function public.track_pruned_tasks() from public, anon, authenticated;

create trigger tasks_track_pruned
  after delete on public.tasks
  referencing old table as gone
  for each statement execute function public.track_pruned_tasks();

-- Maintenance (run by the privileged connection, e.g. the daily cron).
create function public.archive_deleted_tasks(older_than interval default interval '90 days')
returns integer language plpgsql set search_path = '' as $$
declare moved integer;
begin
  with gone as (
    delete from public.tasks where deleted_at < now() - older_than returning *
  )
  insert into public.tasks_archive select g.*, now() from gone g
  on conflict (owner, id) do nothing;
  get diagnostics moved = row_count;
  return moved;
end;
$$;

create function public.prune_sync_log(older_than interval default interval '30 days')
returns integer language plpgsql set search_path = '' as $$
declare removed integer;
begin
  delete from public.sync_log where synced_at < now() - older_than;
  get diagnostics removed = row_count;
  return removed;
end;
$$;
revoke execute on function public.archive_deleted_tasks(interval), public.prune_sync_log(interval)
  from public, anon, authenticated;

create materialized view public.task_statistics as
select
  owner,
  count(*) filter (where deleted_at is null) as total,
  count(*) filter (where deleted_at is null and completed_at is not null) as completed,
  count(*) filter (where deleted_at is not null) as deleted,
  count(*) filter (
    where deleted_at is null and completed_at is null and due is not null
      and left(due, 10) < to_char(now() at time zone 'utc', 'YYYY-MM-DD')
  ) as overdue,
  max(updated_at) as last_activity_at,
  now() as refreshed_at
from public.tasks
group by owner;
create unique index task_statistics_owner on public.task_statistics (owner);

-- A materialized view has no RLS: users read their own row through this view only.
create view public.my_task_statistics with (security_barrier) as
  select * from public.task_statistics where owner = (select auth.uid());

-- Row-level security everywhere; FORCE so even the table owner goes through the policies.
alter table public.profiles enable row level security;
alter table public.profiles force row level security;
alter table public.tasks enable row level security;
alter table public.tasks force row level security;
alter table public.tasks_archive enable row level security;
alter table public.tasks_archive force row level security;
alter table public.sync_state enable row level security;
alter table public.sync_state force row level security;
alter table public.sync_log enable row level security;
alter table public.sync_log force row level security;

create policy profiles_select_own on public.profiles for select to authenticated
  using (id = (select auth.uid()));

create policy tasks_select_own on public.tasks for select to authenticated
  using (owner = (select auth.uid()));
create policy tasks_insert_own on public.tasks for insert to authenticated
  with check (owner = (select auth.uid()));
create policy tasks_update_own on public.tasks for update to authenticated
  using (owner = (select auth.uid())) with check (owner = (select auth.uid()));
create policy tasks_delete_own on public.tasks for delete to authenticated
  using (owner = (select auth.uid()));

create policy tasks_archive_select_own on public.tasks_archive for select to authenticated
  using (owner = (select auth.uid()));

create policy sync_state_select_own on public.sync_state for select to authenticated
  using (owner = (select auth.uid()));
create policy sync_state_insert_own on public.sync_state for insert to authenticated
  with check (owner = (select auth.uid()));
create policy sync_state_update_own on public.sync_state for update to authenticated
  using (owner = (select auth.uid())) with check (owner = (select auth.uid()));

create policy sync_log_select_own on public.sync_log for select to authenticated
  using (owner = (select auth.uid()));
create policy sync_log_insert_own on public.sync_log for insert to authenticated
  with check (owner = (select auth.uid()));

revoke all on public.profiles, public.tasks, public.tasks_archive, public.sync_state, public.sync_log,
  public.task_statistics, public.my_task_statistics from anon, authenticated;
grant usage on schema public to anon, authenticated, service_role;
grant select on public.profiles to authenticated;
grant select, insert, update, delete on public.tasks to authenticated;
grant select on public.tasks_archive to authenticated;
grant select, insert, update on public.sync_state to authenticated;
grant select, insert on public.sync_log to authenticated;
grant select on public.my_task_statistics to authenticated;
grant all on public.profiles, public.tasks, public.tasks_archive, public.sync_state, public.sync_log,
  public.task_statistics, public.my_task_statistics to service_role;
