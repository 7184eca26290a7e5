// Security headers on every response (API, PWA, service worker, worker scripts), with a strict CSP:
// no inline scripts, no eval; only WebAssembly compilation is allowed (the on-device model needs it).
import type { MiddlewareHandler } from 'hono';
import { modelHostOrigins } from '../../../src/core/model-hosts';
import type { Config } from '../../config';

function originOf(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//.test(url)) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function buildCsp(config: Pick<Config, 'supabaseUrl' | 'llmModelPath'>): string {
  const connect = ["'self'"];
  const supabase = originOf(config.supabaseUrl);
  if (supabase) connect.push(supabase, supabase.replace(/^http/, 'ws'));
  // The model host in use and nothing else: the public hosts by default, the self-hosted origin when
  // LLM_MODEL_PATH is absolute, only 'self' when it is a path on this origin.
  connect.push(...modelHostOrigins(config.llmModelPath || undefined));
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function securityHeaders(config: Config): MiddlewareHandler {
  const csp = buildCsp(config);
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('X-XSS-Protection', '1; mode=block');
    h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    h.set('Content-Security-Policy', csp);
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    const proto = config.trustProxy ? c.req.header('x-forwarded-proto') : undefined;
    if (proto === 'https' || new URL(c.req.url).protocol === 'https:') {
      h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains; preload');
    }
  };
}
