// Vercel Function behind the rewrites of public non-/api paths (/auth/v1/*, /health*, /metrics, /admin*).
import { handler } from './_lib/entry.js';

export const GET = handler;
export const POST = handler;
export const PUT = handler;
export const PATCH = handler;
export const DELETE = handler;
export const OPTIONS = handler;
