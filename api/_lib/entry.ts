// Vercel Functions entry: one Hono app per warm instance, built on first request, and a Web-standard handler
// (Request -> Response) for every HTTP method. Files under api/ that start with "_" are not functions.
// Relative imports here carry explicit .js extensions: Vercel runs these files as native ESM.
import type { Hono } from 'hono';

type AppLoader = () => Promise<Pick<Hono, 'fetch'>>;

/** The bundled server (scripts/ops/build-api.mjs, run by vercel.json's buildCommand). */
export const loadDeployedApp: AppLoader = async () => {
  // @ts-expect-error: a build artifact (no type declarations, absent before the build)
  const bundle = (await import('../../node_modules/.cache/tend-api/vercel.mjs')) as {
    loadDeployedApp: AppLoader;
  };
  return bundle.loadDeployedApp();
};

/** The function every rewrite of a public path goes to (vercel.json). */
const REWRITE_TARGET = '/api/root';
/** The public paths vercel.json rewrites to it: nothing else may be restored from `__path`. */
const REWRITTEN = /^\/(?:auth\/v1\/[\w./-]*|health(?:\/[\w-]+)*|metrics|admin(?:\/[\w./-]*)?)$/;

/**
 * Rewrites such as `/health -> /api/root?__path=/health` carry the public path in `__path`; the app routes on
 * the public path whether or not the platform already restored it. Only a rewrite's own target and paths
 * count, so a query parameter cannot send another function's request to a route of its choosing.
 */
export function toAppRequest(request: Request): Request {
  const url = new URL(request.url);
  if (!url.searchParams.has('__path')) return request;
  const original = url.searchParams.get('__path') ?? '';
  url.searchParams.delete('__path');
  if (url.pathname === REWRITE_TARGET && REWRITTEN.test(original) && !original.includes('..'))
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
