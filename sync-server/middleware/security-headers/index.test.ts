import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildCsp, securityHeaders } from './index';

describe('security headers', () => {
  it('sets the headers, and HSTS only over https', async () => {
    const app = new Hono();
    app.use('*', securityHeaders(loadConfig({})));
    app.get('/', (c) => c.text('ok'));
    const plain = await app.request('/');
    expect(plain.headers.get('x-frame-options')).toBe('DENY');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const secure = await app.request('https://tend.example/');
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('adds Supabase and the model host to connect-src when configured', () => {
    const csp = buildCsp({
      supabaseUrl: 'https://abc.supabase.co',
      llmModelPath: 'https://models.example/m',
    });
    expect(csp).toContain(
      "connect-src 'self' https://abc.supabase.co wss://abc.supabase.co https://models.example;",
    );
    expect(buildCsp({ supabaseUrl: undefined, llmModelPath: '/models/mistral-7b' })).toContain(
      "connect-src 'self';",
    );
    // Unset: the public WebLLM hosts, so an opted-in download is not blocked by our own policy.
    const publicHosts = buildCsp({ supabaseUrl: undefined, llmModelPath: undefined });
    expect(publicHosts).toMatch(
      /connect-src 'self' https:\/\/huggingface\.co [^;]*raw\.githubusercontent\.com;/,
    );
    expect(publicHosts).not.toMatch(/connect-src[^;]*\*/);
  });
});
