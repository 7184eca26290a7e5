// The checks behind /health/detailed: database (query latency), redis (only when REDIS_URL is set), storage
// (disk use of the data and backup directories, which also feeds the Storage Warning alert) and external APIs
// (Supabase when configured). Each answers healthy/degraded/unhealthy with the numbers behind the verdict.
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { withDeadline } from '../../db/unavailable';
import type { OpsDb } from '../db';
import { pingRedis } from './redis-check';

type CheckStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface CheckResult {
  status: CheckStatus;
  configured?: boolean;
  latencyMs?: number;
  message?: string;
  [detail: string]: unknown;
}

const elapsed = (since: number) => Math.round((performance.now() - since) * 10) / 10;
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `deadlineMs` keeps /health/detailed answering within two seconds while the database is down. */
export async function checkDatabase(
  db: OpsDb,
  slowMs = 500,
  deadlineMs = 1500,
): Promise<CheckResult> {
  const started = performance.now();
  try {
    await withDeadline(db.query('select 1'), deadlineMs);
    const latencyMs = elapsed(started);
    return { status: latencyMs > slowMs ? 'degraded' : 'healthy', latencyMs, kind: db.kind };
  } catch (error) {
    return {
      status: 'unhealthy',
      latencyMs: elapsed(started),
      kind: db.kind,
      message: describe(error),
    };
  }
}

export async function checkRedis(url: string | undefined): Promise<CheckResult> {
  if (!url)
    return { status: 'healthy', configured: false, message: 'REDIS_URL not set: no Redis in use' };
  try {
    const { latencyMs, reply } = await pingRedis(url);
    return { status: reply === 'PONG' ? 'healthy' : 'degraded', configured: true, latencyMs };
  } catch (error) {
    return {
      status: 'unhealthy',
      configured: true,
      message: describe(error).replace(/\/\/[^@]*@/, '//'),
    };
  }
}

interface DiskUsage {
  path: string;
  totalBytes: number;
  freeBytes: number;
  usedRatio: number;
}

/** A directory that does not exist yet (backups before the first one) lives on its nearest existing parent's volume. */
async function existingAncestor(path: string): Promise<string> {
  let current = resolve(path);
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

export async function diskUsage(path: string): Promise<DiskUsage> {
  const s = await statfs(await existingAncestor(path));
  const total = s.blocks * s.bsize;
  // bavail, not bfree: space reserved for root is not space this process can use.
  const free = s.bavail * s.bsize;
  return {
    path,
    totalBytes: total,
    freeBytes: free,
    usedRatio: total === 0 ? 0 : 1 - free / total,
  };
}

export async function checkStorage(
  paths: readonly string[],
  warnRatio = 0.8,
  failRatio = 0.95,
): Promise<CheckResult> {
  try {
    const volumes = await Promise.all(paths.map(diskUsage));
    const worst = Math.max(...volumes.map((v) => v.usedRatio));
    return {
      status: worst > failRatio ? 'unhealthy' : worst > warnRatio ? 'degraded' : 'healthy',
      usedRatio: Math.round(worst * 1000) / 1000,
      volumes,
    };
  } catch (error) {
    return { status: 'unhealthy', message: describe(error) };
  }
}

export async function checkExternalApis(
  supabaseUrl: string | undefined,
  anonKey: string | undefined,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 3000,
): Promise<CheckResult> {
  if (!supabaseUrl)
    return { status: 'healthy', configured: false, message: 'SUPABASE_URL not set: built-in auth' };
  const started = performance.now();
  try {
    const response = await fetchImpl(`${supabaseUrl}/auth/v1/health`, {
      headers: anonKey ? { apikey: anonKey } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      status: response.ok ? 'healthy' : 'degraded',
      configured: true,
      latencyMs: elapsed(started),
      supabaseAuth: response.status,
    };
  } catch (error) {
    return {
      status: 'unhealthy',
      configured: true,
      latencyMs: elapsed(started),
      message: describe(error),
    };
  }
}
