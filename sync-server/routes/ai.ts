// POST /api/ai/parse: the rules parse of a quick-add phrase, for clients and scripts without an
// on-device model. Stateless and free of user data, so it needs no session. The parser reads the
// local wall clock, so the server first turns (now, timeZone) into that zone's wall time.
import { Hono } from 'hono';
import { z } from 'zod';
import { parseQuickAdd } from '../../src/core/parse/quick-add';
import type { AppContext } from '../context';
import { HttpError, parseOr400 } from '../errors';

const WALL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export const parseRequestSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1, 'Text is required')
      .max(2000, 'Text is at most 2,000 characters'),
    /** An ISO instant (with Z or offset), or a local wall time `YYYY-MM-DDTHH:mm` in `timeZone`. */
    now: z
      .union([z.iso.datetime({ offset: true }), z.string().regex(WALL_RE)], {
        error: 'now must be an ISO date-time or a local YYYY-MM-DDTHH:mm',
      })
      .optional(),
    /** IANA zone, e.g. Europe/Berlin; defaults to UTC. */
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, { message: 'Unknown IANA time zone' })
      .optional(),
  })
  .strict();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock in `timeZone` at instant `ms`. */
export function wallTimeIn(ms: number, timeZone: string): WallTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

function wallFromString(now: string): WallTime | null {
  const m = WALL_RE.exec(now);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  return { year, month, day, hour, minute, second };
}

const pad = (n: number) => String(n).padStart(2, '0');
const formatWall = (w: WallTime) =>
  `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;

/**
 * A Date whose local fields show the wall time, which is how the parser reads "now". The server
 * should run with TZ=UTC (it does on Vercel and in our container) so no local DST gap shifts it.
 */
function asLocalDate(w: WallTime): Date {
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

export function createAiRoutes(ctx: Pick<AppContext, 'now'>): Hono {
  const app = new Hono();
  app.post('/parse', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON');
    }
    const input = parseOr400(parseRequestSchema, body);
    const timeZone = input.timeZone ?? 'UTC';
    const wall =
      (input.now ? wallFromString(input.now) : null) ??
      wallTimeIn(input.now ? Date.parse(input.now) : ctx.now(), timeZone);
    const { title, due, priority, project, labels, recurrence, chips } = parseQuickAdd(input.text, {
      now: asLocalDate(wall),
    });
    return c.json({
      title,
      due,
      priority,
      project,
      labels,
      recurrence,
      chips,
      reference: { now: formatWall(wall), timeZone },
    });
  });
  return app;
}
