// Structured logs (pino). Anything that can carry a credential is redacted by path before it is written.
import { pino } from 'pino';
import type { DestinationStream, Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'apikey',
  'x-api-key',
  'x-cron-secret',
  'password',
  'encrypted_password',
  'token',
  'access_token',
  'refresh_token',
  'secret',
  'jwtSecret',
  'jwt_secret',
  'encryptionKey',
  'cronSecret',
  'serviceKey',
  'supabaseServiceKey',
  'databaseUrl',
];

/** Redaction paths: the key at the top level, one and two levels down, and in request headers. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith('[') ? '' : '.';
  return [
    key.startsWith('[') ? key : k,
    `*${dot}${key}`,
    `*.*${dot}${key}`,
    `req.headers${dot}${key}`,
    `headers${dot}${key}`,
  ];
});

export function createLogger(
  options: { level?: string; name?: string } = {},
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      name: options.name ?? 'tend-sync',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { env: process.env.NODE_ENV ?? 'development' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
