// The security headers as data: the server's middleware sets them per response, and
// scripts/ops/vercel-headers.ts writes the same list into vercel.json, so both hosts send one policy.
// Strict CSP: no inline scripts, no eval; only WebAssembly compilation is allowed (the on-device
// model needs it).
import { modelHostOrigins } from '../../../src/core/model-hosts';
import type { Config } from '../../config';

export const HSTS = 'max-age=63072000; includeSubDomains; preload';

function originOf(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//.test(url)) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function buildCsp(config: Pick<Config, 'supabaseUrl' | 'llmModelPath'>): string {
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

/** Every security header with its value, in the order they are sent. HSTS is only for HTTPS
 * responses: the middleware adds it when the request came over HTTPS, Vercel always serves HTTPS. */
export function securityHeaderEntries(
  config: Pick<Config, 'supabaseUrl' | 'llmModelPath'>,
  { https }: { https: boolean },
): [name: string, value: string][] {
  const entries: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    // OWASP: turn the legacy XSS auditor off; it opened leaks of its own, and the CSP does the job.
    ['X-XSS-Protection', '0'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Content-Security-Policy', buildCsp(config)],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  if (https) entries.push(['Strict-Transport-Security', HSTS]);
  return entries;
}
