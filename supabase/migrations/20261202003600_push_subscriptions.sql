-- Web Push for reminders: each device's push subscription (with the IANA time zone it reports, which
-- resolves "30 minutes before" a local due time), and one row per reminder firing sent to a subscription,
-- claimed before the send so a retried cron minute never notifies a device twice.
create table public.push_subscriptions (
  id uuid primary key default gen_random_uuid(),
  -- Like tasks, no foreign key to auth.users (Supabase owns that table); account deletion removes the rows.
  owner uuid not null default auth.uid(),
  -- A browser's endpoint belongs to one account at a time: subscribing moves it (sync-server/push/).
  endpoint text not null unique,
  p256dh text not null,
  auth text not null,
  time_zone text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index push_subscriptions_owner on public.push_subscriptions (owner);

create table public.reminder_deliveries (
  subscription_id uuid not null references public.push_subscriptions (id) on delete cascade,
  owner uuid not null default auth.uid(),
  -- `<reminder id>@<instant>` (src/core/reminders.ts firingKey): a recurring task's next firing is new.
  firing_key text not null,
  task_id uuid not null,
  claimed_at timestamptz not null default now(),
  sent_at timestamptz,
  primary key (subscription_id, firing_key)
);
create index reminder_deliveries_claimed_at on public.reminder_deliveries (claimed_at);

alter table public.push_subscriptions enable row level security;
alter table public.push_subscriptions force row level security;
alter table public.reminder_deliveries enable row level security;
alter table public.reminder_deliveries force row level security;

create policy push_subscriptions_select_own on public.push_subscriptions for select to authenticated
  using (owner = (select auth.uid()));
create policy push_subscriptions_insert_own on public.push_subscriptions for insert to authenticated
  with check (owner = (select auth.uid()));
create policy push_subscriptions_update_own on public.push_subscriptions for update to authenticated
  using (owner = (select auth.uid())) with check (owner = (select auth.uid()));
create policy push_subscriptions_delete_own on public.push_subscriptions for delete to authenticated
  using (owner = (select auth.uid()));
-- Users read what was sent to them; only the server's reminder job writes deliveries.
create policy reminder_deliveries_select_own on public.reminder_deliveries for select to authenticated
  using (owner = (select auth.uid()));

revoke all on public.push_subscriptions, public.reminder_deliveries from anon, authenticated;
grant select, insert, update, delete on public.push_subscriptions to authenticated;
grant select on public.reminder_deliveries to authenticated;
grant all on public.push_subscriptions, public.reminder_deliveries to service_role;
