import { describe, expect, it } from 'vitest';
import { fetchWhatsNew } from './whats-new';

const answer = (body: unknown, status = 200) =>
  (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('fetchWhatsNew', () => {
  it('returns the version and its summary', async () => {
    expect(await fetchWhatsNew(answer({ version: '0.2.0', summary: 'Live sync.' }))).toEqual({
      version: '0.2.0',
      summary: 'Live sync.',
    });
  });

  it('returns null for a missing file, a malformed body or no network', async () => {
    expect(await fetchWhatsNew(answer({}, 404))).toBeNull();
    expect(await fetchWhatsNew(answer({ version: 2 }))).toBeNull();
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await fetchWhatsNew(offline)).toBeNull();
  });
});
