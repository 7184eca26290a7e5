// Quick-add parser on the command line: one phrase per stdin line in, one JSON object per line out.
// Usage: npm run --silent parse -- --now 2026-11-26T09:00 < phrases.txt
// Blank input lines are skipped (no output line), so output lines match the non-blank input lines.
import { createInterface } from 'node:readline';
import { parseQuickAdd } from '../src/core/parse/quick-add.ts';

function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const text = value.trim();
  // An instant with a zone ("...Z", "+01:00") is taken as that instant, seen on this process's clock.
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) && !Number.isNaN(Date.parse(text)))
    return new Date(text);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text);
  if (!m) throw new Error(`--now must be a local time like 2026-11-26T09:00, got "${value}"`);
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0));
  const now = new Date(y, mo - 1, d, h, mi, s);
  if (now.getMonth() !== mo - 1 || now.getDate() !== d) {
    throw new Error(`--now is not a real date: "${value}"`);
  }
  return now;
}

function readNowArgument(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--now') return args[i + 1];
    if (args[i].startsWith('--now=')) return args[i].slice('--now='.length);
  }
  return undefined;
}

let now: Date;
try {
  now = parseNow(readNowArgument(process.argv.slice(2)));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const { title, due, priority, project, labels, recurrence, reminders } = parseQuickAdd(line, {
    now,
  });
  process.stdout.write(
    `${JSON.stringify({ title, due, priority, project, labels, recurrence, reminders })}\n`,
  );
}
