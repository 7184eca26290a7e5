-- auth.uid() as Supabase defines it: `request.jwt.claim.sub` first, the `sub` of `request.jwt.claims` when
-- that setting is missing or empty. The server now sets the subject on its own for each transaction, so a
-- row-level security check reads one setting instead of parsing the claims JSON. The bootstrap's version
-- took an empty `claim.sub` (what a setting reads once an earlier transaction set it locally) as no user.
-- Only the function the bootstrap created is replaced; Supabase's own is left alone.
do $do$
begin
  if position('nullif(coalesce(current_setting(''request.jwt.claim.sub'', true)' in
       (select prosrc from pg_proc where oid = to_regprocedure('auth.uid()'))) > 0 then
    create or replace function auth.uid() returns uuid language sql stable as $f$
      select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
    $f$;
  end if;
end
$do$;
