// Real local TLS servers presenting self-signed certificates that openssl makes with a chosen lifetime,
// for the certificate check's tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';

export const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A throwaway certificate and key (PEM files in `dir`) that openssl makes; `subjectAltName` as openssl writes it. */
export function makeSelfSignedCertificate(
  dir: string,
  name: string,
  {
    days,
    commonName = 'tend.test',
    subjectAltName,
  }: { days: number; commonName?: string; subjectAltName?: string },
): { key: string; cert: string } {
  const key = join(dir, `key-${name}.pem`);
  const cert = join(dir, `cert-${name}.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      String(days),
      '-subj',
      `/CN=${commonName}`,
      ...(subjectAltName ? ['-addext', `subjectAltName=${subjectAltName}`] : []),
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}

export interface TlsServers {
  /** Listens on a free loopback port with a certificate valid for `days`; returns the port. */
  serve(days: number): Promise<number>;
  close(): void;
}

export function createTlsServers(): TlsServers {
  const dir = mkdtempSync(join(tmpdir(), 'tend-cert-'));
  const servers: Server[] = [];
  return {
    async serve(days) {
      const { key, cert } = makeSelfSignedCertificate(dir, String(days), { days });
      const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (socket) =>
        socket.end(),
      );
      servers.push(server);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return (server.address() as AddressInfo).port;
    },
    close() {
      for (const s of servers) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
