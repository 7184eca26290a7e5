// The operations of the core server (health, auth, account, sync, tasks, AI, this document), with the
// request schemas the routes themselves validate with.
import { z } from 'zod';
import {
  pullEnvelopeSchema,
  pullQuerySchema,
  pushRequestSchema,
  pushResponseSchema,
} from '../../src/core/sync/protocol';
import { taskChangesSchema, taskSchema } from '../../src/core/task';
import { deleteSchema } from '../routes/account';
import { parseRequestSchema } from '../routes/ai';
import { unsubscribeSchema } from '../routes/push';
import { DEFAULT_PUSH_HOSTS, subscriptionSchema } from '../push/subscriptions';
import { passwordGrantSchema, refreshGrantSchema, signupSchema } from '../routes/auth';
import {
  recoverSchema,
  resendSchema,
  tokenSchema,
  typeSchema,
  userUpdateSchema,
  verifySchema,
} from '../routes/auth-account';
import { listQuery, quickAddSchema } from '../routes/tasks';
import type { OperationSpec } from './registry';
import {
  emptyObjectSchema,
  goTrueSessionSchema,
  goTrueUserSchema,
  openObjectSchema,
} from './shapes';

const USER = { kind: 'user' } as const;
const PUBLIC = { kind: 'public' } as const;

const SIGNED_IN = { 401: 'Missing, expired or revoked access token (`unauthorized`)' };
const BAD_INPUT = {
  400: 'Invalid input (`validation_failed` names each field; `invalid_json`)',
  413: 'Body too large (`payload_too_large`)',
  415: 'Body is not application/json (`unsupported_media_type`)',
};
/** What an endpoint that only sends a mail answers (the same whether or not the address has an account). */
const SENDS_MAIL = {
  responses: { 200: { description: 'Accepted', schema: emptyObjectSchema } },
  errors: {
    ...BAD_INPUT,
    422: 'Mail is not configured on this server (`smtp_not_configured`)',
    429: 'Too many requests from this client (`over_request_rate_limit`) or mails to this address (`over_email_send_rate_limit`), with Retry-After',
  },
};
const UNAVAILABLE = { 503: 'The database is unavailable; retry after `Retry-After` seconds' };

/** The core's task schema (zod mini), named in the document without touching the core's own object. */
const apiTask = taskSchema.clone();
z.globalRegistry.add(apiTask, { id: 'Task' });
const idParams = z.object({ id: z.uuid() });

export const openApiOperation: OperationSpec = {
  method: 'get',
  path: '/api/openapi.json',
  tag: 'Reference',
  summary: 'This OpenAPI 3.1 document',
  access: PUBLIC,
  responses: { 200: { description: 'The document', schema: openObjectSchema } },
  errors: {},
};

const health: OperationSpec[] = [
  {
    method: 'get',
    path: '/health',
    tag: 'Health',
    summary: 'Liveness: the process answers',
    access: PUBLIC,
    responses: {
      200: {
        description: 'Healthy',
        schema: z.object({
          status: z.literal('healthy'),
          timestamp: z.iso.datetime(),
          uptime: z.number(),
          memory: z.record(z.string(), z.number()),
          version: z.string(),
        }),
      },
    },
    errors: {},
  },
];

const auth: OperationSpec[] = [
  {
    method: 'get',
    path: '/auth/v1/settings',
    tag: 'Auth',
    summary: 'Which sign-in methods this server offers (GoTrue)',
    access: PUBLIC,
    responses: { 200: { description: 'Settings', schema: openObjectSchema } },
    errors: {},
  },
  {
    method: 'post',
    path: '/auth/v1/signup',
    tag: 'Auth',
    summary: 'Create an account with email and password',
    description:
      'Answers with a session when sign-up confirms at once, else the user (a confirmation link is mailed).',
    access: PUBLIC,
    body: signupSchema,
    responses: {
      200: {
        description: 'A session, or the new user awaiting confirmation',
        schema: z.union([goTrueSessionSchema, goTrueUserSchema]),
      },
    },
    errors: {
      ...BAD_INPUT,
      422: 'Weak password (`weak_password`) or address already registered (`user_already_exists`)',
      429: 'Too many sign-ups from this client (`over_request_rate_limit`, with Retry-After)',
    },
  },
  {
    method: 'post',
    path: '/auth/v1/token',
    tag: 'Auth',
    summary: 'Sign in (`grant_type=password`) or refresh a session (`grant_type=refresh_token`)',
    access: PUBLIC,
    query: z.object({ grant_type: z.enum(['password', 'refresh_token']) }),
    body: z.union([passwordGrantSchema, refreshGrantSchema]),
    responses: { 200: { description: 'A new session', schema: goTrueSessionSchema } },
    errors: {
      ...BAD_INPUT,
      400: 'Invalid input, `invalid_credentials`, `email_not_confirmed`, `user_banned`, `refresh_token_not_found`, `unsupported_grant_type`',
      429: 'Too many attempts from this client, or the account is backing off after failed sign-ins (`over_request_rate_limit`, with Retry-After)',
    },
  },
  {
    method: 'get',
    path: '/auth/v1/user',
    tag: 'Auth',
    summary: 'The signed-in user',
    access: USER,
    responses: { 200: { description: 'The user', schema: goTrueUserSchema } },
    errors: {
      401: 'No bearer token (`no_authorization`) or an invalid one',
      403: 'Session ended (`session_not_found`) or user gone (`user_not_found`)',
    },
  },
  {
    method: 'put',
    path: '/auth/v1/user',
    tag: 'Auth',
    summary: 'Change the password, the email address (confirmed by mail) or user metadata',
    access: USER,
    body: userUpdateSchema,
    responses: {
      200: {
        description: 'The updated user (or a new session)',
        schema: z.union([goTrueSessionSchema, goTrueUserSchema]),
      },
    },
    errors: {
      ...BAD_INPUT,
      ...SIGNED_IN,
      403: 'Session ended (`session_not_found`)',
      422: '`weak_password`, `same_password`, `email_exists`, or mail is not configured',
    },
  },
  {
    method: 'post',
    path: '/auth/v1/logout',
    tag: 'Auth',
    summary: 'End this session, the others, or all of them',
    access: USER,
    query: z.object({ scope: z.enum(['global', 'local', 'others']).optional() }),
    responses: { 204: { description: 'Signed out' } },
    errors: { 401: 'No bearer token (`no_authorization`) or an invalid one' },
  },
  {
    method: 'post',
    path: '/auth/v1/recover',
    tag: 'Auth',
    summary: 'Mail a password-reset link (same answer whether or not the address has an account)',
    access: PUBLIC,
    body: recoverSchema,
    ...SENDS_MAIL,
  },
  {
    method: 'post',
    path: '/auth/v1/resend',
    tag: 'Auth',
    summary: 'Mail the sign-up confirmation link again',
    access: PUBLIC,
    body: resendSchema,
    ...SENDS_MAIL,
  },
  {
    method: 'post',
    path: '/auth/v1/verify',
    tag: 'Auth',
    summary: 'Redeem a mailed link token for a session',
    access: PUBLIC,
    body: verifySchema,
    responses: { 200: { description: 'A session', schema: goTrueSessionSchema } },
    errors: {
      ...BAD_INPUT,
      403: 'Link expired or already used (`otp_expired`)',
      429: 'Too many attempts from this client (`over_request_rate_limit`), with Retry-After',
    },
  },
  {
    method: 'get',
    path: '/auth/v1/verify',
    tag: 'Auth',
    summary: 'Follow a mailed link: redirects to the app with the session or error in the fragment',
    access: PUBLIC,
    query: z.object({ type: typeSchema, token: tokenSchema, redirect_to: z.url().optional() }),
    responses: { 303: { description: 'Back to the app (same origin only)' } },
    errors: {},
  },
];

const account: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/account/export',
    tag: 'Account',
    summary: "Download all of the user's tasks (active and archived) as the app's export file",
    access: USER,
    responses: { 200: { description: 'tend-export-YYYY-MM-DD.json', schema: openObjectSchema } },
    errors: { ...SIGNED_IN, ...UNAVAILABLE },
  },
  {
    method: 'delete',
    path: '/api/account',
    tag: 'Account',
    summary: 'Delete the account and everything it owns (needs the current password)',
    access: USER,
    body: deleteSchema,
    responses: { 204: { description: 'Deleted; every session of the account is revoked' } },
    errors: {
      ...BAD_INPUT,
      400: 'Invalid input, or the password is not correct (`invalid_credentials`)',
      ...SIGNED_IN,
      404: 'No such account (`user_not_found`)',
      422: 'Accounts are managed by Supabase Auth here (`managed_by_supabase_auth`)',
    },
  },
];

const sync: OperationSpec[] = [
  {
    method: 'post',
    path: '/api/sync/push',
    tag: 'Sync',
    summary: 'Send a batch of field-level mutations (hybrid logical clocks, last writer wins)',
    description:
      'Each mutation is applied or rejected on its own; rejections name the mutation and a code.',
    access: USER,
    body: pushRequestSchema,
    responses: { 200: { description: 'Applied ids and rejections', schema: pushResponseSchema } },
    errors: { ...BAD_INPUT, ...SIGNED_IN, ...UNAVAILABLE },
  },
  {
    method: 'get',
    path: '/api/sync/pull',
    tag: 'Sync',
    summary: 'Changes since a cursor, a page at a time',
    access: USER,
    query: pullQuerySchema,
    responses: {
      200: {
        description: 'A page of task records and the next cursor',
        schema: pullEnvelopeSchema,
      },
    },
    errors: {
      400: 'Invalid query or cursor (`invalid_cursor`)',
      ...SIGNED_IN,
      410: 'The cursor predates the pruned change log (`cursor_expired`): pull again without one',
      ...UNAVAILABLE,
    },
  },
  {
    method: 'get',
    path: '/api/sync/events',
    tag: 'Sync',
    summary: 'Live sync: a server-sent event stream that says when to pull',
    access: USER,
    responses: {
      200: {
        description: 'text/event-stream of `change` events',
        contentType: 'text/event-stream',
      },
    },
    errors: {
      ...SIGNED_IN,
      429: 'Too many live streams (`too_many_streams`, with Retry-After)',
      503: 'Live sync is not available here (`live_unavailable`): poll instead',
    },
  },
];

const tasks: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/tasks',
    tag: 'Tasks',
    summary: "The user's tasks",
    access: USER,
    query: listQuery,
    responses: {
      200: { description: 'Tasks in list order', schema: z.object({ tasks: z.array(apiTask) }) },
    },
    errors: { 400: 'Invalid query (`validation_failed`)', ...SIGNED_IN },
  },
  {
    method: 'post',
    path: '/api/tasks',
    tag: 'Tasks',
    summary: 'Create a task from fields, or from a quick-add phrase (`{ "text": ... }`)',
    access: USER,
    body: z.union([quickAddSchema, taskChangesSchema]),
    responses: { 201: { description: 'The created task', schema: apiTask } },
    errors: { ...BAD_INPUT, ...SIGNED_IN },
  },
  {
    method: 'get',
    path: '/api/tasks/:id',
    tag: 'Tasks',
    summary: 'One task',
    access: USER,
    params: idParams,
    responses: { 200: { description: 'The task', schema: apiTask } },
    errors: { ...SIGNED_IN, 404: 'No such task of this user (`not_found`)' },
  },
  {
    method: 'patch',
    path: '/api/tasks/:id',
    tag: 'Tasks',
    summary: 'Change fields of a task (a newer write than every device edit so far)',
    access: USER,
    params: idParams,
    body: taskChangesSchema,
    responses: { 200: { description: 'The task after the change', schema: apiTask } },
    errors: { ...BAD_INPUT, ...SIGNED_IN, 404: 'No such task of this user (`not_found`)' },
  },
  {
    method: 'delete',
    path: '/api/tasks/:id',
    tag: 'Tasks',
    summary: 'Move a task to the trash (sets `deletedAt`)',
    access: USER,
    params: idParams,
    responses: { 200: { description: 'The deleted task', schema: apiTask } },
    errors: { ...SIGNED_IN, 404: 'No such task of this user (`not_found`)' },
  },
];

const ai: OperationSpec[] = [
  {
    method: 'post',
    path: '/api/ai/parse',
    tag: 'AI',
    summary: 'Parse a quick-add phrase with the rules parser (no session, no data kept)',
    access: PUBLIC,
    body: parseRequestSchema,
    responses: {
      200: {
        description: 'What the phrase means, and the wall time it was read against',
        schema: z.looseObject({
          title: z.string(),
          due: z.string().nullable(),
          priority: z.number().int().min(1).max(4),
          project: z.string().nullable(),
          labels: z.array(z.string()),
          recurrence: z.string().nullable(),
          chips: z.array(z.unknown()),
          reference: z.object({ now: z.string(), timeZone: z.string() }),
        }),
      },
    },
    errors: BAD_INPUT,
  },
];

const PUSH_OFF = { 503: 'Web Push is not configured on this server (`push_unavailable`)' };

const push: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/push/vapid-public-key',
    tag: 'Push',
    summary: "The server's VAPID public key, which a browser subscribes with",
    access: PUBLIC,
    responses: {
      200: { description: 'The key', schema: z.object({ publicKey: z.string() }) },
    },
    errors: PUSH_OFF,
  },
  {
    method: 'post',
    path: '/api/push/subscriptions',
    tag: 'Push',
    summary:
      "Save this device's push subscription (the browser's PushSubscription JSON and its IANA time zone)",
    access: USER,
    body: subscriptionSchema(DEFAULT_PUSH_HOSTS),
    responses: {
      201: {
        description: 'Saved; an endpoint another account held moves to this one',
        schema: z.object({ endpoint: z.string(), timeZone: z.string() }),
      },
    },
    errors: { ...BAD_INPUT, ...SIGNED_IN, ...PUSH_OFF },
  },
  {
    method: 'delete',
    path: '/api/push/subscriptions',
    tag: 'Push',
    summary: "Remove this device's push subscription",
    access: USER,
    body: unsubscribeSchema,
    responses: {
      200: {
        description: 'How many subscriptions were removed (0 when there was none)',
        schema: z.object({ removed: z.int() }),
      },
    },
    errors: { ...BAD_INPUT, ...SIGNED_IN, ...UNAVAILABLE },
  },
];

export const API_OPERATIONS: OperationSpec[] = [
  openApiOperation,
  ...health,
  ...account,
  ...sync,
  ...tasks,
  ...ai,
  ...push,
];
/** Only where the server answers auth itself (no SUPABASE_URL). */
export const AUTH_OPERATIONS: OperationSpec[] = auth;
