// The one error type of the server and the one place that turns errors into responses.
// Responses never carry a stack trace; unexpected errors are logged and answered with a generic 500.
import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { isDatabaseUnavailable } from './db/unavailable';
import type { Logger } from './logging/logger';
import { requestLogFields } from './middleware/request-observer';

/** Seconds a client should wait before retrying while the database is unavailable. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

interface FieldIssue {
  path: string;
  message: string;
}

/** Zod issues as `{ path: "mutations.3.hlc", message }` so a client can point at the field. */
function fieldIssues(error: z.core.$ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function validationError(error: z.core.$ZodError): HttpError {
  const issues = fieldIssues(error);
  const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new HttpError(400, 'validation_failed', message, { issues });
}

/** Parses with a schema or throws a 400 naming the fields. */
export function parseOr400<S extends z.core.$ZodType>(schema: S, value: unknown): z.core.output<S> {
  const result = z.safeParse(schema, value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** GoTrue's error body (what @supabase/auth-js parses) plus ours, for /auth/v1 routes. */
function authBody(status: number, code: string, message: string, details: unknown) {
  return { code: status, error_code: code, msg: message, error: { code, message, details } };
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, details: details ?? null } };
}

export function createErrorHandler(logger: Logger): ErrorHandler {
  return (err: Error, c: Context) => {
    const isAuth = c.req.path.startsWith('/auth/v1');
    const reply = (
      status: ContentfulStatusCode,
      code: string,
      message: string,
      details?: unknown,
    ) =>
      c.json(
        isAuth
          ? authBody(status, code, message, details ?? null)
          : errorBody(code, message, details),
        status,
      );
    if (err instanceof HttpError) {
      for (const [k, v] of Object.entries(err.headers ?? {})) c.header(k, v);
      return reply(err.status, err.code, err.message, err.details);
    }
    // hono's own HTTPException (e.g. from a third-party middleware) keeps its status.
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply(status as ContentfulStatusCode, 'bad_request', err.message);
    }
    // A database outage is not this server's fault: 503 with Retry-After, so clients retry and the
    // error-rate alert leaves it out (the database's own health check reports the outage).
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err: err.message, path: c.req.path }, 'database unavailable');
      c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      return reply(503, 'database_unavailable', 'The database is unavailable; retry shortly');
    }
    logger.error(
      { ...requestLogFields(c), err, path: c.req.path, method: c.req.method },
      'unhandled error',
    );
    return reply(500, 'internal_error', 'Internal server error');
  };
}
