-- Row-level security of every table: for each table x {select, insert, update, delete} x {owner, other
-- user, anon} the expected outcome. Runs as the roles Supabase uses (authenticated / anon) with the
-- caller's JWT claims set for the transaction.
begin;
select no_plan();

create schema tend_test;
grant usage on schema tend_test to anon, authenticated;

create function tend_test.act_as(uid uuid) returns void language sql as $$
  select set_config('role', 'authenticated', true),
         set_config('request.jwt.claims', json_build_object('sub', uid, 'role', 'authenticated')::text, true);
$$;
create function tend_test.act_as_anon() returns void language sql as $$
  select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true);
$$;
create function tend_test.affected(statement text) returns int language plpgsql as $$
declare n int;
begin
  execute statement;
  get diagnostics n = row_count;
  return n;
end;
$$;
grant execute on all functions in schema tend_test to anon, authenticated;

-- Fixtures, as the privileged connection: owner A and another user B.
insert into auth.users (id, email) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'owner@example.test'),
  ('bbbbbbbb-0000-4000-8000-000000000002', 'other@example.test');
insert into public.tasks (owner, id, title, clock, created_at, updated_at, version) values
  ('aaaaaaaa-0000-4000-8000-000000000001', '11111111-0000-4000-8000-000000000001', 'owner task',
   '{"title":"2026-11-26T09:00:00.000Z-0000-0123456789ABCDEF"}', now(), now(), 1),
  ('aaaaaaaa-0000-4000-8000-000000000001', '11111111-0000-4000-8000-000000000002', 'owner task 2',
   '{}', now(), now(), 2);
insert into public.tasks_archive (owner, id, title, clock, created_at, updated_at, version) values
  ('aaaaaaaa-0000-4000-8000-000000000001', '22222222-0000-4000-8000-000000000001', 'archived', '{}', now(), now(), 1);
insert into public.sync_log (owner, mutation_id, task_id, hlc, client_id, status) values
  ('aaaaaaaa-0000-4000-8000-000000000001', 'm-1', '11111111-0000-4000-8000-000000000001', null, 'c', 'applied');
insert into public.sync_state (owner, seq) values ('aaaaaaaa-0000-4000-8000-000000000001', 2);

-- RLS is on (and forced) for every table in public.
select is(
  (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity),
  0, 'every table in public has row-level security enabled');
select is(
  (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relname in ('profiles', 'tasks', 'tasks_archive', 'sync_state', 'sync_log')
      and c.relforcerowsecurity),
  5, 'row-level security is forced on Tend''s tables');

------------------------------------------------------------------ owner
select tend_test.act_as('aaaaaaaa-0000-4000-8000-000000000001');

select is((select count(*)::int from public.tasks), 2, 'tasks: owner selects own rows');
select lives_ok($$insert into public.tasks (id, title, clock, created_at, updated_at, version)
  values ('11111111-0000-4000-8000-000000000003', 'new', '{}', now(), now(), 3)$$, 'tasks: owner inserts own row');
select is(tend_test.affected($$update public.tasks set title = 'renamed' where id = '11111111-0000-4000-8000-000000000001'$$),
  1, 'tasks: owner updates own row');
select is(tend_test.affected($$delete from public.tasks where id = '11111111-0000-4000-8000-000000000003'$$),
  1, 'tasks: owner deletes own row');

select is((select count(*)::int from public.tasks_archive), 1, 'tasks_archive: owner selects own rows');
select throws_ok($$insert into public.tasks_archive (owner, id, clock, created_at, updated_at, version)
  values (auth.uid(), gen_random_uuid(), '{}', now(), now(), 1)$$, '42501', null, 'tasks_archive: owner cannot insert');
select throws_ok($$update public.tasks_archive set title = 'x'$$, '42501', null, 'tasks_archive: owner cannot update');
select throws_ok($$delete from public.tasks_archive$$, '42501', null, 'tasks_archive: owner cannot delete');

select is((select count(*)::int from public.sync_log), 1, 'sync_log: owner selects own rows');
select lives_ok($$insert into public.sync_log (mutation_id, status) values ('m-2', 'applied')$$, 'sync_log: owner inserts own row');
select throws_ok($$update public.sync_log set status = 'rejected'$$, '42501', null, 'sync_log: owner cannot update (append-only)');
select throws_ok($$delete from public.sync_log$$, '42501', null, 'sync_log: owner cannot delete (append-only)');

select is((select seq::int from public.sync_state), 2, 'sync_state: owner selects own row');
select is(tend_test.affected($$update public.sync_state set seq = seq + 1$$), 1, 'sync_state: owner updates own row');
select throws_ok($$delete from public.sync_state$$, '42501', null, 'sync_state: owner cannot delete');

select is((select count(*)::int from public.profiles), 1, 'profiles: owner selects own profile');
select throws_ok($$insert into public.profiles (id) values (gen_random_uuid())$$, '42501', null, 'profiles: owner cannot insert');
select throws_ok($$update public.profiles set staff_role = 'admin'$$, '42501', null, 'profiles: owner cannot grant themselves a staff role');
select throws_ok($$delete from public.profiles$$, '42501', null, 'profiles: owner cannot delete');

select throws_ok($$select * from public.task_statistics$$, '42501', null, 'task_statistics: not readable directly');
select lives_ok($$select * from public.my_task_statistics$$, 'my_task_statistics: readable by a user');

------------------------------------------------------------------ other user
reset role;
select tend_test.act_as('bbbbbbbb-0000-4000-8000-000000000002');

select is((select count(*)::int from public.tasks), 0, 'tasks: other user sees none of the owner''s rows');
select throws_ok($$insert into public.tasks (owner, id, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), '{}', now(), now(), 9)$$,
  '42501', null, 'tasks: other user cannot insert a row owned by someone else');
select is(tend_test.affected($$update public.tasks set title = 'hijacked'$$), 0, 'tasks: other user updates nothing');
select is(tend_test.affected($$delete from public.tasks$$), 0, 'tasks: other user deletes nothing');

select is((select count(*)::int from public.tasks_archive), 0, 'tasks_archive: other user sees nothing');
select throws_ok($$insert into public.tasks_archive (owner, id, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), '{}', now(), now(), 1)$$, '42501', null, 'tasks_archive: other user cannot insert');
select throws_ok($$update public.tasks_archive set title = 'x'$$, '42501', null, 'tasks_archive: other user cannot update');
select throws_ok($$delete from public.tasks_archive$$, '42501', null, 'tasks_archive: other user cannot delete');

select is((select count(*)::int from public.sync_log), 0, 'sync_log: other user sees nothing');
select throws_ok($$insert into public.sync_log (owner, mutation_id, status) values ('aaaaaaaa-0000-4000-8000-000000000001', 'm-x', 'applied')$$,
  '42501', null, 'sync_log: other user cannot insert into the owner''s log');
select throws_ok($$update public.sync_log set status = 'rejected'$$, '42501', null, 'sync_log: other user cannot update');
select throws_ok($$delete from public.sync_log$$, '42501', null, 'sync_log: other user cannot delete');

select is((select count(*)::int from public.sync_state), 0, 'sync_state: other user sees nothing');
select throws_ok($$insert into public.sync_state (owner) values ('aaaaaaaa-0000-4000-8000-000000000001')$$,
  '42501', null, 'sync_state: other user cannot insert the owner''s row');
select is(tend_test.affected($$update public.sync_state set seq = 0$$), 0, 'sync_state: other user updates nothing');
select throws_ok($$delete from public.sync_state$$, '42501', null, 'sync_state: other user cannot delete');

select is((select count(*)::int from public.profiles where id = 'aaaaaaaa-0000-4000-8000-000000000001'), 0,
  'profiles: other user cannot see the owner''s profile');
select throws_ok($$insert into public.profiles (id) values ('aaaaaaaa-0000-4000-8000-000000000001')$$, '42501', null, 'profiles: other user cannot insert');
select throws_ok($$update public.profiles set email = 'x'$$, '42501', null, 'profiles: other user cannot update');
select throws_ok($$delete from public.profiles$$, '42501', null, 'profiles: other user cannot delete');
select is((select count(*)::int from public.my_task_statistics), 0, 'my_task_statistics: other user sees no owner statistics');

------------------------------------------------------------------ anon
reset role;
select tend_test.act_as_anon();

select throws_ok($$select * from public.tasks$$, '42501', null, 'tasks: anon cannot select');
select throws_ok($$insert into public.tasks (owner, id, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), '{}', now(), now(), 9)$$, '42501', null, 'tasks: anon cannot insert');
select throws_ok($$update public.tasks set title = 'x'$$, '42501', null, 'tasks: anon cannot update');
select throws_ok($$delete from public.tasks$$, '42501', null, 'tasks: anon cannot delete');

select throws_ok($$select * from public.tasks_archive$$, '42501', null, 'tasks_archive: anon cannot select');
select throws_ok($$insert into public.tasks_archive (owner, id, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), '{}', now(), now(), 1)$$, '42501', null, 'tasks_archive: anon cannot insert');
select throws_ok($$update public.tasks_archive set title = 'x'$$, '42501', null, 'tasks_archive: anon cannot update');
select throws_ok($$delete from public.tasks_archive$$, '42501', null, 'tasks_archive: anon cannot delete');

select throws_ok($$select * from public.sync_log$$, '42501', null, 'sync_log: anon cannot select');
select throws_ok($$insert into public.sync_log (owner, mutation_id, status) values ('aaaaaaaa-0000-4000-8000-000000000001', 'm-a', 'applied')$$, '42501', null, 'sync_log: anon cannot insert');
select throws_ok($$update public.sync_log set status = 'rejected'$$, '42501', null, 'sync_log: anon cannot update');
select throws_ok($$delete from public.sync_log$$, '42501', null, 'sync_log: anon cannot delete');

select throws_ok($$select * from public.sync_state$$, '42501', null, 'sync_state: anon cannot select');
select throws_ok($$insert into public.sync_state (owner) values ('aaaaaaaa-0000-4000-8000-000000000001')$$, '42501', null, 'sync_state: anon cannot insert');
select throws_ok($$update public.sync_state set seq = 0$$, '42501', null, 'sync_state: anon cannot update');
select throws_ok($$delete from public.sync_state$$, '42501', null, 'sync_state: anon cannot delete');

select throws_ok($$select * from public.profiles$$, '42501', null, 'profiles: anon cannot select');
select throws_ok($$insert into public.profiles (id) values (gen_random_uuid())$$, '42501', null, 'profiles: anon cannot insert');
select throws_ok($$update public.profiles set email = 'x'$$, '42501', null, 'profiles: anon cannot update');
select throws_ok($$delete from public.profiles$$, '42501', null, 'profiles: anon cannot delete');

select throws_ok($$select * from public.task_statistics$$, '42501', null, 'task_statistics: anon cannot select');
select throws_ok($$select * from public.my_task_statistics$$, '42501', null, 'my_task_statistics: anon cannot select');

------------------------------------------------------------------ owner data untouched by the others
reset role;
select is((select title from public.tasks where id = '11111111-0000-4000-8000-000000000001'), 'renamed',
  'the owner''s task kept the owner''s edit and nobody else''s');
select is((select count(*)::int from public.sync_log where owner = 'aaaaaaaa-0000-4000-8000-000000000001'), 2,
  'the owner''s sync log holds exactly the owner''s entries');

------------------------------------------------------------------ projects (their own table, same rules)
insert into public.projects (owner, id, name, clock, created_at, updated_at, version) values
  ('aaaaaaaa-0000-4000-8000-000000000001', '33333333-0000-4000-8000-000000000001', 'Work',
   '{"name":"2026-11-26T09:00:00.000Z-0000-0123456789ABCDEF"}', now(), now(), 10);
select is((select relforcerowsecurity from pg_class where oid = 'public.projects'::regclass), true,
  'row-level security is forced on projects');

select tend_test.act_as('bbbbbbbb-0000-4000-8000-000000000002');
select is((select count(*)::int from public.projects), 0, 'projects: other user sees none of the owner''s');
select throws_ok($$insert into public.projects (owner, id, name, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), 'x', '{}', now(), now(), 11)$$,
  '42501', null, 'projects: other user cannot insert a row owned by someone else');
select is(tend_test.affected($$update public.projects set name = 'hijacked'$$), 0, 'projects: other user updates nothing');
select is(tend_test.affected($$delete from public.projects$$), 0, 'projects: other user deletes nothing');
select lives_ok($$insert into public.projects (id, name, clock, created_at, updated_at, version)
  values ('33333333-0000-4000-8000-000000000001', 'Mine', '{}', now(), now(), 1)$$,
  'projects: the same id is another row for another owner');

reset role;
select tend_test.act_as_anon();
select throws_ok($$select * from public.projects$$, '42501', null, 'projects: anon cannot select');
select throws_ok($$insert into public.projects (owner, id, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), '{}', now(), now(), 1)$$, '42501', null, 'projects: anon cannot insert');
select throws_ok($$update public.projects set name = 'x'$$, '42501', null, 'projects: anon cannot update');
select throws_ok($$delete from public.projects$$, '42501', null, 'projects: anon cannot delete');

reset role;
select tend_test.act_as('aaaaaaaa-0000-4000-8000-000000000001');
select is((select name from public.projects), 'Work', 'projects: owner selects own row only');
select is(tend_test.affected($$update public.projects set name = 'Job'$$), 1, 'projects: owner updates own row');
select is(tend_test.affected($$delete from public.projects$$), 1, 'projects: owner deletes own row');

reset role;
select is((select pruned_seq::int from public.sync_state where owner = 'aaaaaaaa-0000-4000-8000-000000000001'), 10,
  'deleting a project records the pruned version, so older pull cursors expire');
select is((select name from public.projects where owner = 'bbbbbbbb-0000-4000-8000-000000000002'), 'Mine',
  'the other user''s project is untouched');
------------------------------------------------------------------ reminders: push subscriptions and deliveries
reset role;
insert into public.push_subscriptions (id, owner, endpoint, p256dh, auth, time_zone) values
  ('33333333-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'https://push.example/a', 'p', 'a', 'UTC'),
  ('33333333-0000-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000002', 'https://push.example/b', 'p', 'a', 'UTC');
insert into public.reminder_deliveries (subscription_id, owner, firing_key, task_id) values
  ('33333333-0000-4000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', 'r@t', '11111111-0000-4000-8000-000000000001');
select is(
  (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relname in ('push_subscriptions', 'reminder_deliveries')
      and c.relforcerowsecurity),
  2, 'row-level security is forced on the push tables');
select tend_test.act_as('aaaaaaaa-0000-4000-8000-000000000001');
select is((select count(*)::int from public.push_subscriptions), 1, 'push_subscriptions: a user sees only their own devices');
select is(tend_test.affected($$delete from public.push_subscriptions where endpoint = 'https://push.example/b'$$), 0,
  'push_subscriptions: a user cannot delete another''s device');
select throws_ok($$insert into public.push_subscriptions (owner, endpoint, p256dh, auth, time_zone)
  values ('bbbbbbbb-0000-4000-8000-000000000002', 'https://push.example/c', 'p', 'a', 'UTC')$$, '42501', null,
  'push_subscriptions: a user cannot subscribe a device for another');
select is((select count(*)::int from public.reminder_deliveries), 1, 'reminder_deliveries: a user reads what was sent to them');
select throws_ok($$insert into public.reminder_deliveries (subscription_id, firing_key, task_id)
  values ('33333333-0000-4000-8000-000000000001', 'x', '11111111-0000-4000-8000-000000000001')$$, '42501', null,
  'reminder_deliveries: only the server records deliveries');
select tend_test.act_as_anon();
select throws_ok($$select * from public.push_subscriptions$$, '42501', null, 'push_subscriptions: anon cannot select');
select throws_ok($$select * from public.reminder_deliveries$$, '42501', null, 'reminder_deliveries: anon cannot select');
reset role;

------------------------------------------------------------------ sections (their own table, same rules)
insert into public.sections (owner, id, project_id, name, clock, created_at, updated_at, version) values
  ('aaaaaaaa-0000-4000-8000-000000000001', '44444444-0000-4000-8000-000000000001',
   '33333333-0000-4000-8000-000000000001', 'Doing',
   '{"name":"2026-11-26T09:00:00.000Z-0000-0123456789ABCDEF"}', now(), now(), 20);
select is((select relforcerowsecurity from pg_class where oid = 'public.sections'::regclass), true,
  'row-level security is forced on sections');

select tend_test.act_as('bbbbbbbb-0000-4000-8000-000000000002');
select is((select count(*)::int from public.sections), 0, 'sections: other user sees none of the owner''s');
select throws_ok($$insert into public.sections (owner, id, name, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), 'x', '{}', now(), now(), 21)$$,
  '42501', null, 'sections: other user cannot insert a row owned by someone else');
select is(tend_test.affected($$update public.sections set name = 'hijacked'$$), 0, 'sections: other user updates nothing');
select is(tend_test.affected($$delete from public.sections$$), 0, 'sections: other user deletes nothing');
select lives_ok($$insert into public.sections (id, name, clock, created_at, updated_at, version)
  values ('44444444-0000-4000-8000-000000000001', 'Mine', '{}', now(), now(), 2)$$,
  'sections: the same id is another row for another owner');

reset role;
select tend_test.act_as_anon();
select throws_ok($$select * from public.sections$$, '42501', null, 'sections: anon cannot select');
select throws_ok($$insert into public.sections (owner, id, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), '{}', now(), now(), 1)$$, '42501', null, 'sections: anon cannot insert');
select throws_ok($$update public.sections set name = 'x'$$, '42501', null, 'sections: anon cannot update');
select throws_ok($$delete from public.sections$$, '42501', null, 'sections: anon cannot delete');

reset role;
select tend_test.act_as('aaaaaaaa-0000-4000-8000-000000000001');
select is((select name from public.sections), 'Doing', 'sections: owner selects own row only');
select is(tend_test.affected($$update public.sections set name = 'Done'$$), 1, 'sections: owner updates own row');
select is(tend_test.affected($$delete from public.sections$$), 1, 'sections: owner deletes own row');

reset role;
select is((select pruned_seq::int from public.sync_state where owner = 'aaaaaaaa-0000-4000-8000-000000000001'), 20,
  'deleting a section records the pruned version, so older pull cursors expire');
select is((select name from public.sections where owner = 'bbbbbbbb-0000-4000-8000-000000000002'), 'Mine',
  'the other user''s section is untouched');

------------------------------------------------------------------ labels (their own table, same rules)
insert into public.labels (owner, id, name, colour, clock, created_at, updated_at, version) values
  ('aaaaaaaa-0000-4000-8000-000000000001', '55555555-0000-4000-8000-000000000001', 'errands', 'teal',
   '{"name":"2026-11-26T09:00:00.000Z-0000-0123456789ABCDEF"}', now(), now(), 30);
select is((select relforcerowsecurity from pg_class where oid = 'public.labels'::regclass), true,
  'row-level security is forced on labels');

select tend_test.act_as('bbbbbbbb-0000-4000-8000-000000000002');
select is((select count(*)::int from public.labels), 0, 'labels: other user sees none of the owner''s');
select throws_ok($$insert into public.labels (owner, id, name, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), 'x', '{}', now(), now(), 31)$$,
  '42501', null, 'labels: other user cannot insert a row owned by someone else');
select is(tend_test.affected($$update public.labels set name = 'hijacked'$$), 0, 'labels: other user updates nothing');
select is(tend_test.affected($$delete from public.labels$$), 0, 'labels: other user deletes nothing');
select lives_ok($$insert into public.labels (id, name, clock, created_at, updated_at, version)
  values ('55555555-0000-4000-8000-000000000001', 'mine', '{}', now(), now(), 3)$$,
  'labels: the same id is another row for another owner');

reset role;
select tend_test.act_as_anon();
select throws_ok($$select * from public.labels$$, '42501', null, 'labels: anon cannot select');
select throws_ok($$insert into public.labels (owner, id, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), '{}', now(), now(), 1)$$, '42501', null, 'labels: anon cannot insert');
select throws_ok($$update public.labels set name = 'x'$$, '42501', null, 'labels: anon cannot update');
select throws_ok($$delete from public.labels$$, '42501', null, 'labels: anon cannot delete');

reset role;
select tend_test.act_as('aaaaaaaa-0000-4000-8000-000000000001');
select is((select name from public.labels), 'errands', 'labels: owner selects own row only');
select is(tend_test.affected($$update public.labels set name = 'shopping'$$), 1, 'labels: owner updates own row');
select is(tend_test.affected($$delete from public.labels$$), 1, 'labels: owner deletes own row');

reset role;
select is((select pruned_seq::int from public.sync_state where owner = 'aaaaaaaa-0000-4000-8000-000000000001'), 30,
  'deleting a label records the pruned version, so older pull cursors expire');
select is((select name from public.labels where owner = 'bbbbbbbb-0000-4000-8000-000000000002'), 'mine',
  'the other user''s label is untouched');

------------------------------------------------------------------ comments (their own table, same rules)
insert into public.comments (owner, id, task_id, body, posted_at, clock, created_at, updated_at, version) values
  ('aaaaaaaa-0000-4000-8000-000000000001', '55555555-0000-4000-8000-000000000001',
   '11111111-0000-4000-8000-000000000001', 'Call Sam', now(),
   '{"text":"2026-11-26T09:00:00.000Z-0000-0123456789ABCDEF"}', now(), now(), 40);
select is((select relforcerowsecurity from pg_class where oid = 'public.comments'::regclass), true,
  'row-level security is forced on comments');

select tend_test.act_as('bbbbbbbb-0000-4000-8000-000000000002');
select is((select count(*)::int from public.comments), 0, 'comments: other user sees none of the owner''s');
select throws_ok($$insert into public.comments (owner, id, body, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), 'x', '{}', now(), now(), 31)$$,
  '42501', null, 'comments: other user cannot insert a row owned by someone else');
select is(tend_test.affected($$update public.comments set body = 'hijacked'$$), 0, 'comments: other user updates nothing');
select is(tend_test.affected($$delete from public.comments$$), 0, 'comments: other user deletes nothing');
select lives_ok($$insert into public.comments (id, body, clock, created_at, updated_at, version)
  values ('55555555-0000-4000-8000-000000000001', 'Mine', '{}', now(), now(), 3)$$,
  'comments: the same id is another row for another owner');

reset role;
select tend_test.act_as_anon();
select throws_ok($$select * from public.comments$$, '42501', null, 'comments: anon cannot select');
select throws_ok($$insert into public.comments (owner, id, clock, created_at, updated_at, version)
  values ('aaaaaaaa-0000-4000-8000-000000000001', gen_random_uuid(), '{}', now(), now(), 1)$$, '42501', null, 'comments: anon cannot insert');
select throws_ok($$update public.comments set body = 'x'$$, '42501', null, 'comments: anon cannot update');
select throws_ok($$delete from public.comments$$, '42501', null, 'comments: anon cannot delete');

reset role;
select tend_test.act_as('aaaaaaaa-0000-4000-8000-000000000001');
select is((select body from public.comments), 'Call Sam', 'comments: owner selects own row only');
select is(tend_test.affected($$update public.comments set body = 'Call Sam at 9'$$), 1, 'comments: owner updates own row');
select is(tend_test.affected($$delete from public.comments$$), 1, 'comments: owner deletes own row');

reset role;
select is((select pruned_seq::int from public.sync_state where owner = 'aaaaaaaa-0000-4000-8000-000000000001'), 40,
  'deleting a comment records the pruned version, so older pull cursors expire');
select is((select body from public.comments where owner = 'bbbbbbbb-0000-4000-8000-000000000002'), 'Mine',
  'the other user''s comment is untouched');

select * from finish();
rollback;
