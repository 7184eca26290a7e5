// Reads a JSON request body: 415 for another media type, 400 for malformed JSON or a schema mismatch.
import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError, parseOr400 } from '../../errors';

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/**
 * `accepts`: an optional hand check that passes only bodies the schema would pass unchanged; it spares a
 * hot route the schema's copy of the body, and the schema still describes any failure.
 */
export async function readJson<S extends z.core.$ZodType>(
  c: Context,
  schema: S,
  accepts?: (raw: unknown) => raw is z.core.output<S>,
): Promise<z.core.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json', {
      received: type || null,
    });
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'invalid_json', 'Request body is not valid JSON');
  }
  if (accepts?.(raw)) return raw;
  return parseOr400(schema, raw);
}
