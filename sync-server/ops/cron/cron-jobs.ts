// The scheduled jobs with the operations specification's schedules; vercel.json's `crons` and the in-process
// scheduler both read this list, so the schedules cannot drift apart (a test compares them). The hourly
// incremental user-data backup skips the full backup's hour; the certificate check runs daily.
export const CRON_JOBS = [
  { name: 'daily-cleanup', path: '/api/cron/daily-cleanup', schedule: '0 2 * * *' },
  { name: 'sync-check', path: '/api/cron/sync-check', schedule: '*/15 * * * *' },
  { name: 'backup', path: '/api/cron/backup', schedule: '0 3 * * *' },
  {
    name: 'backup-incremental',
    path: '/api/cron/backup-incremental',
    schedule: '0 0-2,4-23 * * *',
  },
  { name: 'cert-check', path: '/api/cron/cert-check', schedule: '0 6 * * *' },
  // Due reminders by Web Push: every minute, so a reminder arrives within a minute of its time.
  { name: 'reminders', path: '/api/cron/reminders', schedule: '* * * * *' },
] as const;

export type CronJobName = (typeof CRON_JOBS)[number]['name'];
