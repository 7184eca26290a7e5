// The certificate check against real local TLS servers whose self-signed certificates openssl makes with
// 10 and 60 days to live.
import { afterAll, describe, expect, it } from 'vitest';
import { createTlsServers, hasOpenssl } from '../../sync-server/ops/test-support/tls-server';
import { certVerdict, parseTarget, readCertificate } from './check-cert';

const tls = createTlsServers();
afterAll(() => tls.close());
const serveCert = (days: number) => tls.serve(days);

describe('certificate verdicts', () => {
  it('alerts from 14 days out, flags an overdue renewal from 7, and an expired certificate', () => {
    expect([60, 15, 14, 8, 7, 1, 0, -3].map(certVerdict)).toEqual([
      'ok',
      'ok',
      'alert',
      'alert',
      'renew_overdue',
      'renew_overdue',
      'expired',
      'expired',
    ]);
    expect(parseTarget('api.example.com:8443')).toEqual({ host: 'api.example.com', port: 8443 });
    expect(parseTarget('example.com')).toEqual({ host: 'example.com', port: 443 });
  });
});

describe.skipIf(!hasOpenssl)('reading a live certificate', () => {
  it('reads expiry over TLS and finds the 10-day certificate inside the alert window', async () => {
    const soon = await readCertificate('127.0.0.1', await serveCert(10), {
      servername: 'tend.test',
    });
    expect(soon.subject).toBe('tend.test');
    expect(soon.daysLeft).toBeGreaterThanOrEqual(9);
    expect(soon.daysLeft).toBeLessThanOrEqual(10);
    expect(certVerdict(soon.daysLeft)).toBe('alert');
    const port = await serveCert(60);
    const later = await readCertificate('127.0.0.1', port);
    expect(certVerdict(later.daysLeft)).toBe('ok');
    // The same certificate seen 55 days from now is past the renewal point: time is injected.
    const future = await readCertificate('127.0.0.1', port, {
      now: Date.now() + 55 * 24 * 3600_000,
    });
    expect(certVerdict(future.daysLeft)).toBe('renew_overdue');
  });
});
