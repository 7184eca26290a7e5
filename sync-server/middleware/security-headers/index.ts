// Security headers on every response (API, PWA, service worker, worker scripts); the policy itself
// lives in ./policy, shared with vercel.json.
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config';
import { HSTS, securityHeaderEntries } from './policy';

export { buildCsp, securityHeaderEntries } from './policy';

export function securityHeaders(config: Config): MiddlewareHandler {
  const always = securityHeaderEntries(config, { https: false });
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    for (const [name, value] of always) h.set(name, value);
    const proto = config.trustProxy ? c.req.header('x-forwarded-proto') : undefined;
    // A request's URL is absolute, its scheme lower case: no URL parse per response.
    if (proto === 'https' || c.req.url.startsWith('https:')) {
      h.set('Strict-Transport-Security', HSTS);
    }
  };
}
