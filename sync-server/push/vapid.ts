// VAPID keys (RFC 8292) for Web Push: a P-256 key pair in URL-safe base64, the public key as the
// uncompressed point (65 bytes) the browser's pushManager.subscribe takes as applicationServerKey.
import { createECDH } from 'node:crypto';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export function generateVapidKeys(): VapidKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    publicKey: ecdh.getPublicKey().toString('base64url'),
    privateKey: ecdh.getPrivateKey().toString('base64url'),
  };
}

/** True when the private key is a P-256 scalar whose public point is the public key given. */
export function isVapidPair(keys: VapidKeys): boolean {
  try {
    const secret = Buffer.from(keys.privateKey, 'base64url');
    if (secret.length !== 32) return false;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(secret);
    return ecdh.getPublicKey().toString('base64url') === keys.publicKey.replace(/=+$/, '');
  } catch {
    return false;
  }
}
