// Release decisions the deploy workflow (.github/workflows/deploy.yml) delegates here, so they are tested
// rather than buried in YAML conditions:
//   plan-rollback: roll back only a promotion that happened, and only to the release that was live before it.
//   live-release:  which deployment serves production now (read from `vercel inspect` output).
//   npx tsx scripts/ops/release.ts plan-rollback --production true --promote success --status failure --previous <url>
//   vercel inspect <domain> 2>&1 | npx tsx scripts/ops/release.ts live-release
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** `steps.<id>.outcome` in GitHub Actions: a step that never ran is 'skipped'. */
type StepOutcome = 'success' | 'failure' | 'cancelled' | 'skipped' | '';

interface RollbackInput {
  production: boolean;
  /** Outcome of the step that moved production traffic to the new deployment. */
  promote: StepOutcome;
  /** `job.status` when the decision runs (after every other step). */
  status: 'success' | 'failure' | 'cancelled';
  /** The deployment that served production before the promotion, recorded before promoting. */
  previous: string;
}

type RollbackPlan = { action: 'none'; reason: string } | { action: 'rollback'; target: string };

export function planRollback(input: RollbackInput): RollbackPlan {
  if (!input.production) return { action: 'none', reason: 'not a production deployment' };
  if (input.status === 'success') return { action: 'none', reason: 'the deployment is healthy' };
  // A failure before traffic moved leaves the live release untouched: rolling back then would move
  // production past the healthy current release.
  if (input.promote !== 'success')
    return {
      action: 'none',
      reason: 'failed before promotion: production still serves the previous release',
    };
  if (!/^https:\/\/\S+$/.test(input.previous))
    return {
      action: 'none',
      reason: 'no previous release was recorded: roll back by hand (docs/ops/deployment.md)',
    };
  return { action: 'rollback', target: input.previous };
}

/** The production deployment's URL from `vercel inspect <domain>` output (it prints `url  https://…`). */
export function liveReleaseFromInspect(output: string): string | null {
  const labelled = /^\s*url\s+(https:\/\/\S+)/m.exec(output);
  if (labelled) return labelled[1]!;
  const any = /https:\/\/[a-z0-9-]+\.vercel\.app\b/i.exec(output);
  return any ? any[0] : null;
}

function option(args: readonly string[], name: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? '') : '';
}

export function main(args: readonly string[], stdin: () => string): { out: string; code: number } {
  const [command, ...rest] = args;
  if (command === 'plan-rollback') {
    const status = option(rest, 'status');
    const plan = planRollback({
      production: option(rest, 'production') === 'true',
      promote: option(rest, 'promote') as StepOutcome,
      status: status === 'success' || status === 'cancelled' ? status : 'failure',
      previous: option(rest, 'previous'),
    });
    return { out: JSON.stringify(plan), code: 0 };
  }
  if (command === 'live-release') {
    const url = liveReleaseFromInspect(stdin());
    return url ? { out: url, code: 0 } : { out: 'no deployment URL in the input', code: 1 };
  }
  return { out: 'usage: release.ts plan-rollback … | live-release < inspect-output', code: 2 };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { out, code } = main(process.argv.slice(2), () => readFileSync(0, 'utf8'));
  (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
  process.exit(code);
}
