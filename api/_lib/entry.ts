// Vercel Functions entry: one Hono app per warm instance, built on first request, and a Web-standard handler
// (Request -> Response) for every HTTP method. Files under api/ that start with "_" are not functions.
// Relative imports here carry explicit .js extensions: Vercel runs these files as native ESM.
import type { Hono } from 'hono';

export type AppLoader = () => Promise<Pick<Hono, 'fetch'>>;

/** The bundled server (scripts/ops/build-api.mjs, run by vercel.json's buildCommand). */
export const loadDeployedApp: AppLoader = async () => {
  // @ts-expect-error: a build artifact (no type declarations, absent before the build)
  const bundle = (await import('../../node_modules/.cache/tend-api/vercel.mjs')) as {
    loadDeployedApp: AppLoader;
  };
  return bundle.loadDeployedApp();
};

/**
 * Rewrites such as `/health -> /api/root?__path=/health` carry the public path in `__path`; the app routes on
 * the public path whether or not the platform already restored it.
 */
export function toAppRequest(request: Request): Request {
  const url = new URL(request.url);
  const original = url.searchParams.get('__path');
  if (!original || !original.startsWith('/')) return request;
  url.searchParams.delete('__path');
  url.pathname = original;
  return new Request(url, request);
}

export function createVercelHandler(load: AppLoader = loadDeployedApp) {
  let app: Promise<Pick<Hono, 'fetch'>> | null = null;
  return async (request: Request): Promise<Response> => {
    app ??= load().catch((error: unknown) => {
      app = null; // a failed cold start (database down) is retried by the next request
      throw error;
    });
    return (await app).fetch(toAppRequest(request));
  };
}

export const handler = createVercelHandler();

// Every function file re-exports these: Vercel calls the export named after the request's method.
export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
