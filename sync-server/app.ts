// The HTTP application: one Hono app, testable with app.request() and no open port.
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppContext, AppEnv } from './context';
import { createErrorHandler, errorBody } from './errors';
import { limitBody } from './middleware/body-limit';
import { API_OPERATIONS, AUTH_OPERATIONS } from './openapi/api-operations';
import { registerOperations } from './openapi/registry';
import { installOpenApiRoute } from './openapi/route';
import { securityHeaders } from './middleware/security-headers';
import { createAiRoutes } from './routes/ai';
import { createAccountRoutes } from './routes/account';
import { createAuthRoutes } from './routes/auth';
import { createAccountAuthRoutes } from './routes/auth-account';
import { createHealthRoutes } from './routes/health';
import { createPushRoutes } from './routes/push';
import { createSyncRoutes } from './routes/sync';
import { createTaskRoutes } from './routes/tasks';
import { serveDist } from './static/serve-dist';

const MAX_API_BODY = 1024 * 1024;
const MAX_AUTH_BODY = 64 * 1024;

interface AppOptions {
  /**
   * Mounts the operations side (ops/index.ts installOps) before the API routes, so its request timing and
   * metrics wrap them. The hosts (main.ts, vercel.ts) pass it; the core never imports operations.
   */
  installOperations?: (app: Hono<AppEnv>) => void;
}

export function createApp(ctx: AppContext, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(createErrorHandler(ctx.logger));
  app.notFound((c) =>
    c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404),
  );

  app.use('*', securityHeaders(ctx.config));
  if (ctx.config.corsOrigins.length > 0) {
    const allowed = new Set(ctx.config.corsOrigins);
    const corsMw = cors({
      origin: (origin) => (allowed.has(origin) || allowed.has('*') ? origin : null),
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'apikey',
        'x-client-info',
        'x-supabase-api-version',
      ],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      maxAge: 600,
    });
    app.use('/api/*', corsMw);
    app.use('/auth/*', corsMw);
  }
  app.use('/api/*', limitBody(MAX_API_BODY));
  app.use('/auth/*', limitBody(MAX_AUTH_BODY));
  // Tokens, sessions and user records: never kept by a browser cache or a proxy (RFC 6749 5.1).
  app.use('/auth/*', async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('Pragma', 'no-cache');
  });

  // Operations first: their request timing and metrics middleware must wrap every route after them.
  options.installOperations?.(app);
  app.route('/health', createHealthRoutes(ctx));
  installOpenApiRoute(app, ctx);
  registerOperations(app, API_OPERATIONS);
  if (ctx.localAuth) {
    registerOperations(app, AUTH_OPERATIONS);
    app.route('/auth/v1', createAuthRoutes(ctx));
    app.route('/auth/v1', createAccountAuthRoutes(ctx));
  }
  app.route('/api/account', createAccountRoutes(ctx));
  app.route('/api/sync', createSyncRoutes(ctx));
  app.route('/api/tasks', createTaskRoutes(ctx));
  app.route('/api/ai', createAiRoutes(ctx));
  app.route('/api/push', createPushRoutes(ctx));

  app.use('*', serveDist(ctx.config.distDir));
  return app;
}
