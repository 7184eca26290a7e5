// Reads a JSON request body: 415 for another media type, 400 for malformed JSON or a schema mismatch.
import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError, parseOr400 } from '../../errors';

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

export async function readJson<S extends z.core.$ZodType>(
  c: Context,
  schema: S,
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
  return parseOr400(schema, raw);
}
