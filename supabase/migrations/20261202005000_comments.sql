-- Comments: text posted on a task, records of their own synced per field like sections (clock entries:
-- taskId, text, postedAt, deletedAt). Adding, editing or deleting a comment is one write to its row; its
-- task is not touched.
--
-- A comment's version comes from the same per-user sequence as tasks', projects' and sections'
-- (sync_state), so one pull cursor covers every table. No foreign key to tasks, as for sections: the task
-- may still be in flight from another device, or deleted and later restored; clients hide the comments of
-- a task they cannot show. A task archived by `archive_deleted_tasks` keeps its comments here (hidden), so
-- nothing a person wrote is lost while the task can still be restored from the archive by an operator.
create table public.comments (
  owner uuid not null default auth.uid(),
  id uuid not null,
  task_id uuid,
  body text,
  posted_at timestamptz,
  deleted_at timestamptz,
  clock jsonb not null default '{}'::jsonb,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version bigint not null,
  primary key (owner, id)
);
create index comments_owner_version on public.comments (owner, version);

-- However rows leave `comments` (an admin, a restore), older cursors must resync, as for tasks.
create trigger comments_track_pruned
  after delete on public.comments
  referencing old table as gone
  for each statement execute function public.track_pruned_tasks();

alter table public.comments enable row level security;
alter table public.comments force row level security;

create policy comments_select_own on public.comments for select to authenticated
  using (owner = (select auth.uid()));
create policy comments_insert_own on public.comments for insert to authenticated
  with check (owner = (select auth.uid()));
create policy comments_update_own on public.comments for update to authenticated
  using (owner = (select auth.uid())) with check (owner = (select auth.uid()));
create policy comments_delete_own on public.comments for delete to authenticated
  using (owner = (select auth.uid()));

revoke all on public.comments from anon, authenticated;
grant select, insert, update, delete on public.comments to authenticated;
grant all on public.comments to service_role;
