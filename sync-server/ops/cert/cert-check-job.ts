// The scheduled certificate check: reads each CERT_HOSTS certificate and turns its verdict into an alert
// result for the alert manager, so a certificate within 14 days (or unreachable) reaches the configured
// channels like any other alert: medium (team mail) while renewal still has time, critical (on-call page)
// once the renewal is overdue, the certificate has expired, or the host cannot be read.
import type { AlertResult } from '../alerts/evaluate';
import {
  ALERT_DAYS,
  certVerdict,
  parseTarget,
  readCertificate,
  type CertInfo,
} from './certificate';

interface CertCheckReport {
  ok: boolean;
  hosts: (Partial<CertInfo> & { host: string; verdict: string; error?: string })[];
  reason?: string;
}

export function certHosts(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
}

export async function runCertCheck(
  targets: readonly string[],
  { now = Date.now(), read = readCertificate } = {},
): Promise<{ report: CertCheckReport; alerts: AlertResult[] }> {
  if (targets.length === 0) {
    return { report: { ok: true, hosts: [], reason: 'CERT_HOSTS not set' }, alerts: [] };
  }
  const hosts: CertCheckReport['hosts'] = [];
  const alerts: AlertResult[] = [];
  for (const target of targets) {
    const { host, port } = parseTarget(target);
    let verdict: string;
    let daysLeft: number | null = null;
    try {
      const info = await read(host, port, { now });
      daysLeft = info.daysLeft;
      verdict = certVerdict(info.daysLeft);
      hosts.push({ ...info, verdict });
    } catch (error) {
      verdict = 'unreachable';
      hosts.push({ host, port, verdict, error: String(error) });
    }
    alerts.push({
      id: `certificate_expiry:${host}:${port}`,
      name: `TLS certificate ${host}`,
      severity: verdict === 'alert' ? 'medium' : 'critical',
      action: verdict === 'alert' ? 'email_team' : 'page_on_call',
      condition: `<=${ALERT_DAYS} days left (${verdict})`,
      firing: verdict !== 'ok',
      value: daysLeft,
      threshold: ALERT_DAYS,
    });
  }
  return { report: { ok: hosts.every((h) => h.verdict === 'ok'), hosts }, alerts };
}
