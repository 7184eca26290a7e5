-- Sections: named, ordered parts of a project, records of their own synced per field like projects
-- (clock entries: projectId, name, order, deletedAt), and the task's `sectionId` that points at one.
-- Renaming or reordering a section is one write to its row; its tasks are not touched.
--
-- A section's version comes from the same per-user sequence as tasks' and projects' (sync_state), so one
-- pull cursor covers all three tables. No foreign keys, as for projects: a section or its project may
-- still be in flight from another device; clients show a task whose section is gone under no section.
create table public.sections (
  owner uuid not null default auth.uid(),
  id uuid not null,
  project_id uuid,
  name text,
  sort_order double precision,
  deleted_at timestamptz,
  clock jsonb not null default '{}'::jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version bigint not null,
  primary key (owner, id)
);
create index sections_owner_version on public.sections (owner, version);

-- However rows leave `sections` (an admin, a restore), older cursors must resync, as for tasks.
create trigger sections_track_pruned
  after delete on public.sections
  referencing old table as gone
  for each statement execute function public.track_pruned_tasks();

alter table public.sections enable row level security;
alter table public.sections force row level security;

create policy sections_select_own on public.sections for select to authenticated
  using (owner = (select auth.uid()));
create policy sections_insert_own on public.sections for insert to authenticated
  with check (owner = (select auth.uid()));
create policy sections_update_own on public.sections for update to authenticated
  using (owner = (select auth.uid())) with check (owner = (select auth.uid()));
create policy sections_delete_own on public.sections for delete to authenticated
  using (owner = (select auth.uid()));

revoke all on public.sections from anon, authenticated;
grant select, insert, update, delete on public.sections to authenticated;
grant all on public.sections to service_role;

alter table public.tasks add column section_id uuid;

-- The archive copies rows positionally (`select *` from tasks, then archived_at), so section_id must sit
-- where it sits in tasks: before archived_at. Re-adding archived_at after it keeps that order.
alter table public.tasks_archive add column section_id uuid;
alter table public.tasks_archive rename column archived_at to archived_at_before_section;
alter table public.tasks_archive add column archived_at timestamptz not null default now();
update public.tasks_archive set archived_at = archived_at_before_section;
alter table public.tasks_archive drop column archived_at_before_section;
