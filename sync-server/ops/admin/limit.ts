// The `limit` query parameter of the admin list endpoints: 1 to 500 rows, 100 when absent.
import { z } from 'zod';

export const limitSchema = z.coerce.number().int().min(1).max(500).default(100);
