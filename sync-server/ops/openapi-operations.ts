// The operations side's routes in the OpenAPI document: detailed health, metrics, alerts, AI telemetry, the
// cron jobs (one per scheduled job, GET for Vercel Cron and POST by hand) and the admin API and dashboard.
import { z } from 'zod';
import { STAFF_ROLES } from '../auth/user';
import { createOperationGroup, onGetAndPost, type OperationSpec } from '../openapi/registry';
import { openObjectSchema } from '../openapi/shapes';
import { backupSchema, restoreSchema } from './admin/backups-routes';
import { limitSchema } from './admin/limit';
import { logLevelSchema } from './admin/logs-route';
import { userPatchSchema } from './admin/users-routes';
import { CRON_JOBS } from './cron/cron-jobs';
import { aiTelemetryBatchSchema } from './metrics/ai-telemetry';

const PUBLIC = { kind: 'public' } as const;
const staff = (permission: string) => ({ kind: 'staff', permission }) as const;
const STAFF_ERRORS: Record<number, string> = {
  401: 'Missing, expired or revoked access token (`unauthorized`)',
  403: 'The role lacks the permission (`forbidden`)',
};
const BAD_INPUT: Record<number, string> = {
  400: 'Invalid input (`validation_failed`, `invalid_json`)',
};
const limitQuery = z.object({ limit: limitSchema });
const idParams = z.object({ id: z.uuid() });
const json = (description: string) => ({ description, schema: openObjectSchema });
/** A GET answered with a JSON object, as most of the operations API is; `more` adds access, input, errors. */
const getJson = (
  path: string,
  summary: string,
  answer: string,
  more: Partial<Omit<OperationSpec, 'method' | 'path' | 'summary' | 'responses'>> = {},
) => ({ method: 'get' as const, path, summary, responses: { 200: json(answer) }, ...more });

/** STAFF_ERRORS for an operation a staff role may call, BAD_INPUT for one that takes a body. */
const group = createOperationGroup((operation) => ({
  ...(operation.body ? BAD_INPUT : {}),
  ...(operation.access.kind === 'staff' || operation.access.kind === 'cron-or-staff'
    ? STAFF_ERRORS
    : {}),
}));

const health = group('Health', PUBLIC, [
  {
    method: 'get',
    path: '/health/detailed',
    summary: 'Database, Redis, storage and external API checks',
    description:
      "Anyone sees each check's status; staff and the cron secret also see latencies, sizes and versions.",
    responses: { 200: json('Every check healthy'), 503: json('At least one check degraded') },
  },
]);

/** Metrics and alerts: the dashboard's figures are for every staff role. */
const metrics = group('Metrics', staff('dashboard:read'), [
  getJson(
    '/api/metrics',
    'Dashboard figures: requests, latencies, errors, sync, AI, database',
    'A metrics snapshot',
  ),
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus exposition of the same figures',
    access: { kind: 'cron-or-staff', permission: 'dashboard:read' },
    responses: { 200: { description: 'Prometheus text format 0.0.4', contentType: 'text/plain' } },
  },
  {
    method: 'post',
    path: '/api/telemetry/ai',
    summary:
      'On-device AI parse timings from opted-in clients (numbers and flags only, never text)',
    access: PUBLIC,
    body: aiTelemetryBatchSchema,
    responses: {
      202: { description: 'Recorded', schema: z.object({ accepted: z.number().int() }) },
    },
    errors: { 429: 'Too many telemetry batches (`telemetry_rate_limited`)' },
  },
  getJson('/api/alerts', 'Alert rules that are firing now, with their history', 'Alerts', {
    access: staff('alerts:read'),
  }),
  getJson('/api/alerts/rules', 'The alert rules and their thresholds', 'Rules', {
    access: staff('alerts:read'),
  }),
]);

const cron: OperationSpec[] = CRON_JOBS.flatMap((job) =>
  onGetAndPost({
    path: job.path,
    tag: 'Cron',
    summary: `Run the ${job.name} job now (scheduled \`${job.schedule}\`)`,
    description:
      'Each scheduled minute runs once across all instances; a second call in the same minute answers 409.',
    access: { kind: 'cron' },
    responses: {
      200: json('The job ran: `{ job, ok, durationMs, report }`'),
      409: json('Already ran or running for this minute: `{ job, skipped, reason }`'),
      500: json('The job ran and failed: `{ job, ok: false, report }`'),
    },
    errors: { 401: 'Missing or wrong cron secret (`unauthorized`)' },
  }),
);

/** The admin API: every staff role may read the role matrix; the rest name a stronger permission. */
const admin = group('Admin', staff('dashboard:read'), [
  getJson('/api/admin/rbac', 'The role and permission matrix', '`{ roles }`'),
  {
    method: 'get',
    path: '/api/admin/users',
    summary: 'Accounts, newest first (audited)',
    access: staff('users:read'),
    query: limitQuery,
    responses: {
      200: {
        description: 'Users',
        schema: z.object({
          users: z.array(
            z.object({
              id: z.uuid(),
              email: z.string(),
              role: z.enum(STAFF_ROLES).nullable(),
              disabled: z.boolean(),
              created_at: z.string(),
              last_sign_in_at: z.string().nullable(),
            }),
          ),
        }),
      },
    },
    errors: BAD_INPUT,
  },
  {
    method: 'patch',
    path: '/api/admin/users/:id',
    summary: 'Set a staff role or disable an account (disabling revokes its sessions; audited)',
    access: staff('users:manage'),
    params: idParams,
    body: userPatchSchema,
    responses: { 200: json('The user after the change') },
    errors: {
      404: 'No such user (`not_found`)',
      409: 'An admin cannot disable or demote themselves (`self_lockout`)',
    },
  },
  getJson('/api/admin/users/:id/tasks', "A user's tasks, for support (audited)", '`{ tasks }`', {
    access: staff('user_data:read'),
    params: idParams,
    query: limitQuery,
    errors: BAD_INPUT,
  }),
  {
    method: 'post',
    path: '/api/admin/users/:id/recovery-link',
    summary: 'A one-time password-reset link to hand to the user (audited)',
    access: staff('users:manage'),
    params: idParams,
    responses: {
      200: {
        description: 'The link',
        schema: z.object({ link: z.url(), email: z.string(), expires_at: z.iso.datetime() }),
      },
    },
    errors: {
      ...BAD_INPUT,
      404: 'No such user (`not_found`)',
      422: 'Accounts are managed by Supabase Auth (`managed_by_supabase_auth`)',
    },
  },
  getJson('/api/admin/analytics', 'Aggregate usage (counts only, no user data)', 'Analytics', {
    access: staff('analytics:read'),
  }),
  getJson('/api/admin/logs', 'The newest server log lines (audited)', '`{ configured, lines }`', {
    access: staff('logs:read'),
    query: z.object({ limit: limitSchema, level: logLevelSchema }),
    errors: BAD_INPUT,
  }),
  getJson('/api/admin/audit', 'The staff audit log, newest first', '`{ entries }`', {
    access: staff('audit:read'),
    query: limitQuery,
    errors: BAD_INPUT,
  }),
  getJson('/api/admin/backups', 'Backups on disk with their manifests', '`{ backups }`', {
    access: staff('backups:manage'),
  }),
  {
    method: 'post',
    path: '/api/admin/backups',
    summary: 'Start a backup; poll the job',
    access: staff('backups:manage'),
    body: backupSchema,
    responses: { 202: json('`{ job }`') },
  },
  {
    method: 'post',
    path: '/api/admin/restore',
    summary: 'Start a restore from a backup on disk; poll the job',
    access: staff('backups:manage'),
    body: restoreSchema,
    responses: { 202: json('`{ job }`; the job fails when the file is missing or refused') },
  },
  getJson(
    '/api/admin/jobs/:id',
    'Progress and result of a backup, restore or maintenance job',
    'The job',
    {
      access: staff('backups:manage'),
      params: z.object({ id: z.string() }),
      errors: { 404: 'No such job (`not_found`)' },
    },
  ),
  {
    method: 'post',
    path: '/api/admin/maintenance',
    summary: 'Run the daily clean-up now (audited)',
    access: staff('database:manage'),
    responses: { 200: json('`{ report }`') },
  },
]);

/** The dashboard's page and assets: HTML and scripts, listed so every route is documented. */
const dashboard: OperationSpec[] = [
  ['/admin', 'The operations dashboard (HTML; signs in in the page)', 'text/html'],
  ['/admin/dashboard.js', "The dashboard's script", 'text/javascript'],
  ['/admin/dashboard.css', "The dashboard's styles", 'text/css'],
  ['/admin/users.js', "The dashboard's user-management script", 'text/javascript'],
].map(([path, summary, contentType]) => ({
  method: 'get',
  path,
  tag: 'Admin',
  summary,
  access: { kind: 'public' },
  responses: { 200: { description: summary, contentType } },
  errors: {},
}));

export const OPS_OPERATIONS: OperationSpec[] = [
  ...health,
  ...metrics,
  ...cron,
  ...admin,
  ...dashboard,
];
