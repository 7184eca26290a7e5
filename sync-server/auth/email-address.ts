// An email address as the auth endpoints accept it: trimmed, lower-cased, GoTrue's message when invalid.
import { z } from 'zod';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Unable to validate email address'));
