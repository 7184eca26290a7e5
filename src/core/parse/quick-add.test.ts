import { describe, expect, it } from 'vitest';
import { parseQuickAdd, type ParseOptions } from './quick-add.ts';

// Thursday 2026-11-26 09:00 local wall-clock time, whatever TZ the tests run in.
const now = new Date(2026, 10, 26, 9, 0);
const parse = (text: string, options: Partial<ParseOptions> = {}) =>
  parseQuickAdd(text, { now, ...options });

describe('parseQuickAdd', () => {
  it('extracts every field and reports chips with offsets into the input', () => {
    const text = 'Pay rent every month on the 15th at 9am p1 #Home @bills';
    const result = parse(text);
    expect(result).toMatchObject({
      title: 'Pay rent',
      due: '2026-12-15T09:00',
      priority: 1,
      project: 'Home',
      labels: ['bills'],
      recurrence: 'FREQ=MONTHLY;BYMONTHDAY=15',
    });
    expect(result.chips.map((c) => [c.kind, c.text])).toEqual([
      ['recurrence', 'every month on the 15th'],
      ['due', 'at 9am'],
      ['priority', 'p1'],
      ['project', '#Home'],
      ['label', '@bills'],
    ]);
    for (const chip of result.chips) expect(text.slice(chip.start, chip.end)).toBe(chip.text);
  });

  it('groups a date and its time into one chip, with the words that introduce it', () => {
    const result = parse('Meeting due on Friday at 3pm with Bob');
    expect(result.chips).toEqual([
      { kind: 'due', start: 8, end: 28, text: 'due on Friday at 3pm' },
    ]);
    expect(result.title).toBe('Meeting with Bob');
  });

  it('keeps a dismissed chip in the title and does not detect it again', () => {
    const text = 'Finish Friday report friday';
    expect(parse(text).chips.map((c) => c.text)).toEqual(['Friday']);
    const result = parse(text, { dismissed: [{ kind: 'due', text: 'Friday' }] });
    // Matching is by kind and exact text, so the lower-case "friday" is still a date.
    expect(result).toMatchObject({ title: 'Finish Friday report', due: '2026-11-27' });
    expect(result.chips.map((c) => c.text)).toEqual(['friday']);
    const both = parse(text, {
      dismissed: [
        { kind: 'due', text: 'Friday' },
        { kind: 'due', text: 'friday' },
      ],
    });
    expect(both).toMatchObject({ title: text, due: null, chips: [] });
  });

  it('dismisses markers and recurrences by kind and text only', () => {
    const result = parse('Write monthly every monday p2 #Blog', {
      dismissed: [
        { kind: 'project', text: '#Blog' },
        { kind: 'recurrence', text: 'every monday' },
        { kind: 'due', text: 'p2' },
      ],
    });
    expect(result).toMatchObject({
      title: 'Write monthly every monday #Blog',
      priority: 2,
      project: null,
    });
    expect(result.recurrence).toBeNull();
    expect(result.due).toBeNull(); // "monday" inside the dismissed text is not read as a date either
  });

  it('keeps the original text when nothing but detected parts remain', () => {
    expect(parse('tomorrow p1')).toMatchObject({
      title: 'tomorrow p1',
      due: '2026-11-27',
      priority: 1,
    });
  });

  it('takes the first priority and project, and every label once', () => {
    expect(parse('Plan p2 p1 #A #B @x @y @x')).toMatchObject({
      title: 'Plan p1 #B',
      priority: 2,
      project: 'A',
      labels: ['x', 'y'],
    });
  });

  it('rolls a passed time to tomorrow only when no date is given', () => {
    expect(parse('Call at 8am').due).toBe('2026-11-27T08:00');
    expect(parse('Call today at 8am').due).toBe('2026-11-26T08:00');
    expect(parse('Call at 9am').due).toBe('2026-11-26T09:00');
  });

  it('starts a recurrence on or after a given date', () => {
    expect(parse('Yoga every monday starting dec 14')).toMatchObject({
      title: 'Yoga',
      due: '2026-12-14',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO',
    });
    expect(parse('Stretch every day at 8am').due).toBe('2026-11-27T08:00');
  });

  it('reads the hour in the light of the part of the day around it', () => {
    expect(parse('Movie tonight at 8').due).toBe('2026-11-26T20:00');
    expect(parse('Dinner with Anna friday at 8').due).toBe('2026-11-27T20:00');
    expect(parse('Breakfast meeting at 6 tomorrow').due).toBe('2026-11-27T06:00');
    expect(parse('Standup friday at 8').due).toBe('2026-11-27T08:00');
    expect(parse('Run every morning at 6:30').due).toBe('2026-11-27T06:30');
    expect(parse('Movie night Saturday at 9pm')).toMatchObject({
      title: 'Movie night',
      due: '2026-11-28T21:00',
    });
  });

  it('does not grow dates on titles that only look like them', () => {
    for (const text of [
      'Read 1984',
      'Schedule 1:1 with Priya',
      'The 5th Wave',
      'check money',
      'Wednesday Addams',
    ]) {
      expect(parse(text), text).toMatchObject({
        title: text,
        due: null,
        recurrence: null,
        chips: [],
      });
    }
  });

  it('keeps the end of a series in the title rather than starting there', () => {
    expect(parse('Stretch every day until Dec 31')).toMatchObject({
      title: 'Stretch until Dec 31',
      due: '2026-11-26',
      recurrence: 'FREQ=DAILY',
    });
  });

  it('drops "for" before a date only when the date ends the phrase', () => {
    expect(parse('Book table for tomorrow').title).toBe('Book table');
    expect(parse('Buy tickets for May 12th concert').title).toBe('Buy tickets for concert');
  });

  it('does not read dates inside quotes or links', () => {
    expect(parse('Watch "Next Friday" tomorrow')).toMatchObject({
      title: 'Watch "Next Friday"',
      due: '2026-11-27',
    });
    expect(parse('Read https://example.com/2026-12-03/notes')).toMatchObject({ due: null });
  });

  it('stays fast on long input', () => {
    const long = 'word '.repeat(5000) + 'tomorrow at 5pm';
    expect(parse(long).due).toBe('2026-11-27T17:00');
  });
});

describe('sections after /', () => {
  const known = { projects: ['Home Renovation'], sections: ['Shopping', 'Paint and walls'] };

  it('reads a known section, names with spaces included, as Todoist writes it', () => {
    const text = 'Buy paint #Home Renovation /Shopping tomorrow';
    const result = parse(text, { known });
    expect(result).toMatchObject({
      title: 'Buy paint',
      project: 'Home Renovation',
      section: 'Shopping',
      due: '2026-11-27',
    });
    expect(result.chips.map((c) => [c.kind, c.text])).toEqual([
      ['project', '#Home Renovation'],
      ['section', '/Shopping'],
      ['due', 'tomorrow'],
    ]);
    expect(parse('Sand /paint AND WALLS first', { known })).toMatchObject({
      title: 'Sand first',
      section: 'Paint and walls',
    });
  });

  it('leaves slashes that name no known section as text', () => {
    for (const text of ['Read /r/cats', 'Pick and/or drop', 'Cut 1/2 inch', 'Buy /Shoppingcart']) {
      const result = parse(text, { known });
      expect(result.section, text).toBeNull();
      expect(result.title, text).toBe(text);
    }
    expect(parse('Buy paint /Shopping').section).toBeNull();
  });

  it('lets a dismissed section chip stay text', () => {
    const result = parse('Buy paint /Shopping', {
      known,
      dismissed: [{ kind: 'section', text: '/Shopping' }],
    });
    expect(result).toMatchObject({ title: 'Buy paint /Shopping', section: null });
  });
});
