// Vercel Function for /api/sync/* (limits in vercel.json's "functions"): the shared Hono app.
import { handler } from '../_lib/entry.js';

export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
