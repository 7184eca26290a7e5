// Password hashing with scrypt (node:crypto): salted, parameters stored with the hash, constant-time compare.
// Cost at OWASP's current minimum for scrypt (N=2^17, r=8, p=1: 128 MiB, about a third of a second); a hash
// stored with weaker parameters is upgraded at the next successful sign-in (`passwordNeedsRehash`).
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 2 ** 17;
const R = 8;
const P = 1;
const KEYLEN = 32;
// scrypt needs 128 * N * r * p bytes; node refuses anything over `maxmem`.
const MAX_MEM = 2 * 128 * N * R * P;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEYLEN, { N: n, r, p, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

function parse(stored: string | null | undefined) {
  const parts = stored?.split('$');
  if (!parts || parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [, n, r, p, salt, hash] = parts;
  const cost = { n: Number(n), r: Number(r), p: Number(p) };
  // Stored values are ours, but a cost past our own would let one row stall every sign-in.
  if (
    ![cost.n, cost.r, cost.p].every(Number.isSafeInteger) ||
    cost.n > N ||
    cost.r > R ||
    cost.p > P
  )
    return null;
  return { ...cost, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** A well-formed hash at full cost, for unknown users: their sign-in takes as long as anyone's. */
export const UNKNOWN_USER_HASH = `scrypt$${N}$${R}$${P}$${'A'.repeat(22)}$${'A'.repeat(43)}`;

export async function verifyPassword(
  password: string,
  stored: string | null | undefined,
): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.n, parsed.r, parsed.p);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** True when the stored hash was made with weaker parameters than today's. */
export function passwordNeedsRehash(stored: string | null | undefined): boolean {
  const parsed = parse(stored);
  return parsed !== null && (parsed.n < N || parsed.r < R || parsed.p < P);
}
