-- Labels: records of their own synced per field like projects (clock entries: name, colour, order,
-- deletedAt), and the task's `label_ids` that points at them beside the `labels` names older clients
-- write (the later written of the two wins: src/core/label-id.ts). Renaming or recolouring a label is
-- one write to its row; its tasks are not touched.
--
-- A label's version comes from the same per-user sequence as tasks', projects' and sections'
-- (sync_state), so one pull cursor covers all four tables. No foreign keys, as for projects: a label may
-- still be in flight from another device; clients leave out ids of labels they do not have.
create table public.labels (
  owner uuid not null default auth.uid(),
  id uuid not null,
  name text,
  colour text,
  sort_order double precision,
  deleted_at timestamptz,
  clock jsonb not null default '{}'::jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version bigint not null,
  primary key (owner, id)
);
create index labels_owner_version on public.labels (owner, version);

-- However rows leave `labels` (an admin, a restore), older cursors must resync, as for tasks.
create trigger labels_track_pruned
  after delete on public.labels
  referencing old table as gone
  for each statement execute function public.track_pruned_tasks();

alter table public.labels enable row level security;
alter table public.labels force row level security;

create policy labels_select_own on public.labels for select to authenticated
  using (owner = (select auth.uid()));
create policy labels_insert_own on public.labels for insert to authenticated
  with check (owner = (select auth.uid()));
create policy labels_update_own on public.labels for update to authenticated
  using (owner = (select auth.uid())) with check (owner = (select auth.uid()));
create policy labels_delete_own on public.labels for delete to authenticated
  using (owner = (select auth.uid()));

revoke all on public.labels from anon, authenticated;
grant select, insert, update, delete on public.labels to authenticated;
grant all on public.labels to service_role;

alter table public.tasks add column label_ids jsonb;

-- The archive copies rows positionally (`select *` from tasks, then archived_at), so label_ids must sit
-- where it sits in tasks: before archived_at. Re-adding archived_at after it keeps that order.
alter table public.tasks_archive add column label_ids jsonb;
alter table public.tasks_archive rename column archived_at to archived_at_before_labels;
alter table public.tasks_archive add column archived_at timestamptz not null default now();
update public.tasks_archive set archived_at = archived_at_before_labels;
alter table public.tasks_archive drop column archived_at_before_labels;
