// Test harness (not a test double): a Web Push endpoint served over real HTTPS by the test itself, and a
// browser-side subscription (P-256 key pair and auth secret) that decrypts what arrives (RFC 8291,
// aes128gcm). web-push always opens TLS, so the receiver's throwaway certificate must be trusted by the
// sending process: pass `caFile` to it as NODE_EXTRA_CA_CERTS.
import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSelfSignedCertificate } from '../ops/test-support/tls-server';

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface PushReceiver {
  origin: string;
  caFile: string;
  received: ReceivedPush[];
  /** The status the receiver answers for a path (default 201, as push services do). */
  answer(path: string, status: number): void;
  close(): Promise<void>;
}

export async function startPushReceiver(): Promise<PushReceiver> {
  const dir = mkdtempSync(join(tmpdir(), 'tend-push-'));
  const { key, cert } = makeSelfSignedCertificate(dir, 'push', {
    days: 1,
    commonName: 'localhost',
    subjectAltName: 'DNS:localhost,IP:127.0.0.1',
  });
  const received: ReceivedPush[] = [];
  const answers = new Map<string, number>();
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(answers.get(path) ?? 201).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://localhost:${port}`,
    caFile: cert,
    received,
    answer: (path, status) => answers.set(path, status),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BrowserSubscription {
  keys: { p256dh: string; auth: string };
  /** Decrypts an aes128gcm push body (RFC 8291 key derivation, RFC 8188 framing, one record). */
  decrypt(body: Buffer): string;
}

export function createBrowserSubscription(): BrowserSubscription {
  const ua = createECDH('prime256v1');
  ua.generateKeys();
  const authSecret = randomBytes(16);
  return {
    keys: {
      p256dh: ua.getPublicKey().toString('base64url'),
      auth: authSecret.toString('base64url'),
    },
    decrypt(body) {
      const salt = body.subarray(0, 16);
      const idLength = body[20];
      const asPublic = body.subarray(21, 21 + idLength);
      const ciphertext = body.subarray(21 + idLength);
      const shared = ua.computeSecret(asPublic);
      const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ua.getPublicKey(), asPublic]);
      const ikm = Buffer.from(hkdfSync('sha256', shared, authSecret, keyInfo, 32));
      const cek = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: aes128gcm\0', 16));
      const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: nonce\0', 12));
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
      const padded = Buffer.concat([
        decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
        decipher.final(),
      ]);
      // The last record ends with the delimiter 0x02, then zero padding.
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end--;
      if (padded[end] !== 2) throw new Error('not the last record of an aes128gcm body');
      return padded.subarray(0, end).toString('utf8');
    },
  };
}
