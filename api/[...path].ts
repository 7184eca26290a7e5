// Vercel Function for every other /api/* route (auth helpers, metrics, telemetry, alerts, cron, admin).
import { handler } from './_lib/entry.js';

export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
