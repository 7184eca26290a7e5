// Redaction by key: a value whose key names a credential is replaced at the top level of a logged object and
// one and two levels down (request headers, bodies, configuration). One walk with a Set lookup per key,
// copying only the objects that change: pino's path-based `redact` (@pinojs/redact) parses its ~100 wildcard
// paths again on every line, which made the "Task created" line cost more than the push that wrote the task.
import { stdSerializers } from 'pino';

export const CENSOR = '[redacted]';
/** Levels below the logged object searched for credential keys (pino's `key`, `*.key`, `*.*.key`). */
const DEPTH = 2;

type Bag = Record<string, unknown>;

const isBag = (value: unknown): value is Bag => typeof value === 'object' && value !== null;

interface KeyRedactor {
  /** For pino's `formatters.log` and `formatters.bindings`: the logged object, redacted. */
  object<T extends Bag>(object: T): T;
  /** For pino's `serializers.err`: the error as pino writes it, redacted as a value one level down. */
  err(error: unknown): unknown;
}

export function createKeyRedactor(keys: readonly string[]): KeyRedactor {
  const secret = new Set(keys);
  // The object itself when nothing under it is a credential, else a shallow copy with the changes.
  const walk = (object: Bag, depth: number): Bag => {
    let copy: Bag | null = null;
    for (const key in object) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
      const value = object[key];
      let next = value;
      if (secret.has(key)) next = CENSOR;
      // `err` is serialized after this hook (an Error's fields are not its own enumerable keys yet): the
      // err serializer redacts it.
      else if (depth < DEPTH && isBag(value) && !(depth === 0 && key === 'err'))
        next = walk(value, depth + 1);
      if (next !== value) {
        copy ??= (Array.isArray(object) ? [...(object as unknown[])] : { ...object }) as Bag;
        copy[key] = next;
      }
    }
    return copy ?? object;
  };
  return {
    object: <T extends Bag>(object: T) => walk(object, 0) as T,
    err(error) {
      const serialized: unknown = stdSerializers.err(error as Error);
      if (!isBag(serialized)) return serialized;
      return walk(serialized, 1);
    },
  };
}
