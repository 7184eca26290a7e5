// The parse cache: a validated answer per (model, reference day, normalised text) in IndexedDB's
// `aiCache` table, so retyping "pay rent #Home" tomorrow costs nothing. Bounded least-recently-used:
// a hit refreshes `at`, and the oldest entries go once the table outgrows its limit.
import type { TendDb } from '../db/database';
import { aiAnswerSchema } from './schema';
import type { AiAnswer } from './schema';

const AI_CACHE_LIMIT = 500;

function normaliseText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

export function cacheKey(modelId: string, referenceNow: string, text: string): string {
  return `${modelId}|${referenceNow.slice(0, 10)}|${normaliseText(text)}`;
}

export interface ParseCache {
  get(key: string): Promise<AiAnswer | null>;
  put(key: string, answer: AiAnswer): Promise<void>;
}

export function createParseCache(
  db: TendDb,
  { now = Date.now, limit = AI_CACHE_LIMIT }: { now?: () => number; limit?: number } = {},
): ParseCache {
  const stamp = () => new Date(now()).toISOString();
  return {
    async get(key) {
      const entry = await db.aiCache.get(key);
      if (!entry) return null;
      // An entry from an older schema is a miss, not an error.
      const parsed = aiAnswerSchema.safeParse(entry.value);
      if (!parsed.success) {
        await db.aiCache.delete(key);
        return null;
      }
      await db.aiCache.update(key, { at: stamp() });
      return parsed.data;
    },
    async put(key, answer) {
      await db.transaction('rw', db.aiCache, async () => {
        await db.aiCache.put({ key, value: answer, at: stamp() });
        const excess = (await db.aiCache.count()) - limit;
        if (excess > 0) {
          const oldest = await db.aiCache.orderBy('at').limit(excess).primaryKeys();
          await db.aiCache.bulkDelete(oldest);
        }
      });
    },
  };
}
