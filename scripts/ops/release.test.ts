import { describe, expect, it } from 'vitest';
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
