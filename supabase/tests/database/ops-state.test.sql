-- The state operations share across server instances is out of reach of every client role.
begin;
select plan(9);

select has_table('tend_ops', 'metric_buckets', 'metric_buckets exists');
select has_table('tend_ops', 'alert_states', 'alert_states exists');
select has_table('tend_ops', 'jobs', 'jobs exists');
select has_column('tend_ops', 'job_runs', 'lease_until', 'cron slots carry a lease');
select is(
  (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'tend_ops' and c.relname in ('metric_buckets', 'alert_states', 'jobs', 'job_runs')
      and c.relrowsecurity and c.relforcerowsecurity),
  4, 'row-level security is enabled and forced on the shared ops tables');
select ok(not has_schema_privilege('authenticated', 'tend_ops', 'usage'), 'authenticated cannot use tend_ops');
select ok(not has_schema_privilege('anon', 'tend_ops', 'usage'), 'anon cannot use tend_ops');
select ok(not has_table_privilege('authenticated', 'tend_ops.jobs', 'select'), 'authenticated cannot read jobs');
select ok(not has_table_privilege('anon', 'tend_ops.alert_states', 'update'), 'anon cannot claim alerts');

select * from finish();
rollback;
