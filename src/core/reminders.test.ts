import { describe, expect, it } from 'vitest';
import {
  carryReminders,
  dueFirings,
  firingKey,
  isTimeZone,
  nextFiring,
  REMINDER_GRACE_MS,
  resolveReminders,
  wallClockToInstant,
} from './reminders';
import { createTask, taskChangesSchema, MAX_REMINDERS } from './task';

const TASK = '0193b5a0-0000-7000-8000-000000000001';
const R1 = '0193b5a0-0000-7000-8000-0000000000a1';
const R2 = '0193b5a0-0000-7000-8000-0000000000a2';
const ids = { id: TASK, now: '2026-12-01T08:00:00.000Z' };
const ms = (iso: string) => Date.parse(iso);

describe('reminders in the task schema', () => {
  it('default to none and accept both forms', () => {
    expect(createTask({ title: 'a' }, ids).reminders).toEqual([]);
    const reminders = [
      { id: R1, at: '2026-12-02T09:00:00.000Z' },
      { id: R2, before: 30 },
    ];
    expect(createTask({ title: 'a', reminders }, ids).reminders).toEqual(reminders);
  });

  it('refuse hostile input: unknown keys, bad ids, impossible instants, unbounded minutes and counts', () => {
    const bad = (reminders: unknown) => taskChangesSchema.safeParse({ reminders }).success;
    expect(bad([{ id: R1, at: '2026-02-30T09:00:00Z' }])).toBe(false);
    expect(bad([{ id: R1, at: '2026-12-02T09:00' }])).toBe(false);
    expect(bad([{ id: R1, at: '10000-01-01T00:00:00Z' }])).toBe(false);
    expect(bad([{ id: R1, before: -5 }])).toBe(false);
    expect(bad([{ id: R1, before: 1.5 }])).toBe(false);
    expect(bad([{ id: R1, before: 1e9 }])).toBe(false);
    expect(bad([{ id: R1, before: 5, at: '2026-12-02T09:00:00Z' }])).toBe(false);
    expect(bad([{ id: 'x', before: 5 }])).toBe(false);
    expect(bad([{ id: R1, before: 5, owner: 'y' }])).toBe(false);
    expect(
      bad([
        { id: R1, before: 5 },
        { id: R1, before: 10 },
      ]),
    ).toBe(false);
    const many = Array.from({ length: MAX_REMINDERS + 1 }, (_, i) => ({
      id: `0193b5a0-0000-7000-8000-${String(i).padStart(12, '0')}`,
      before: i,
    }));
    expect(bad(many)).toBe(false);
    expect(bad(many.slice(0, MAX_REMINDERS))).toBe(true);
    expect(bad(null)).toBe(false);
  });
});

describe('time zones', () => {
  it('knows real zone names and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('../../etc')).toBe(false);
    expect(isTimeZone('x'.repeat(100))).toBe(false);
    expect(isTimeZone(42)).toBe(false);
  });

  it('turns a wall clock into its instant, across DST', () => {
    expect(wallClockToInstant('2026-12-02T15:00', 'Europe/Berlin')).toBe(ms('2026-12-02T14:00Z'));
    expect(wallClockToInstant('2026-07-02T15:00', 'Europe/Berlin')).toBe(ms('2026-07-02T13:00Z'));
    expect(wallClockToInstant('2026-12-02T15:00', 'America/New_York')).toBe(
      ms('2026-12-02T20:00Z'),
    );
    // 02:30 does not exist on 29 March 2026 in Berlin: the clock shows 03:30 then.
    expect(wallClockToInstant('2026-03-29T02:30', 'Europe/Berlin')).toBe(ms('2026-03-29T01:30Z'));
    // 02:30 happens twice on 25 October 2026: the first one.
    expect(wallClockToInstant('2026-10-25T02:30', 'Europe/Berlin')).toBe(ms('2026-10-25T00:30Z'));
    expect(wallClockToInstant('2026-12-02', 'Europe/Berlin')).toBeNull();
    expect(wallClockToInstant('2026-12-02T15:00', 'Nowhere/Special')).toBeNull();
  });
});

describe('resolving reminders', () => {
  const task = {
    id: TASK,
    due: '2026-12-02T15:00',
    completedAt: null,
    deletedAt: null,
    reminders: [
      { id: R1, before: 30 },
      { id: R2, at: '2026-12-02T13:00:00.000Z' },
    ],
  };

  it('relative ones from the timed due date in the device zone, absolute ones as they are', () => {
    const firings = resolveReminders(task, 'Europe/Berlin');
    expect(firings.map((f) => [f.reminderId, new Date(f.at).toISOString()])).toEqual([
      [R2, '2026-12-02T13:00:00.000Z'],
      [R1, '2026-12-02T13:30:00.000Z'],
    ]);
    expect(firings[1].key).toBe(`${R1}@2026-12-02T13:30:00.000Z`);
  });

  it('relative ones need a timed due date and a zone; done and deleted tasks stay quiet', () => {
    expect(resolveReminders(task, null).map((f) => f.reminderId)).toEqual([R2]);
    expect(
      resolveReminders({ ...task, due: '2026-12-02' }, 'UTC').map((f) => f.reminderId),
    ).toEqual([R2]);
    expect(resolveReminders({ ...task, due: null }, 'UTC').map((f) => f.reminderId)).toEqual([R2]);
    expect(resolveReminders({ ...task, completedAt: '2026-12-01T00:00:00Z' }, 'UTC')).toEqual([]);
    expect(resolveReminders({ ...task, deletedAt: '2026-12-01T00:00:00Z' }, 'UTC')).toEqual([]);
  });

  it('due firings are the ones past, within the grace period; the next one is ahead', () => {
    const at = ms('2026-12-02T13:30Z');
    expect(dueFirings([task], 'Europe/Berlin', at - 1).map((f) => f.reminderId)).toEqual([R2]);
    expect(dueFirings([task], 'Europe/Berlin', at).map((f) => f.reminderId)).toEqual([R2, R1]);
    expect(
      dueFirings([task], 'Europe/Berlin', at + REMINDER_GRACE_MS).map((f) => f.reminderId),
    ).toEqual([]);
    expect(nextFiring([task], 'Europe/Berlin', ms('2026-12-02T13:10Z'))?.at).toBe(at);
    expect(nextFiring([task], 'Europe/Berlin', at)).toBeNull();
  });
});

describe('recurring tasks carry their reminders', () => {
  it('absolute ones move with the due date, relative ones stay, and the firing keys differ', () => {
    const reminders = [
      { id: R1, at: '2026-12-02T08:00:00.000Z' },
      { id: R2, before: 15 },
    ];
    const carried = carryReminders(reminders, '2026-12-02T09:00', '2026-12-09T09:00');
    expect(carried).toEqual([
      { id: R1, at: '2026-12-09T08:00:00.000Z' },
      { id: R2, before: 15 },
    ]);
    expect(carryReminders(reminders, '2026-12-02', '2026-12-03')[0]).toEqual({
      id: R1,
      at: '2026-12-03T08:00:00.000Z',
    });
    expect(carryReminders(reminders, null, '2026-12-03')).toEqual(reminders);
    expect(firingKey(R1, ms('2026-12-02T08:00Z'))).not.toBe(firingKey(R1, ms('2026-12-09T08:00Z')));
  });
});
