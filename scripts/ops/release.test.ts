import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { liveReleaseFromInspect, main, planRollback } from './release';

const previous = 'https://tend-abc123.vercel.app';

describe('planRollback', () => {
  it('rolls a failed promotion back to the release that was live before it', () => {
    expect(
      planRollback({ production: true, promote: 'success', status: 'failure', previous }),
    ).toEqual({
      action: 'rollback',
      target: previous,
    });
  });

  it('does nothing when the job failed before traffic moved', () => {
    for (const promote of ['skipped', 'failure', 'cancelled', ''] as const)
      expect(planRollback({ production: true, promote, status: 'failure', previous }).action).toBe(
        'none',
      );
  });

  it('does nothing for a healthy or a staging deployment, or without a recorded release', () => {
    expect(
      planRollback({ production: true, promote: 'success', status: 'success', previous }).action,
    ).toBe('none');
    expect(
      planRollback({ production: false, promote: 'success', status: 'failure', previous }).action,
    ).toBe('none');
    expect(
      planRollback({ production: true, promote: 'success', status: 'failure', previous: '' })
        .action,
    ).toBe('none');
  });

  it('is what the command line prints', () => {
    const args = [
      'plan-rollback',
      '--production',
      'true',
      '--promote',
      'success',
      '--status',
      'failure',
    ];
    expect(JSON.parse(main([...args, '--previous', previous], () => '').out)).toEqual({
      action: 'rollback',
      target: previous,
    });
  });
});

describe('liveReleaseFromInspect', () => {
  it('reads the url line of vercel inspect', () => {
    const output = `> Fetched deployment "tend.example.com" in acme\n\n  General\n\n    id\t\tdpl_123\n    name\ttend\n    url\t\t${previous}\n`;
    expect(liveReleaseFromInspect(output)).toBe(previous);
    expect(liveReleaseFromInspect('Error: no deployment')).toBeNull();
  });
});

// A dry run of the workflow's wiring: the steps the decisions depend on exist, in the right order, with the
// conditions that make "roll back only after promotion" and "deploy what was built and tested" true.
describe('deploy workflow', () => {
  type Step = {
    id?: string;
    name?: string;
    if?: string;
    run?: string;
    uses?: string;
    with?: Record<string, string>;
  };
  const workflow = parse(readFileSync('.github/workflows/deploy.yml', 'utf8')) as {
    jobs: Record<string, { steps: Step[] }>;
  };
  const steps = workflow.jobs.deploy!.steps;
  const index = (id: string) => steps.findIndex((s) => s.id === id);

  it('records the live release before promoting and rolls back only to it, only after promotion', () => {
    expect(index('live')).toBeGreaterThanOrEqual(0);
    expect(index('live')).toBeLessThan(index('promote'));
    const rollback = steps.find((s) => s.id === 'rollback')!;
    expect(index('rollback')).toBeGreaterThan(index('monitor'));
    expect(rollback.if).toMatch(/always\(\)/);
    expect(rollback.run).toContain('release.ts plan-rollback');
    expect(rollback.run).toContain('steps.promote.outcome');
    expect(rollback.run).toContain('steps.live.outputs.release');
    expect(rollback.run).toMatch(/rollback "\$target"/);
    expect(
      steps.filter((s) => (s.run ?? '').match(/vercel.* rollback/) && s.id !== 'rollback'),
    ).toEqual([]);
  });

  it('deploys the artifact the pipeline built and tested, without building from source again', () => {
    const download = steps.findIndex((s) => s.uses?.startsWith('actions/download-artifact'));
    expect(download).toBeGreaterThanOrEqual(0);
    const green = steps[index('green')]!;
    expect(index('green')).toBeGreaterThan(download);
    expect(green.run).toContain('deploy --prebuilt');
    expect(green.run).toContain('TEND_PREBUILT_DIST=1');
    expect(steps.some((s) => /npm run build/.test(s.run ?? ''))).toBe(false);
  });
});
