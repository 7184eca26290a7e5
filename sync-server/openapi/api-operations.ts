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
import { createOperationGroup, type OperationSpec } from './registry';
import {
  emptyObjectSchema,
  goTrueSessionSchema,
  goTrueUserSchema,
  openObjectSchema,
} from './shapes';

const USER = { kind: 'user' } as const;
const PUBLIC = { kind: 'public' } as const;

const SIGNED_IN: Record<number, string> = {
  401: 'Missing, expired or revoked access token (`unauthorized`)',
};
const BAD_INPUT: Record<number, string> = {
  400: 'Invalid input (`validation_failed` names each field; `invalid_json`)',
  413: 'Body too large (`payload_too_large`)',
  415: 'Body is not application/json (`unsupported_media_type`)',
};
/** What an endpoint that only sends a mail answers (the same whether or not the address has an account). */
const SENDS_MAIL = {
  responses: { 200: { description: 'Accepted', schema: emptyObjectSchema } },
  errors: {
    422: 'Mail is not configured on this server (`smtp_not_configured`)',
    429: 'Too many requests from this client (`over_request_rate_limit`) or mails to this address (`over_email_send_rate_limit`), with Retry-After',
  },
};
const NO_SUCH_TASK = { 404: 'No such task of this user (`not_found`)' };
const UNAVAILABLE = { 503: 'The database is unavailable; retry after `Retry-After` seconds' };

/** The core's task schema (zod mini), named in the document without touching the core's own object. */
const apiTask = taskSchema.clone();
z.globalRegistry.add(apiTask, { id: 'Task' });
const idParams = z.object({ id: z.uuid() });

/** BAD_INPUT for an operation that takes a body, SIGNED_IN for one that needs a user. */
const group = createOperationGroup((operation) => ({
  ...(operation.body ? BAD_INPUT : {}),
  ...(operation.access.kind === 'user' ? SIGNED_IN : {}),
}));

const reference = group('Reference', PUBLIC, [
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    responses: { 200: { description: 'The document', schema: openObjectSchema } },
  },
]);

const health = group('Health', PUBLIC, [
  {
    method: 'get',
    path: '/health',
    summary: 'Liveness: the process answers',
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
  },
]);

const auth = group('Auth', PUBLIC, [
  {
    method: 'get',
    path: '/auth/v1/settings',
    summary: 'Which sign-in methods this server offers (GoTrue)',
    responses: { 200: { description: 'Settings', schema: openObjectSchema } },
  },
  {
    method: 'post',
    path: '/auth/v1/signup',
    summary: 'Create an account with email and password',
    description:
      'Answers with a session when sign-up confirms at once, else the user (a confirmation link is mailed).',
    body: signupSchema,
    responses: {
      200: {
        description: 'A session, or the new user awaiting confirmation',
        schema: z.union([goTrueSessionSchema, goTrueUserSchema]),
      },
    },
    errors: {
      422: 'Weak password (`weak_password`) or address already registered (`user_already_exists`)',
      429: 'Too many sign-ups from this client (`over_request_rate_limit`, with Retry-After)',
    },
  },
  {
    method: 'post',
    path: '/auth/v1/token',
    summary: 'Sign in (`grant_type=password`) or refresh a session (`grant_type=refresh_token`)',
    query: z.object({ grant_type: z.enum(['password', 'refresh_token']) }),
    body: z.union([passwordGrantSchema, refreshGrantSchema]),
    responses: { 200: { description: 'A new session', schema: goTrueSessionSchema } },
    errors: {
      400: 'Invalid input, `invalid_credentials`, `email_not_confirmed`, `user_banned`, `refresh_token_not_found`, `unsupported_grant_type`',
      429: 'Too many attempts from this client, or the account is backing off after failed sign-ins (`over_request_rate_limit`, with Retry-After)',
    },
  },
  {
    method: 'get',
    path: '/auth/v1/user',
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
      403: 'Session ended (`session_not_found`)',
      422: '`weak_password`, `same_password`, `email_exists`, or mail is not configured',
    },
  },
  {
    method: 'post',
    path: '/auth/v1/logout',
    summary: 'End this session, the others, or all of them',
    access: USER,
    query: z.object({ scope: z.enum(['global', 'local', 'others']).optional() }),
    responses: { 204: { description: 'Signed out' } },
    errors: { 401: 'No bearer token (`no_authorization`) or an invalid one' },
  },
  {
    method: 'post',
    path: '/auth/v1/recover',
    summary: 'Mail a password-reset link (same answer whether or not the address has an account)',
    body: recoverSchema,
    ...SENDS_MAIL,
  },
  {
    method: 'post',
    path: '/auth/v1/resend',
    summary: 'Mail the sign-up confirmation link again',
    body: resendSchema,
    ...SENDS_MAIL,
  },
  {
    method: 'post',
    path: '/auth/v1/verify',
    summary: 'Redeem a mailed link token for a session',
    body: verifySchema,
    responses: { 200: { description: 'A session', schema: goTrueSessionSchema } },
    errors: {
      403: 'Link expired or already used (`otp_expired`)',
      429: 'Too many attempts from this client (`over_request_rate_limit`), with Retry-After',
    },
  },
  {
    method: 'get',
    path: '/auth/v1/verify',
    summary: 'Follow a mailed link: redirects to the app with the session or error in the fragment',
    query: z.object({ type: typeSchema, token: tokenSchema, redirect_to: z.url().optional() }),
    responses: { 303: { description: 'Back to the app (same origin only)' } },
  },
]);

const account = group('Account', USER, [
  {
    method: 'get',
    path: '/api/account/export',
    summary: "Download all of the user's tasks (active and archived) as the app's export file",
    responses: { 200: { description: 'tend-export-YYYY-MM-DD.json', schema: openObjectSchema } },
    errors: UNAVAILABLE,
  },
  {
    method: 'delete',
    path: '/api/account',
    summary: 'Delete the account and everything it owns (needs the current password)',
    body: deleteSchema,
    responses: { 204: { description: 'Deleted; every session of the account is revoked' } },
    errors: {
      400: 'Invalid input, or the password is not correct (`invalid_credentials`)',
      404: 'No such account (`user_not_found`)',
      422: 'Accounts are managed by Supabase Auth here (`managed_by_supabase_auth`)',
    },
  },
]);

const sync = group('Sync', USER, [
  {
    method: 'post',
    path: '/api/sync/push',
    summary: 'Send a batch of field-level mutations (hybrid logical clocks, last writer wins)',
    description:
      'Each mutation is applied or rejected on its own; rejections name the mutation and a code.',
    body: pushRequestSchema,
    responses: { 200: { description: 'Applied ids and rejections', schema: pushResponseSchema } },
    errors: UNAVAILABLE,
  },
  {
    method: 'get',
    path: '/api/sync/pull',
    summary: 'Changes since a cursor, a page at a time',
    query: pullQuerySchema,
    responses: {
      200: {
        description: 'A page of task records and the next cursor',
        schema: pullEnvelopeSchema,
      },
    },
    errors: {
      400: 'Invalid query or cursor (`invalid_cursor`)',
      410: 'The cursor predates the pruned change log (`cursor_expired`): pull again without one',
      ...UNAVAILABLE,
    },
  },
  {
    method: 'get',
    path: '/api/sync/events',
    summary: 'Live sync: a server-sent event stream that says when to pull',
    responses: {
      200: {
        description: 'text/event-stream of `change` events',
        contentType: 'text/event-stream',
      },
    },
    errors: {
      429: 'Too many live streams (`too_many_streams`, with Retry-After)',
      503: 'Live sync is not available here (`live_unavailable`): poll instead',
    },
  },
]);

const tasks = group('Tasks', USER, [
  {
    method: 'get',
    path: '/api/tasks',
    summary: "The user's tasks",
    query: listQuery,
    responses: {
      200: { description: 'Tasks in list order', schema: z.object({ tasks: z.array(apiTask) }) },
    },
    errors: { 400: 'Invalid query (`validation_failed`)' },
  },
  {
    method: 'post',
    path: '/api/tasks',
    summary: 'Create a task from fields, or from a quick-add phrase (`{ "text": ... }`)',
    body: z.union([quickAddSchema, taskChangesSchema]),
    responses: { 201: { description: 'The created task', schema: apiTask } },
  },
  {
    method: 'get',
    path: '/api/tasks/:id',
    summary: 'One task',
    params: idParams,
    responses: { 200: { description: 'The task', schema: apiTask } },
    errors: NO_SUCH_TASK,
  },
  {
    method: 'patch',
    path: '/api/tasks/:id',
    summary: 'Change fields of a task (a newer write than every device edit so far)',
    params: idParams,
    body: taskChangesSchema,
    responses: { 200: { description: 'The task after the change', schema: apiTask } },
    errors: NO_SUCH_TASK,
  },
  {
    method: 'delete',
    path: '/api/tasks/:id',
    summary: 'Move a task to the trash (sets `deletedAt`)',
    params: idParams,
    responses: { 200: { description: 'The deleted task', schema: apiTask } },
    errors: NO_SUCH_TASK,
  },
]);

const ai = group('AI', PUBLIC, [
  {
    method: 'post',
    path: '/api/ai/parse',
    summary: 'Parse a quick-add phrase with the rules parser (no session, no data kept)',
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
  },
]);

const PUSH_OFF = { 503: 'Web Push is not configured on this server (`push_unavailable`)' };

const push = group('Push', USER, [
  {
    method: 'get',
    path: '/api/push/vapid-public-key',
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
    summary:
      "Save this device's push subscription (the browser's PushSubscription JSON and its IANA time zone)",
    body: subscriptionSchema(DEFAULT_PUSH_HOSTS),
    responses: {
      201: {
        description: 'Saved; an endpoint another account held moves to this one',
        schema: z.object({ endpoint: z.string(), timeZone: z.string() }),
      },
    },
    errors: PUSH_OFF,
  },
  {
    method: 'delete',
    path: '/api/push/subscriptions',
    summary: "Remove this device's push subscription",
    body: unsubscribeSchema,
    responses: {
      200: {
        description: 'How many subscriptions were removed (0 when there was none)',
        schema: z.object({ removed: z.int() }),
      },
    },
    errors: UNAVAILABLE,
  },
]);

export const API_OPERATIONS: OperationSpec[] = [
  ...reference,
  ...health,
  ...account,
  ...sync,
  ...tasks,
  ...ai,
  ...push,
];
/** Only where the server answers auth itself (no SUPABASE_URL). */
export const AUTH_OPERATIONS: OperationSpec[] = auth;
