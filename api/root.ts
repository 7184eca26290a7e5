// Vercel Function behind the rewrites of public non-/api paths (/auth/v1/*, /health*, /metrics, /admin*).
export { GET, POST, PUT, PATCH, DELETE, OPTIONS } from './_lib/entry.js';
