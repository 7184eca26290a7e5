-- Reminders: a task's `[{ id, at } | { id, before }]`, synced per field like the others (its clock entry is
-- `reminders`); the core schema (src/core/task.ts) bounds and checks every element before it is stored.
alter table public.tasks add column reminders jsonb;

-- The archive copies rows positionally (`select *` from tasks, then archived_at), so its reminders must
-- sit where they sit in tasks: before archived_at. Re-adding archived_at after it keeps that order.
alter table public.tasks_archive add column reminders jsonb;
alter table public.tasks_archive rename column archived_at to archived_at_before_reminders;
alter table public.tasks_archive add column archived_at timestamptz not null default now();
update public.tasks_archive set archived_at = archived_at_before_reminders;
alter table public.tasks_archive drop column archived_at_before_reminders;

-- The reminder job reads the open tasks with reminders of every subscribed user each minute.
create index tasks_open_reminders on public.tasks (owner)
  where jsonb_array_length(coalesce(reminders, '[]'::jsonb)) > 0
    and completed_at is null and deleted_at is null;
