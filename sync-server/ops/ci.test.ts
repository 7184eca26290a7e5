// The CI/CD workflows parse as YAML and keep the operations specification's pipeline: parallel fail-fast lint, three test kinds,
// coverage, security scans, a production build with stats, staging on develop, production on main with
// end-to-end tests and automatic rollback. Parsed with Python's PyYAML (installed on this machine and on
// GitHub's runners); skipped where it is missing rather than trusting a hand-rolled parser.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function parseYaml(path: string): Yaml | null {
  try {
    const json = execFileSync(
      'python3',
      ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'],
      {
        input: readFileSync(path, 'utf8'),
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    return JSON.parse(json.toString()) as Yaml;
  } catch (error) {
    if (String((error as { stderr?: Buffer }).stderr ?? '').includes('No module named'))
      return null;
    throw error;
  }
}

const main = parseYaml('.github/workflows/main.yml');
const deploy = parseYaml('.github/workflows/deploy.yml');

describe.skipIf(main === null)('GitHub workflows', () => {
  const jobs = () => main!.jobs as Yaml;
  const allSteps = (wf: Yaml) =>
    Object.values(wf.jobs as Yaml).flatMap((j: Yaml) => (j.steps ?? []) as Yaml[]);

  it('lint runs eslint, typescript and prettier in parallel, failing fast', () => {
    expect(jobs().lint.strategy).toEqual({
      'fail-fast': true,
      matrix: { check: ['eslint', 'typescript', 'prettier'] },
    });
  });

  it('tests run as unit, integration (with PostgreSQL and Redis) and accessibility jobs after lint', () => {
    for (const name of ['unit_tests', 'integration_tests', 'accessibility_tests', 'security']) {
      expect(jobs()[name].needs, name).toBe('lint');
    }
    expect(Object.keys(jobs().integration_tests.services)).toEqual(['postgres', 'redis']);
    expect(JSON.stringify(jobs().unit_tests.steps)).toContain('--coverage');
    expect(JSON.stringify(jobs().accessibility_tests.steps)).toContain('--project=a11y');
  });

  it('scans dependencies and code', () => {
    const steps = JSON.stringify(jobs().security.steps);
    expect(steps).toContain('npm audit --audit-level=high');
    expect(steps).toContain('semgrep scan --config=auto');
    expect(jobs().security.steps.find((s: Yaml) => s.name === 'snyk').if).toBe(
      "env.SNYK_TOKEN != ''",
    );
  });

  it('builds for production with ANALYZE and keeps dist and stats.json', () => {
    const build = jobs().build;
    expect(build.needs).toEqual([
      'unit_tests',
      'integration_tests',
      'accessibility_tests',
      'security',
    ]);
    const step = build.steps.find((s: Yaml) => s.run === 'npm run build');
    expect(step.env).toEqual({ NODE_ENV: 'production', ANALYZE: 'true' });
    const uploads = build.steps.filter((s: Yaml) =>
      String(s.uses).startsWith('actions/upload-artifact'),
    );
    expect(uploads.map((s: Yaml) => s.with.path)).toEqual(['dist/', 'stats.json']);
  });

  it('deploys develop to staging with smoke tests and main to production with e2e tests', () => {
    expect(jobs().deploy_staging.if).toContain('refs/heads/develop');
    expect(jobs().deploy_staging.with).toMatchObject({ environment: 'staging', tests: 'smoke' });
    expect(jobs().deploy_production.if).toContain('refs/heads/main');
    expect(jobs().deploy_production.with).toMatchObject({
      environment: 'production',
      tests: 'e2e',
      production: true,
    });
  });

  it('rolls production back automatically when a later step fails', () => {
    const steps = deploy!.jobs.deploy.steps as Yaml[];
    const rollback = steps.find((s) => s.name === 'Automatic rollback')!;
    expect(rollback.if).toBe('failure() && inputs.production');
    expect(rollback.run).toContain('rollback');
    const names = steps.map((s) => s.name).filter(Boolean);
    expect(names.indexOf('Smoke tests against green')).toBeLessThan(
      names.indexOf('Switch traffic to green'),
    );
    expect(names.indexOf('Switch traffic to green')).toBeLessThan(
      names.indexOf('Monitor (rollback criteria for 10 minutes)'),
    );
  });

  it('uses Node 20 and v4 of the official actions everywhere', () => {
    for (const wf of [main!, deploy!]) {
      for (const step of allSteps(wf)) {
        if (String(step.uses).startsWith('actions/')) expect(step.uses).toMatch(/@v4$/);
        if (step.uses === 'actions/setup-node@v4')
          expect(['20', '${{ env.NODE_VERSION }}']).toContain(step.with['node-version']);
      }
    }
    expect(main!.env.NODE_VERSION).toBe('20');
  });
});
