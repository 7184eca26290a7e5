// Vercel Function for every other /api/* route (auth helpers, metrics, telemetry, alerts, cron, admin).
export { GET, POST, PUT, PATCH, DELETE, OPTIONS } from './_lib/entry.js';
