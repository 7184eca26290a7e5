// Client-side encryption of backup files: AES-256-GCM with a key derived from ENCRYPTION_KEY by scrypt over a
// random per-file salt, a random 96-bit IV and the 128-bit auth tag. File layout:
//   "TENDBAK1" | salt (16) | iv (12) | ciphertext | tag (16)
// The header is bound as additional authenticated data, so changing any byte of the file fails decryption.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

const MAGIC = Buffer.from('TENDBAK1');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + SALT_BYTES + IV_BYTES;

export class BackupDecryptError extends Error {}

function deriveKey(secret: string, salt: Buffer): Buffer {
  if (secret.length < 16) throw new Error('ENCRYPTION_KEY must be at least 16 characters');
  // N=2^15 costs ~50 ms here: fine once per backup file, expensive for someone guessing a weak key.
  return scryptSync(secret, salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
}

export function encryptBackup(
  plain: Buffer,
  secret: string,
  random: (n: number) => Buffer = randomBytes,
): Buffer {
  const salt = random(SALT_BYTES);
  const iv = random(IV_BYTES);
  const header = Buffer.concat([MAGIC, salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, salt), iv);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export function decryptBackup(file: Buffer, secret: string): Buffer {
  if (file.length < HEADER_BYTES + TAG_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupDecryptError('not a Tend backup file');
  }
  const header = file.subarray(0, HEADER_BYTES);
  const salt = file.subarray(MAGIC.length, MAGIC.length + SALT_BYTES);
  const iv = file.subarray(MAGIC.length + SALT_BYTES, HEADER_BYTES);
  const tag = file.subarray(file.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, salt), iv);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(file.subarray(HEADER_BYTES, file.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new BackupDecryptError(
      'backup failed authentication: wrong ENCRYPTION_KEY or the file was altered',
    );
  }
}
