-- How many rows the planner expects for one owner. It estimates `owner = <a parameter>` (every prepared
-- statement's generic plan, and every `owner = (select auth.uid())`) as the table's rows over its distinct
-- owners; with many accounts holding a task or two that is about one row, and the push's lookup of a task
-- by id then walked the whole (owner, version) index of an account with thousands of tasks, filtering on
-- the id, for every task of every push. A negative n_distinct is a fraction of the rows: 0.02 says an
-- account holds about 50 rows, enough that a lookup by owner and id takes the primary key; lookups by owner
-- alone still use an index. It takes effect at the next ANALYZE, run here.
alter table public.tasks alter column owner set (n_distinct = -0.02);
alter table public.comments alter column owner set (n_distinct = -0.02);
analyze public.tasks;
analyze public.comments;
