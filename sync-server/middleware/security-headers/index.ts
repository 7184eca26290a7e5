// Security headers on every response (API, PWA, service worker, worker scripts); the policy itself
// lives in ./policy, shared with vercel.json. A route may still send its own value of one of them (the
// e-mail verification redirect tightens Referrer-Policy to no-referrer): the route's value wins.
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config';
import { nodeResponse } from '../node-response';
import { HSTS, securityHeaderEntries } from './policy';

export function securityHeaders(config: Config): MiddlewareHandler {
  const always = securityHeaderEntries(config, { https: false });
  return async (c, next) => {
    const proto = config.trustProxy ? c.req.header('x-forwarded-proto') : undefined;
    // A request's URL is absolute, its scheme lower case: no URL parse per response.
    const https = proto === 'https' || c.req.url.startsWith('https:');
    const outgoing = nodeResponse(c);
    if (outgoing) {
      // On Node's own response, before the app answers: Node merges them with the answer's headers (the
      // answer's win). Setting them on c.res afterwards turned every answer's plain header object into a
      // web Headers and back, a visible share of a push's CPU.
      for (const [name, value] of always) outgoing.setHeader(name, value);
      if (https) outgoing.setHeader('Strict-Transport-Security', HSTS);
      await next();
      return;
    }
    await next();
    const h = c.res.headers;
    for (const [name, value] of always) if (!h.has(name)) h.set(name, value);
    if (https && !h.has('Strict-Transport-Security')) h.set('Strict-Transport-Security', HSTS);
  };
}
