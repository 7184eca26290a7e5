// The user's AI choices, kept in the meta table: the model is off until they opt in, and
// figures leave the device only if they opt in to that separately.
import { getMeta, setMeta } from '../db/database';
import type { TendDb } from '../db/database';

interface AiSettings {
  /** The user turned on-device AI on (and so agreed to the download). */
  enabled: boolean;
  /** The user agreed to send AI figures (numbers only, never text) to the server. */
  telemetry: boolean;
}

const AI_SETTINGS_KEY = 'ai:settings';
const DEFAULTS: AiSettings = { enabled: false, telemetry: false };

export async function getAiSettings(db: TendDb): Promise<AiSettings> {
  return { ...DEFAULTS, ...(await getMeta<Partial<AiSettings>>(db, AI_SETTINGS_KEY)) };
}

export async function setAiSettings(db: TendDb, changes: Partial<AiSettings>): Promise<AiSettings> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await getAiSettings(db)), ...changes };
    await setMeta(db, AI_SETTINGS_KEY, next);
    return next;
  });
}
