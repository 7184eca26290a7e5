// Vercel Function for /api/tasks/* (limits in vercel.json's "functions"): the shared Hono app.
export { GET, POST, PUT, PATCH, DELETE, OPTIONS } from '../_lib/entry.js';
