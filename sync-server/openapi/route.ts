// GET /api/openapi.json: the document built from the operations registered on this app, once per process
// (the registrations are fixed when the app is built).
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from '../context';
import { buildOpenApiDocument } from './document';
import { registeredOperations } from './registry';

export function installOpenApiRoute(app: Hono<AppEnv>, ctx: AppContext): void {
  let document: string | undefined;
  app.get('/api/openapi.json', (c) => {
    document ??= JSON.stringify(
      buildOpenApiDocument(registeredOperations(app), {
        version: ctx.config.appVersion,
        serverUrl: ctx.config.siteUrl,
      }),
    );
    return c.body(document, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    });
  });
}
