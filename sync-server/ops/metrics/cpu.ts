// CPU share of this process between two reads, from process.cpuUsage deltas (user + system time over wall time,
// divided by the cores available), so the value is comparable to `top` on a multi-core host.
import { availableParallelism } from 'node:os';

export interface CpuSampler {
  sample(): number;
}

export function createCpuSampler({
  now = () => performance.now(),
  cpuUsage = (previous?: NodeJS.CpuUsage) => process.cpuUsage(previous),
  cores = availableParallelism(),
}: {
  now?: () => number;
  cpuUsage?: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage;
  cores?: number;
} = {}): CpuSampler {
  let lastUsage = cpuUsage();
  let lastAt = now();
  return {
    sample() {
      const at = now();
      const delta = cpuUsage(lastUsage);
      const elapsedMs = at - lastAt;
      lastUsage = cpuUsage();
      lastAt = at;
      if (elapsedMs <= 0) return 0;
      const busyMs = (delta.user + delta.system) / 1000;
      return Math.min(1, busyMs / elapsedMs / Math.max(1, cores));
    },
  };
}
