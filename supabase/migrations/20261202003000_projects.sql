-- Projects as records of their own, synced per field like tasks (clock entries: name, colour, order,
-- archived, parentId, deletedAt), and the task's `projectId` that points at one. Renaming a project is
-- one write to its row; its tasks are not touched.
--
-- A project's version comes from the same per-user sequence as a task's (sync_state), so one pull cursor
-- covers both tables. No foreign keys: a project may still be in flight from another device, and a
-- task's legacy `project` name resolves to a project by a name hash on the clients (src/core/project.ts).
create table public.projects (
  owner uuid not null default auth.uid(),
  id uuid not null,
  name text,
  colour text,
  sort_order double precision,
  archived boolean,
  parent_id uuid,
  deleted_at timestamptz,
  clock jsonb not null default '{}'::jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version bigint not null,
  primary key (owner, id)
);
create index projects_owner_version on public.projects (owner, version);

-- However rows leave `projects` (an admin, a restore), older cursors must resync, as for tasks.
create trigger projects_track_pruned
  after delete on public.projects
  referencing old table as gone
  for each statement execute function public.track_pruned_tasks();

alter table public.projects enable row level security;
alter table public.projects force row level security;

create policy projects_select_own on public.projects for select to authenticated
  using (owner = (select auth.uid()));
create policy projects_insert_own on public.projects for insert to authenticated
  with check (owner = (select auth.uid()));
create policy projects_update_own on public.projects for update to authenticated
  using (owner = (select auth.uid())) with check (owner = (select auth.uid()));
create policy projects_delete_own on public.projects for delete to authenticated
  using (owner = (select auth.uid()));

revoke all on public.projects from anon, authenticated;
grant select, insert, update, delete on public.projects to authenticated;
grant all on public.projects to service_role;

alter table public.tasks add column project_id uuid;

-- The archive copies rows positionally (`select *` from tasks, then archived_at), so project_id must sit
-- where it sits in tasks: before archived_at. Re-adding archived_at after it keeps that order.
alter table public.tasks_archive add column project_id uuid;
alter table public.tasks_archive rename column archived_at to archived_at_before_project;
alter table public.tasks_archive add column archived_at timestamptz not null default now();
update public.tasks_archive set archived_at = archived_at_before_project;
alter table public.tasks_archive drop column archived_at_before_project;
