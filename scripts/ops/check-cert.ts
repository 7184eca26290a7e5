// Daily certificate check from the command line (the cert-check cron job runs the same check on the server).
//   npx tsx scripts/ops/check-cert.ts app.example.com api.example.com:443
// Posts to ALERT_WEBHOOK_URL when a certificate is within 14 days; exit 1 if any is.
import { pathToFileURL } from 'node:url';
import { certVerdict, parseTarget, readCertificate } from '../../sync-server/ops/cert/certificate';

export {
  ALERT_DAYS,
  RENEW_DAYS,
  certVerdict,
  parseTarget,
  readCertificate,
  type CertInfo,
  type CertVerdict,
} from '../../sync-server/ops/cert/certificate';

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
