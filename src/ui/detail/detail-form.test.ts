import { describe, expect, it } from 'vitest';
import { createTask } from '../../core/task';
import {
  CUSTOM_RECURRENCE,
  changesFromDraft,
  draftFromTask,
  errorsFromStoreMessage,
  followTask,
  parseLabels,
  withoutInvalid,
} from './detail-form';

const now = new Date(2026, 10, 26, 9, 0);
const base = createTask(
  {
    title: 'Write report',
    due: '2026-11-27T17:00',
    labels: ['work'],
    project: 'Job',
    recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH',
  },
  { id: '00000000-0000-4000-8000-000000000001', now: '2026-11-26T09:00:00.000Z' },
);

describe('detail form', () => {
  it('drafts every field from the task', () => {
    const draft = draftFromTask(base);
    expect(draft).toMatchObject({
      title: 'Write report',
      dueDate: '2026-11-27',
      dueTime: '17:00',
      priority: '4',
      project: 'Job',
      labels: '@work',
      recurrence: CUSTOM_RECURRENCE,
    });
    expect(draft.recurrenceText).toMatch(/Tue and Thu/);
  });

  it('returns only the changed fields', () => {
    const draft = {
      ...draftFromTask(base),
      title: 'Write the report',
      dueTime: '',
      priority: '1',
      labels: '@work @home',
    };
    const { changes, errors } = changesFromDraft(draft, base, now);
    expect(errors).toEqual({});
    expect(changes).toEqual({
      title: 'Write the report',
      due: '2026-11-27',
      priority: 1,
      labels: ['work', 'home'],
    });
  });

  it('explains invalid input beside the field', () => {
    const draft = { ...draftFromTask(base), title: '  ', dueDate: '', dueTime: '10:00' };
    const { errors } = changesFromDraft(draft, base, now);
    expect(errors.title).toBe('Title is required.');
    expect(errors.dueTime).toMatch(/Choose a date/);
  });

  it('parses a typed repeat rule and rejects nonsense', () => {
    const ok = changesFromDraft(
      { ...draftFromTask(base), recurrenceText: 'every 3 months' },
      base,
      now,
    );
    expect(ok.changes.recurrence).toBe('FREQ=MONTHLY;INTERVAL=3');
    const bad = changesFromDraft({ ...draftFromTask(base), recurrenceText: 'whenever' }, base, now);
    expect(bad.errors.recurrenceText).toMatch(/not a repeat rule/);
    const none = changesFromDraft({ ...draftFromTask(base), recurrence: '' }, base, now);
    expect(none.changes.recurrence).toBeNull();
  });

  it('clears the project to the Inbox and strips a leading #', () => {
    expect(
      changesFromDraft({ ...draftFromTask(base), project: '' }, base, now).changes.project,
    ).toBeNull();
    expect(
      changesFromDraft({ ...draftFromTask(base), project: '#Home' }, base, now).changes.project,
    ).toBe('Home');
  });

  it('splits labels on @ or commas', () => {
    expect(parseLabels('@home @deep work')).toEqual(['home', 'deep work']);
    expect(parseLabels('home, errands,home')).toEqual(['home', 'errands']);
    expect(parseLabels('')).toEqual([]);
  });

  it('places store validation messages on their fields', () => {
    expect(
      errorsFromStoreMessage('due: Due is not a real calendar date; labels.0: Must not be empty'),
    ).toEqual({
      dueDate: 'Due is not a real calendar date',
      labels: 'Must not be empty',
    });
    expect(errorsFromStoreMessage('Something odd')).toEqual({ form: 'Something odd' });
  });

  it('follows the stored task except in the fields being typed into', () => {
    const typed = { ...draftFromTask(base), title: 'Write the report', notes: 'draft' };
    const changed = { ...base, title: 'Other', priority: 1 as const, notes: 'theirs' };
    const next = followTask(typed, changed, new Set(['title'] as const));
    expect(next).toMatchObject({ title: 'Write the report', notes: 'theirs', priority: '1' });
    expect(followTask(null, base, new Set())).toEqual(draftFromTask(base));
  });

  it('keeps the valid changes when another field holds an error', () => {
    const draft = { ...draftFromTask(base), title: 'New title', dueDate: '', dueTime: '25:00' };
    const { changes, errors } = changesFromDraft(draft, base, now);
    expect(errors.dueTime).toBeTruthy();
    expect(withoutInvalid(changes, errors)).toEqual({ title: 'New title' });
  });
});
