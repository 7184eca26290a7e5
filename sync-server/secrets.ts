// Secrets the server needs. In development they are generated once into DATA_DIR/secrets.json (mode 0600)
// so `npm start` needs no configuration; in production a missing one stops the server, named.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from './config';
import { generateVapidKeys, isVapidPair } from './push/vapid';
import type { VapidKeys } from './push/vapid';

export interface Secrets {
  jwtSecret: string;
  encryptionKey: string;
  cronSecret: string;
  /** Web Push keys; absent in production unless configured, and reminders then reach open tabs only. */
  vapid?: VapidKeys;
}

type Stored = Partial<Omit<Secrets, 'vapid'>> & {
  vapidPublicKey?: string;
  vapidPrivateKey?: string;
};

const NAMES = {
  jwtSecret: 'JWT_SECRET',
  encryptionKey: 'ENCRYPTION_KEY',
  cronSecret: 'CRON_SECRET',
} as const;

export class MissingSecretError extends Error {}

/** Shorter configured secrets are refused at start: each must carry at least 256 bits. */
const MIN_SECRET_BYTES = 32;

function assertLongEnough(given: Partial<Secrets>): void {
  const short = (Object.keys(NAMES) as (keyof typeof NAMES)[]).filter((k) => {
    const value = given[k];
    return value !== undefined && Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES;
  });
  if (short.length === 0) return;
  const names = short.map((k) => NAMES[k]).join(', ');
  throw new MissingSecretError(
    `Secret too short: ${names} must be at least ${MIN_SECRET_BYTES} bytes (for example: openssl rand -base64 32).`,
  );
}

/** The configured VAPID pair: both or neither, and a real pair. */
function givenVapid(config: Config): VapidKeys | undefined {
  const { vapidPublicKey: publicKey, vapidPrivateKey: privateKey } = config;
  if (publicKey === undefined && privateKey === undefined) return undefined;
  if (
    publicKey === undefined ||
    privateKey === undefined ||
    !isVapidPair({ publicKey, privateKey })
  )
    throw new MissingSecretError(
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together and be one P-256 key pair (npx web-push generate-vapid-keys).',
    );
  return { publicKey, privateKey };
}

export function resolveSecrets(
  config: Config,
  generate = () => randomBytes(32).toString('base64url'),
  generateVapid: () => VapidKeys = generateVapidKeys,
): Secrets {
  const given: Partial<Secrets> = {
    jwtSecret: config.jwtSecret,
    encryptionKey: config.encryptionKey,
    cronSecret: config.cronSecret,
    vapid: givenVapid(config),
  };
  assertLongEnough(given);
  const missing = (Object.keys(NAMES) as (keyof typeof NAMES)[]).filter((k) => !given[k]);
  if (missing.length === 0 && (given.vapid || config.production)) return given as Secrets;
  if (config.production) {
    const names = missing.map((k) => NAMES[k]).join(', ');
    throw new MissingSecretError(
      `Missing required secret${missing.length > 1 ? 's' : ''} in production: ${names}. Set ${missing.length > 1 ? 'them' : 'it'} in the environment.`,
    );
  }
  const file = join(config.dataDir, 'secrets.json');
  let stored: Stored = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  let changed = false;
  for (const k of missing) {
    if (!stored[k]) {
      stored[k] = generate();
      changed = true;
    }
  }
  if (!given.vapid && !(stored.vapidPublicKey && stored.vapidPrivateKey)) {
    const keys = generateVapid();
    stored.vapidPublicKey = keys.publicKey;
    stored.vapidPrivateKey = keys.privateKey;
    changed = true;
  }
  if (changed) {
    mkdirSync(config.dataDir, { recursive: true });
    writeDurably(file, JSON.stringify(stored, null, 2) + '\n');
  }
  chmodSync(file, 0o600);
  const { vapidPublicKey, vapidPrivateKey, ...rest } = stored;
  const vapid = given.vapid ?? { publicKey: vapidPublicKey!, privateKey: vapidPrivateKey! };
  return { ...rest, ...stripUndefined(given), vapid } as Secrets;
}

/**
 * Whole or not at all, and on disk before the server goes on: a file written in place and left to the page
 * cache was empty after its volume turned read-only (or lost power) soon after the first start, and every
 * later start then failed on it. Written beside, flushed, renamed over, and the directory flushed too.
 */
function writeDurably(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    // A half-written temporary file would sit in the data directory for good (the next start's has
    // another process id). On a read-only volume it cannot go either; the write's error is the one to tell.
    try {
      rmSync(temp, { force: true });
    } catch {
      // kept: see above
    }
    throw error;
  }
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

function stripUndefined(o: Partial<Secrets>): Partial<Secrets> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
