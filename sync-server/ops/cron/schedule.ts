// A five-field cron matcher (minute hour day-of-month month day-of-week, UTC) covering what the operations specification's schedules
// use: `*`, numbers, lists, ranges and `*/n` steps. Enough for the scheduler; not a general cron implementation.

interface CronSchedule {
  expression: string;
  matches(at: Date): boolean;
}

const FIELD_RANGES: readonly [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function parseField(field: string, [min, max]: [number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const match = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new Error(`invalid cron field "${field}"`);
    const [, range, stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    let [from, to] = [min, max];
    if (range !== '*') {
      const [a, b] = range.split('-').map(Number);
      from = a;
      to = b ?? (stepText === undefined ? a : max);
    }
    if (step < 1 || from < min || to > max || from > to)
      throw new Error(`cron field "${field}" out of range`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron expression "${expression}" needs 5 fields`);
  const [minutes, hours, days, months, weekdays] = fields.map((f, i) =>
    parseField(f, FIELD_RANGES[i]),
  );
  const dayRestricted = fields[2] !== '*';
  const weekdayRestricted = fields[4] !== '*';
  return {
    expression,
    matches(at) {
      if (
        !minutes.has(at.getUTCMinutes()) ||
        !hours.has(at.getUTCHours()) ||
        !months.has(at.getUTCMonth() + 1)
      ) {
        return false;
      }
      const dayOk = days.has(at.getUTCDate());
      const weekdayOk = weekdays.has(at.getUTCDay());
      // Classic cron: when both day fields are restricted, either one matching is enough.
      if (dayRestricted && weekdayRestricted) return dayOk || weekdayOk;
      return dayOk && weekdayOk;
    },
  };
}
