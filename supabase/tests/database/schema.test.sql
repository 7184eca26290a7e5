-- Schema facts the server and the daily maintenance rely on.
begin;
select plan(25);

select has_table('public', 'profiles', 'profiles exists');
select has_table('public', 'tasks', 'tasks exists');
select has_table('public', 'tasks_archive', 'tasks_archive exists');
select has_table('public', 'sync_log', 'sync_log exists');
select has_materialized_view('public', 'task_statistics', 'task_statistics exists');
select is(
  (select count(*)::int from pg_indexes where schemaname = 'public' and tablename = 'task_statistics'
     and indexdef ilike 'create unique index%'),
  1, 'task_statistics has a unique index, so it can be refreshed concurrently');
select lives_ok('refresh materialized view concurrently public.task_statistics', 'concurrent refresh works');
select function_returns('auth', 'uid', 'uuid', 'auth.uid() returns uuid');
-- auth.uid() reads the subject the server sets on its own first, and the claims' subject when that is empty
-- (as it reads once an earlier transaction set it locally), as Supabase's auth.uid() does.
select set_config('request.jwt.claims', '{"sub":"aaaaaaaa-0000-4000-8000-000000000001"}', true),
       set_config('request.jwt.claim.sub', 'bbbbbbbb-0000-4000-8000-000000000002', true);
select is(auth.uid(), 'bbbbbbbb-0000-4000-8000-000000000002'::uuid, 'auth.uid() prefers request.jwt.claim.sub');
select set_config('request.jwt.claim.sub', '', true);
select is(auth.uid(), 'aaaaaaaa-0000-4000-8000-000000000001'::uuid,
  'auth.uid() falls back to the claims when request.jwt.claim.sub is empty');
select set_config('request.jwt.claims', '', true);
select is(auth.uid(), null, 'auth.uid() is null with neither setting');
select has_role('authenticated', 'role authenticated exists');
select has_role('anon', 'role anon exists');
select has_role('service_role', 'role service_role exists');

-- The operations specification's maintenance SQL runs as written, and bumps the owner's pruned cursor.
insert into public.tasks (owner, id, title, clock, created_at, updated_at, version, deleted_at) values
  ('cccccccc-0000-4000-8000-000000000003', gen_random_uuid(), 'old', '{}', now(), now(), 7, now() - interval '100 days');
insert into tasks_archive select * from tasks where deleted_at < now() - interval '90 days';
delete from tasks where deleted_at < now() - interval '90 days';
select is((select pruned_seq::int from public.sync_state where owner = 'cccccccc-0000-4000-8000-000000000003'), 7,
  'deleting tasks records the pruned version, so older pull cursors expire');

-- Sub-tasks: the parent survives archiving by the same positional SQL (parent_id sits before archived_at).
select has_column('public', 'tasks', 'parent_id', 'tasks has parent_id');
insert into public.tasks (owner, id, title, clock, created_at, updated_at, version, deleted_at, parent_id) values
  ('cccccccc-0000-4000-8000-000000000003', 'dddddddd-0000-4000-8000-000000000004', 'child', '{}', now(), now(), 8,
   now() - interval '100 days', 'eeeeeeee-0000-4000-8000-000000000005');
insert into tasks_archive select * from tasks where deleted_at < now() - interval '90 days';
select is((select parent_id from public.tasks_archive where id = 'dddddddd-0000-4000-8000-000000000004'),
  'eeeeeeee-0000-4000-8000-000000000005'::uuid, 'archiving keeps a sub-task''s parent');

-- Projects: the task's project survives archiving the same way (project_id sits before archived_at).
select has_column('public', 'tasks', 'project_id', 'tasks has project_id');
insert into public.tasks (owner, id, title, clock, created_at, updated_at, version, deleted_at, project_id) values
  ('cccccccc-0000-4000-8000-000000000003', 'dddddddd-0000-4000-8000-000000000006', 'filed', '{}', now(), now(), 9,
   now() - interval '100 days', '33333333-0000-4000-8000-000000000005');
insert into tasks_archive select * from tasks where deleted_at < now() - interval '90 days'
  on conflict (owner, id) do nothing;
select is((select project_id from public.tasks_archive where id = 'dddddddd-0000-4000-8000-000000000006'),
  '33333333-0000-4000-8000-000000000005'::uuid, 'archiving keeps a task''s project');
-- Reminders survive archiving the same way (reminders sit before archived_at).
select has_column('public', 'tasks', 'reminders', 'tasks has reminders');
insert into public.tasks (owner, id, title, clock, created_at, updated_at, version, deleted_at, reminders) values
  ('cccccccc-0000-4000-8000-000000000003', 'dddddddd-0000-4000-8000-000000000008', 'reminded', '{}', now(), now(), 9,
   now() - interval '100 days', '[{"id": "eeeeeeee-0000-4000-8000-000000000007", "before": 30}]');
insert into tasks_archive select * from tasks where deleted_at < now() - interval '90 days'
  on conflict do nothing;
select is((select reminders from public.tasks_archive where id = 'dddddddd-0000-4000-8000-000000000008'),
  '[{"id": "eeeeeeee-0000-4000-8000-000000000007", "before": 30}]'::jsonb, 'archiving keeps a task''s reminders');

-- Sections: the task's section survives archiving the same way (section_id sits before archived_at).
select has_column('public', 'tasks', 'section_id', 'tasks has section_id');
insert into public.tasks (owner, id, title, clock, created_at, updated_at, version, deleted_at, section_id) values
  ('cccccccc-0000-4000-8000-000000000003', 'dddddddd-0000-4000-8000-000000000007', 'sectioned', '{}', now(), now(), 10,
   now() - interval '100 days', '44444444-0000-4000-8000-000000000007');
insert into tasks_archive select * from tasks where deleted_at < now() - interval '90 days'
  on conflict (owner, id) do nothing;
select is((select section_id from public.tasks_archive where id = 'dddddddd-0000-4000-8000-000000000007'),
  '44444444-0000-4000-8000-000000000007'::uuid, 'archiving keeps a task''s section');

-- Labels: the task's label ids survive archiving the same way (label_ids sits before archived_at).
select has_column('public', 'tasks', 'label_ids', 'tasks has label_ids');
insert into public.tasks (owner, id, title, clock, created_at, updated_at, version, deleted_at, label_ids) values
  ('cccccccc-0000-4000-8000-000000000003', 'dddddddd-0000-4000-8000-000000000009', 'labelled', '{}', now(), now(), 11,
   now() - interval '100 days', '["55555555-0000-4000-8000-000000000006"]');
insert into tasks_archive select * from tasks where deleted_at < now() - interval '90 days'
  on conflict (owner, id) do nothing;
select is((select label_ids from public.tasks_archive where id = 'dddddddd-0000-4000-8000-000000000009'),
  '["55555555-0000-4000-8000-000000000006"]'::jsonb, 'archiving keeps a task''s label ids');

select * from finish();
rollback;
