import { describe, expect, it } from 'vitest';
import { createCpuSampler } from './cpu';
import { formatPrometheus } from './prometheus';

describe('cpu sampler', () => {
  it('divides busy time by wall time and cores', () => {
    let wall = 0;
    let used = 0;
    const sampler = createCpuSampler({
      now: () => wall,
      cpuUsage: (previous) => ({ user: used - (previous?.user ?? 0), system: 0 }),
      cores: 2,
    });
    wall = 1000; // 1 s of wall time
    used = 500_000; // 0.5 s of CPU (microseconds)
    expect(sampler.sample()).toBe(0.25);
  });
});

describe('Prometheus text', () => {
  it('writes HELP/TYPE once per metric, escapes labels and omits unknown values', () => {
    expect(
      formatPrometheus([
        { name: 'a', help: 'A', value: 1, labels: { q: 'x"y' } },
        { name: 'a', help: 'A', value: 2, labels: { q: 'z' } },
        { name: 'b', help: 'B', value: null },
      ]),
    ).toBe('# HELP a A\n# TYPE a gauge\na{q="x\\"y"} 1\na{q="z"} 2\n');
  });
});
