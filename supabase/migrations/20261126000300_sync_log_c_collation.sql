-- Mutation ids are opaque client strings compared only for equality: byte order ("C") makes the
-- (owner, mutation_id) index cheaper than the database's linguistic collation, on every push.
alter table public.sync_log alter column mutation_id type text collate "C";
alter table public.sync_log alter column task_id type text collate "C";
alter table public.sync_log alter column hlc type text collate "C";
