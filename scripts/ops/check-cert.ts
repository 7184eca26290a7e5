// Daily certificate check (the operations specification: check expiry daily, alert 14 days before, auto-renew 7 days before —
// renewal itself is Let's Encrypt's job on Vercel custom domains; this check catches a renewal that failed).
//   npx tsx scripts/ops/check-cert.ts app.example.com api.example.com:443
// Posts to ALERT_WEBHOOK_URL when a certificate is within 14 days; exit 1 if any is.
import { isIP } from 'node:net';
import { connect } from 'node:tls';
import { pathToFileURL } from 'node:url';

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

async function main(targets: string[]) {
  const list =
    targets.length > 0 ? targets : (process.env.CERT_HOSTS ?? '').split(',').filter(Boolean);
  if (list.length === 0)
    throw new Error('usage: check-cert.ts host[:port] ... (or CERT_HOSTS=a.com,b.com)');
  let failing = 0;
  for (const target of list) {
    const { host, port } = parseTarget(target);
    try {
      const info = await readCertificate(host, port);
      const verdict = certVerdict(info.daysLeft);
      console.log(JSON.stringify({ ...info, verdict }));
      if (verdict !== 'ok') {
        failing++;
        if (process.env.ALERT_WEBHOOK_URL) {
          await fetch(process.env.ALERT_WEBHOOK_URL, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              text: `TLS certificate for ${host} expires in ${info.daysLeft} days (${info.validTo}): ${verdict}`,
              severity: verdict === 'alert' ? 'medium' : 'critical',
            }),
          });
        }
      }
    } catch (error) {
      failing++;
      console.log(JSON.stringify({ host, port, verdict: 'unreachable', error: String(error) }));
    }
  }
  process.exit(failing > 0 ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
