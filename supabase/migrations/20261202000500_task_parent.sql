-- Sub-tasks: a task's parent, synced per field like the others (its clock entry is `parentId`). No
-- foreign key: a parent may be deleted, archived or still in flight from another device, and the clients
-- show such a sub-task at top level until its parent is back (src/core/hierarchy.ts).
alter table public.tasks add column parent_id uuid;
create index tasks_owner_parent on public.tasks (owner, parent_id) where parent_id is not null;

-- The archive copies rows positionally (`select *` from tasks, then archived_at), so its parent_id must
-- sit where it sits in tasks: before archived_at. Re-adding archived_at after it keeps that order.
alter table public.tasks_archive add column parent_id uuid;
alter table public.tasks_archive rename column archived_at to archived_at_before_parent;
alter table public.tasks_archive add column archived_at timestamptz not null default now();
update public.tasks_archive set archived_at = archived_at_before_parent;
alter table public.tasks_archive drop column archived_at_before_parent;
