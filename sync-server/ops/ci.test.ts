// The CI/CD workflows keep the operations specification's pipeline: parallel fail-fast lint; tests on every
// supported Node release with coverage, PostgreSQL, Redis and Chromium; security scans; one production build
// that the browser suites test and the deploy ships; staging on develop, production on main with end-to-end
// tests, and a rollback that only undoes a promotion.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Yaml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const parseYaml = (path: string) => parse(readFileSync(path, 'utf8')) as Yaml;
const main = parseYaml('.github/workflows/main.yml');
const deploy = parseYaml('.github/workflows/deploy.yml');

describe('GitHub workflows', () => {
  const jobs = () => main.jobs as Yaml;
  const allSteps = (wf: Yaml) =>
    Object.values(wf.jobs as Yaml).flatMap((j: Yaml) => (j.steps ?? []) as Yaml[]);

  it('lint runs eslint, typescript and prettier in parallel, failing fast', () => {
    expect(jobs().lint.strategy).toEqual({
      'fail-fast': true,
      matrix: { check: ['eslint', 'typescript', 'prettier'] },
    });
  });

  it('tests run after lint on Node 22 and 24, with PostgreSQL, Redis, Chromium and the coverage gate', () => {
    const tests = jobs().tests;
    expect(tests.needs).toBe('lint');
    expect(tests.strategy.matrix.node).toEqual(['22', '24']);
    expect(Object.keys(tests.services)).toEqual(['postgres', 'redis']);
    const steps = JSON.stringify(tests.steps);
    expect(steps).toContain('npx vitest run --coverage');
    expect(steps).toContain('install -y -qq chromium');
    expect(steps).toContain('npm run test:db');
  });

  it('scans dependencies and code, and says when snyk is skipped', () => {
    const steps = JSON.stringify(jobs().security.steps);
    expect(steps).toContain('npm audit --audit-level=high');
    expect(steps).toContain('semgrep scan --config=auto');
    const snyk = jobs().security.steps.find((s: Yaml) => s.name === 'snyk');
    expect(snyk.if).toBeUndefined();
    expect(snyk.run).toContain('snyk skipped');
  });

  it('builds once for production with ANALYZE and a manifest; the browser suites test that build', () => {
    const build = jobs().build;
    expect(build.needs).toBe('lint');
    const step = build.steps.find((s: Yaml) => s.run === 'npm run build');
    expect(step.env).toEqual({ NODE_ENV: 'production', ANALYZE: 'true' });
    expect(JSON.stringify(build.steps)).toContain('dist-manifest.mjs write dist');
    const uploads = build.steps.filter((s: Yaml) =>
      String(s.uses).startsWith('actions/upload-artifact'),
    );
    expect(uploads.map((s: Yaml) => s.with.name)).toEqual(['dist', 'stats']);
    const browser = jobs().browser_tests;
    expect(browser.needs).toBe('build');
    expect(browser.strategy.matrix.project).toEqual(['e2e', 'a11y', 'smoke']);
    const browserSteps = JSON.stringify(browser.steps);
    expect(browserSteps).toContain('dist-manifest.mjs verify dist');
    expect(browserSteps).not.toContain('npm run build');
    for (const deployJob of ['deploy_staging', 'deploy_production'])
      expect(jobs()[deployJob].needs).toEqual(['tests', 'browser_tests', 'security', 'build']);
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

  // A dry run of the deploy job's wiring: the steps the release decisions depend on exist, in order, with the
  // conditions that make "roll back only after promotion" and "deploy what was built and tested" true.
  const steps = deploy.jobs.deploy.steps as Yaml[];
  const index = (id: string) => steps.findIndex((s) => s.id === id);

  it('records the live release before promoting and rolls back only to it, only after promotion', () => {
    expect(index('live')).toBeGreaterThanOrEqual(0);
    expect(index('live')).toBeLessThan(index('promote'));
    expect(index('green')).toBeLessThan(index('promote'));
    expect(index('promote')).toBeLessThan(index('monitor'));
    const rollback = steps[index('rollback')]!;
    expect(index('rollback')).toBeGreaterThan(index('monitor'));
    expect(rollback.if).toMatch(/always\(\)/);
    expect(rollback.run).toContain('release.ts plan-rollback');
    expect(rollback.run).toContain('steps.promote.outcome');
    expect(rollback.run).toContain('steps.live.outputs.release');
    expect(rollback.run).toMatch(/rollback "\$target"/);
    const others = steps.filter(
      (s) => /vercel\S* rollback/.test(s.run ?? '') && s.id !== 'rollback',
    );
    expect(others).toEqual([]);
  });

  it('deploys the artifact the pipeline built and tested, without building from source again', () => {
    const download = steps.findIndex((s) => String(s.uses).startsWith('actions/download-artifact'));
    expect(download).toBeGreaterThanOrEqual(0);
    expect(index('green')).toBeGreaterThan(download);
    const green = steps[index('green')]!;
    expect(green.run).toContain('deploy --prebuilt');
    expect(green.run).toContain('TEND_PREBUILT_DIST=1');
    expect(steps.some((s) => /npm run build/.test(s.run ?? ''))).toBe(false);
    const smoke = steps.find((s) => s.name === 'Smoke tests against green')!;
    expect(smoke.env.BASE_URL).toContain('steps.green.outputs.url');
    expect(smoke.run).toContain('--project=smoke');
  });

  it('uses Node 22 or 24 and v4 of the official actions everywhere', () => {
    for (const wf of [main, deploy]) {
      for (const step of allSteps(wf)) {
        if (String(step.uses).startsWith('actions/')) expect(step.uses).toMatch(/@v4$/);
        if (step.uses === 'actions/setup-node@v4')
          expect(['24', '${{ env.NODE_VERSION }}', '${{ matrix.node }}']).toContain(
            step.with['node-version'],
          );
      }
    }
    expect(main.env.NODE_VERSION).toBe('24');
  });
});
