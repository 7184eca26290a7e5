import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from './quick-add.ts';

// Wednesday 2026-12-02 10:00 local wall-clock time; instants are built in the same local zone.
const now = new Date(2026, 11, 2, 10, 0);
const parse = (text: string) => parseQuickAdd(text, { now });
const local = (y: number, m: number, d: number, h: number, mi = 0) =>
  new Date(y, m - 1, d, h, mi).toISOString();

describe("quick add's ! reminders", () => {
  it('reads an offset before the due time and keeps the due date', () => {
    const r = parse('Dentist tomorrow 3pm !30 min before');
    expect(r).toMatchObject({ title: 'Dentist', due: '2026-12-03T15:00' });
    expect(r.reminders).toEqual([{ before: 30 }]);
    expect(r.chips.map((c) => [c.kind, c.text])).toEqual([
      ['due', 'tomorrow 3pm'],
      ['reminder', '!30 min before'],
    ]);
  });

  it('reads the units and number words Todoist users type', () => {
    expect(parse('Call !1h before').reminders).toEqual([{ before: 60 }]);
    expect(parse('Call !an hour before').reminders).toEqual([{ before: 60 }]);
    expect(parse('Call !2 days before').reminders).toEqual([{ before: 2880 }]);
    expect(parse('Call !15m before').reminders).toEqual([{ before: 15 }]);
  });

  it('puts a bare time on the due date, or on its next occurrence without one', () => {
    expect(parse('Call mom friday !2pm').reminders).toEqual([{ at: local(2026, 12, 4, 14) }]);
    expect(parse('Call mom !2pm').reminders).toEqual([{ at: local(2026, 12, 2, 14) }]);
    expect(parse('Call mom !9am').reminders).toEqual([{ at: local(2026, 12, 3, 9) }]);
  });

  it('reads a date and time of its own, which does not become the due date', () => {
    const r = parse('Pay rent !tomorrow 9am #Home');
    expect(r).toMatchObject({ title: 'Pay rent', due: null, project: 'Home' });
    expect(r.reminders).toEqual([{ at: local(2026, 12, 3, 9) }]);
  });

  it('takes several reminders, in the order typed', () => {
    const r = parse('Meeting tomorrow at 10 !1h before !9am');
    expect(r).toMatchObject({ title: 'Meeting', due: '2026-12-03T10:00' });
    expect(r.reminders).toEqual([{ before: 60 }, { at: local(2026, 12, 3, 9) }]);
  });

  it('leaves exclamations, priorities, quotes and untimed text alone', () => {
    expect(parse('Wow! great').reminders).toEqual([]);
    expect(parse('Wow! great').title).toBe('Wow! great');
    expect(parse('Launch !!1')).toMatchObject({ priority: 1, reminders: [] });
    expect(parse('Watch "now !2pm" later').reminders).toEqual([]);
    expect(parse('Say !hello to Bob').reminders).toEqual([]);
    expect(parse('Plan !tomorrow').reminders).toEqual([]);
    expect(parse('Plan !every day 9am').reminders).toEqual([]);
  });

  it('a dismissed reminder chip stays text', () => {
    const r = parseQuickAdd('Call !30 min before', {
      now,
      dismissed: [{ kind: 'reminder', text: '!30 min before' }],
    });
    expect(r.reminders).toEqual([]);
    expect(r.title).toBe('Call !30 min before');
  });
});
