// Reading a TLS certificate's expiry and judging it (the operations specification: check expiry daily,
// alert 14 days before, auto-renew 7 days before; renewal itself is Let's Encrypt's job on Vercel custom
// domains, so this catches a renewal that failed). Used by the cert-check cron job and scripts/ops/check-cert.ts.
import { isIP } from 'node:net';
import { connect } from 'node:tls';

export const ALERT_DAYS = 14;
export const RENEW_DAYS = 7;
const DAY = 24 * 3600_000;

export interface CertInfo {
  host: string;
  port: number;
  subject: string;
  issuer: string;
  validTo: string;
  daysLeft: number;
}

export type CertVerdict = 'ok' | 'alert' | 'renew_overdue' | 'expired';

export function certVerdict(daysLeft: number): CertVerdict {
  if (daysLeft <= 0) return 'expired';
  if (daysLeft <= RENEW_DAYS) return 'renew_overdue';
  if (daysLeft <= ALERT_DAYS) return 'alert';
  return 'ok';
}

/** Reads the certificate a TLS server presents. Verification is off on purpose: an expired or self-signed
 * certificate must still be read and reported, not turned into a connection error. */
export function readCertificate(
  host: string,
  port = 443,
  {
    now = Date.now(),
    timeoutMs = 10_000,
    servername = isIP(host) ? undefined : host,
  }: { now?: number; timeoutMs?: number; servername?: string } = {},
): Promise<CertInfo> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, servername, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate();
      socket.end();
      if (!cert || !cert.valid_to)
        return reject(new Error(`${host}:${port} presented no certificate`));
      const validTo = new Date(cert.valid_to);
      resolve({
        host,
        port,
        subject: cert.subject?.CN ?? '',
        issuer: cert.issuer?.CN ?? cert.issuer?.O ?? '',
        validTo: validTo.toISOString(),
        daysLeft: Math.floor((validTo.getTime() - now) / DAY),
      });
    });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`${host}:${port} timed out`)));
    socket.on('error', reject);
  });
}

export function parseTarget(target: string): { host: string; port: number } {
  const [host, port] = target.split(':');
  return { host, port: port ? Number(port) : 443 };
}
