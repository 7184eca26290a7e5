import { describe, expect, it } from 'vitest';
import { TransferError } from './errors';
import { parseTodoistCsv, parseTodoistDate } from './todoist-csv';
import type { NewTask } from '../task';
import type { ParsedDate } from './todoist-csv';

const NOW = new Date(2026, 10, 26, 9, 0);
const HEADER =
  'TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE,DURATION,DURATION_UNIT';

let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

/** The drafts without the ids chosen for them, for tests about other columns. */
const withoutIds = ({ id: _id, parentId: _parentId, ...rest }: NewTask) => rest;

/** Stands in for the quick-add parser so these tests pin the CSV mapping, not the date grammar. */
function fakeDates(table: Record<string, ParsedDate>) {
  return (text: string): ParsedDate => table[text] ?? { due: null, recurrence: null };
}

describe('Todoist CSV import', () => {
  it('maps a real export: labels from CONTENT, priority, description, dates, comments', () => {
    const csv = [
      '\uFEFF' + HEADER,
      'task,Buy milk @errand @home,,4,1,Ann (1),,tomorrow,en,Europe/Berlin,,',
      'task,"Write ""report"", part 2","First line\nsecond line",1,1,Ann (1),,every monday,en,,,',
      'note,Remember the appendix,,,,Ann (1),,,,,,',
      'task,Plain,,2,1,Ann (1),,,,,,',
      '',
    ].join('\r\n');
    const dates = fakeDates({
      tomorrow: { due: '2026-11-27', recurrence: null },
      'every monday': { due: '2026-11-30', recurrence: 'FREQ=WEEKLY;BYDAY=MO' },
    });
    const { tasks, comments, warnings } = parseTodoistCsv(csv, {
      project: 'Home',
      now: NOW,
      newId,
      parseDate: dates,
    });
    expect(warnings).toEqual([]);
    expect(comments).toEqual([{ taskId: tasks[1].id, text: 'Remember the appendix' }]);
    expect(tasks.map(withoutIds)).toEqual([
      {
        title: 'Buy milk',
        project: 'Home',
        labels: ['errand', 'home'],
        priority: 4,
        due: '2026-11-27',
        recurrence: null,
      },
      {
        title: 'Write "report", part 2',
        project: 'Home',
        labels: [],
        priority: 1,
        due: '2026-11-30',
        recurrence: 'FREQ=WEEKLY;BYDAY=MO',
        notes: 'First line\nsecond line',
      },
      { title: 'Plain', project: 'Home', labels: [], priority: 2 },
    ]);
  });

  it('makes note rows comments of the task row above them, in file order, never of the wrong task', () => {
    const csv = [
      HEADER,
      'note,A project comment,,,,,,,,,,',
      'task,Fix the sink,,1,1,,,,,,,',
      'note,Call Sam,,,,,,,,,,',
      'meta,view_style=list,,,,,,,,,,',
      'note,"Parts at https://example.com/parts\nsecond line",,,,,,,,,,',
      'task,Sub-task,,1,2,,,,,,,',
      'note,On the sub-task,,,,,,,,,,',
      'task,   ,,1,1,,,,,,,',
      'note,Under a skipped row,,,,,,,,,,',
      'section,Later,,,,,,,,,,',
      'note,Under a section,,,,,,,,,,',
      'task,Paint,,1,1,,,,,,,',
      'note,   ,,,,,,,,,,',
      'note,nul \u0000 and fine,,,,,,,,,,',
      `note,${'y'.repeat(20_001)},,,,,,,,,,`,
    ].join('\n');
    const { tasks, comments, warnings } = parseTodoistCsv(csv, { project: null, now: NOW, newId });
    const [sink, sub, paint] = tasks;
    expect(tasks.map((t) => t.title)).toEqual(['Fix the sink', 'Sub-task', 'Paint']);
    expect(tasks.every((t) => !t.notes)).toBe(true);
    expect(comments.map((c) => [c.taskId, c.text.slice(0, 60)])).toEqual([
      [sink.id, 'Call Sam'],
      [sink.id, 'Parts at https://example.com/parts\nsecond line'],
      [sub.id, 'On the sub-task'],
      [paint.id, 'y'.repeat(60)],
    ]);
    expect(comments.at(-1)!.text).toHaveLength(20_000);
    expect(warnings.map((w) => `${w.at}: ${w.message}`)).toEqual([
      'line 2: a comment not under a task was skipped',
      // The quoted note spans two lines of the file.
      'line 10: a task without a title was skipped',
      'line 11: a comment not under a task was skipped',
      'line 13: a comment not under a task was skipped',
      'line 15: comment skipped (A comment must not be empty)',
      'line 16: comment skipped (Must not contain NUL or unpaired surrogate characters)',
      'line 17: the comment was cut to 20,000 characters',
    ]);
  });

  it("reads PRIORITY as Todoist's CSV format documents it: 1 is p1 (highest), 4 is p4", () => {
    const csv = [HEADER, ...[1, 2, 3, 4].map((n) => `task,P${n} task,,${n},1,,,,,,,`)].join('\n');
    const { tasks, warnings } = parseTodoistCsv(csv, { project: null, now: NOW, newId });
    expect(tasks.map((t) => [t.title, t.priority])).toEqual([
      ['P1 task', 1],
      ['P2 task', 2],
      ['P3 task', 3],
      ['P4 task', 4],
    ]);
    expect(warnings).toEqual([]);
  });

  it('keeps DURATION in the notes and says so', () => {
    const csv = [
      HEADER,
      'task,Deep work,Focus,1,1,,,,,,90,minute',
      'task,Retreat,,1,1,,,,,,2,day',
      'task,Quick,,1,1,,,,,,,',
    ].join('\n');
    const { tasks, warnings } = parseTodoistCsv(csv, { project: null, now: NOW, newId });
    expect(tasks.map((t) => t.notes)).toEqual([
      'Focus\n\nTodoist duration: 90 minutes',
      'Todoist duration: 2 days',
      undefined,
    ]);
    expect(warnings).toEqual([
      { at: 'line 2', message: 'Tend has no duration; "90 minutes" is in the notes' },
      { at: 'line 3', message: 'Tend has no duration; "2 days" is in the notes' },
    ]);
  });

  it('keeps sections as labels when asked to, or in the Inbox (which has none), or drops them', () => {
    const csv = [HEADER, 'section,Next week,,,,,,,,,,', 'task,Parent,,1,1,,,,,,,'].join('\n');
    const { tasks } = parseTodoistCsv(csv, { project: null, now: NOW, newId });
    expect(tasks[0].labels).toEqual(['Next_week']);
    const labelled = parseTodoistCsv(csv, { project: 'Home', now: NOW, newId, sections: 'label' });
    expect([labelled.tasks[0].labels, labelled.sections]).toEqual([['Next_week'], []]);
    const ignored = parseTodoistCsv(csv, { project: null, now: NOW, newId, sections: 'ignore' });
    expect(ignored.tasks[0].labels).toEqual([]);
  });

  it('makes section rows sections of the project, with the tasks below each in it', () => {
    const csv = [
      HEADER,
      'task,Before any section,,1,1,,,,,,,',
      'section,Next week,,,,,,,,,,',
      'task,Plan,,1,1,,,,,,,',
      'task,Sub-step,,1,2,,,,,,,',
      'section,Later,,,,,,,,,,',
      'task,Someday,,1,1,,,,,,,',
      'section,next WEEK,,,,,,,,,,',
      'task,Back in the first,,1,1,,,,,,,',
      'section,nul\u0000,,,,,,,,,,',
      'task,Under a bad name,,1,1,,,,,,,',
    ].join('\n');
    // Sections are the default for a project's file.
    const { tasks, sections, warnings } = parseTodoistCsv(csv, {
      project: 'Home',
      now: NOW,
      newId,
    });
    expect(sections.map(({ name, order }) => [name, order])).toEqual([
      ['Next week', 0],
      ['Later', 1],
    ]);
    const [week, later] = sections.map((s) => s.id);
    expect(tasks.map((t) => [t.title, t.sectionId ?? null])).toEqual([
      ['Before any section', null],
      ['Plan', week],
      ['Sub-step', week],
      ['Someday', later],
      ['Back in the first', week],
      ['Under a bad name', null],
    ]);
    expect(tasks.every((t) => t.labels?.length === 0)).toBe(true);
    expect(warnings).toEqual([
      { at: 'line 10', message: expect.stringMatching(/^the section was skipped/) },
    ]);
    // The Inbox has no sections: no section drafts.
    expect(parseTodoistCsv(csv, { project: null, now: NOW, newId }).sections).toEqual([]);
  });

  it('keeps the hierarchy: INDENT 2, 3 and 4 are sub-tasks of the row above', () => {
    const csv = [
      HEADER,
      'task,Parent,,1,1,,,,,,,',
      'task,Child,,1,2,,,,,,,',
      'task,Grandchild,,1,3,,,,,,,',
      'task,Great-grandchild,,1,4,,,,,,,',
      'task,Too deep for Tend,,1,5,,,,,,,',
      'task,Second child,,1,2,,,,,,,',
      'task,Sibling,,1,1,,,,,,,',
      'task,Skips a level,,1,3,,,,,,,',
      'section,Later,,,,,,,,,,',
      'task,After a section,,1,2,,,,,,,',
    ].join('\n');
    let n = 0;
    const { tasks, warnings } = parseTodoistCsv(csv, {
      project: 'Home',
      now: NOW,
      newId: () => `00000000-0000-4000-8000-00000000000${++n}`,
      // A section row here only cuts the hierarchy (as a label it takes no id).
      sections: 'label',
    });
    expect(warnings).toEqual([]);
    const short = (id: string | null | undefined) => id && `id${id.slice(-1)}`;
    expect(tasks.map((t) => [short(t.id), t.title, short(t.parentId), t.notes])).toEqual([
      ['id1', 'Parent', null, undefined],
      ['id2', 'Child', 'id1', undefined],
      ['id3', 'Grandchild', 'id2', undefined],
      ['id4', 'Great-grandchild', 'id3', undefined],
      ['id5', 'Too deep for Tend', 'id3', undefined],
      ['id6', 'Second child', 'id1', undefined],
      ['id7', 'Sibling', null, undefined],
      ['id8', 'Skips a level', 'id7', undefined],
      ['id9', 'After a section', null, undefined],
    ]);
    expect(tasks.every((t) => t.project === 'Home')).toBe(true);
  });

  it('hangs the sub-tasks of a skipped row on the row above it', () => {
    const csv = [
      HEADER,
      'task,Parent,,1,1,,,,,,,',
      'task,   ,,1,2,,,,,,,',
      'task,Orphan,,1,3,,,,,,,',
    ].join('\n');
    let n = 0;
    const { tasks } = parseTodoistCsv(csv, {
      project: null,
      now: NOW,
      newId: () => `00000000-0000-4000-8000-00000000000${++n}`,
    });
    expect(tasks.map((t) => [t.title, t.parentId])).toEqual([
      ['Parent', null],
      ['Orphan', tasks[0].id],
    ]);
  });

  it('keeps a date it cannot read in the notes, and warns', () => {
    const csv = `${HEADER}\ntask,Call,,1,1,,,every third blue moon,en,,,\ntask,Anruf,,1,1,,,jeden Montag,de,,,\n`;
    const { tasks, warnings } = parseTodoistCsv(csv, {
      project: null,
      now: NOW,
      newId,
      parseDate: () => ({ due: '2026-11-30', recurrence: null }),
    });
    expect(tasks[0].due).toBe('2026-11-30');
    expect(tasks[1]).toMatchObject({ due: null, notes: 'Todoist date: jeden Montag' });
    expect(warnings).toEqual([
      { at: 'line 3', message: 'the date "jeden Montag" was not understood; it is in the notes' },
    ]);
    const invalid = parseTodoistCsv(csv, {
      project: null,
      now: NOW,
      newId,
      parseDate: () => ({ due: '2026-13-45', recurrence: null }),
    });
    expect(invalid.tasks[0]).toMatchObject({
      due: null,
      notes: 'Todoist date: every third blue moon',
    });
  });

  it('reads Todoist dates with the quick-add parser, "every!" as "every"', () => {
    const csv = `${HEADER}\ntask,Stretch,,1,1,,,every day,en,,,\ntask,Water,,1,1,,,every! 3 days,en,,,\ntask,Call,,1,1,,,tomorrow at 5pm,en,,,\n`;
    const { tasks, warnings } = parseTodoistCsv(csv, { project: null, now: NOW, newId });
    expect(tasks.map((t) => [t.due, t.recurrence])).toEqual([
      ['2026-11-26', 'FREQ=DAILY'],
      [expect.stringMatching(/^2026-11-/), 'FREQ=DAILY;INTERVAL=3'],
      ['2026-11-27T17:00', null],
    ]);
    expect(warnings).toEqual([
      { at: 'line 3', message: 'repeats from its due date now, not from when it was completed' },
    ]);
  });

  it('reads ISO dates without the quick-add parser', () => {
    expect(parseTodoistDate('2026-12-03', NOW)).toEqual({ due: '2026-12-03', recurrence: null });
    expect(parseTodoistDate(' 2026-12-03 07:30 ', NOW)).toEqual({
      due: '2026-12-03T07:30',
      recurrence: null,
    });
  });

  it('warns about bad rows instead of failing the file', () => {
    const long = 'x'.repeat(600);
    const csv = [
      HEADER,
      'note,Orphan comment,,,,,,,,,,',
      'task,   ,,1,1,,,,,,,',
      'task,@only-label,,9,1,,,,,,,',
      `task,${long},,1,1,,,,,,,`,
      'task,Bad label @' + 'y'.repeat(120) + ',,1,1,,,,,,,',
      'reminder,Whatever,,,,,,,,,,',
      'meta,view_style=list,,,,,,,,,,',
    ].join('\n');
    const { tasks, warnings } = parseTodoistCsv(csv, { project: null, now: NOW, newId });
    expect(tasks.map((t) => t.title)).toEqual(['@only-label', 'x'.repeat(500)]);
    expect(tasks[0]).toMatchObject({ labels: ['only-label'], priority: 4 });
    expect(tasks[1].notes).toBe(long);
    expect(warnings.map((w) => w.at)).toEqual([
      'line 2',
      'line 3',
      'line 4',
      'line 5',
      'line 6',
      'line 7',
    ]);
    expect(warnings[2].message).toContain('priority "9"');
    expect(warnings[4].message).toMatch(/^skipped \(labels\.0: At most 100 characters\)/);
  });

  it('refuses a file that is not a Todoist export', () => {
    expect(() => parseTodoistCsv('name,email\na,b', { project: null, now: NOW, newId })).toThrow(
      TransferError,
    );
    expect(() => parseTodoistCsv('', { project: null, now: NOW, newId })).toThrow('no TYPE column');
  });
});
