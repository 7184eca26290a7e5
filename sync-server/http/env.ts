// Hono typing shared by routes: what middlewares put on the request context.
import type { AuthUser } from '../auth/user';

export type AppEnv = { Variables: { user: AuthUser } };
