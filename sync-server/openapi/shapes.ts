// Response shapes shared by many operations: the two error bodies, and GoTrue's session and user.
import { z } from 'zod';

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: z.string(),
      details: z.unknown().meta({ description: 'Field issues for validation_failed, else null' }),
    }),
  })
  .meta({ id: 'Error' });

/** What @supabase/auth-js parses (`code`, `error_code`, `msg`) plus the API's own `error`. */
export const authErrorSchema = z
  .object({
    code: z.number().int().meta({ description: 'The HTTP status' }),
    error_code: z.string(),
    msg: z.string(),
    error: apiErrorSchema.shape.error,
  })
  .meta({ id: 'AuthError' });

export const goTrueUserSchema = z
  .looseObject({
    id: z.uuid(),
    aud: z.string(),
    role: z.string(),
    email: z.string(),
    email_confirmed_at: z.string().nullable(),
    app_metadata: z.record(z.string(), z.unknown()),
    user_metadata: z.record(z.string(), z.unknown()),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'User' });

export const goTrueSessionSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int(),
    expires_at: z.number().int(),
    refresh_token: z.string(),
    user: goTrueUserSchema,
  })
  .meta({ id: 'Session' });

export const emptyObjectSchema = z.object({}).meta({ description: 'An empty object' });

/** Operations answer with whatever their job reports; documented as an open object. */
export const openObjectSchema = z.record(z.string(), z.unknown());
