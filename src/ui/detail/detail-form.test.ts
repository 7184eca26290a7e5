import { describe, expect, it } from 'vitest';
import { createTask } from '../../core/task';
import type { Task } from '../../core/task';
import {
  CUSTOM_RECURRENCE,
  changesFromDraft,
  errorsFromStoreMessage,
  followTask,
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

/** The draft the form opens with: the task, nothing typed yet. */
const draftOf = (task: Task) => followTask(null, task, new Set());

describe('detail form', () => {
  it('drafts every field from the task', () => {
    const draft = draftOf(base);
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
      ...draftOf(base),
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
    const draft = { ...draftOf(base), title: '  ', dueDate: '', dueTime: '10:00' };
    const { errors } = changesFromDraft(draft, base, now);
    expect(errors.title).toBe('Title is required.');
    expect(errors.dueTime).toMatch(/Choose a date/);
  });

  it('parses a typed repeat rule and rejects nonsense', () => {
    const ok = changesFromDraft({ ...draftOf(base), recurrenceText: 'every 3 months' }, base, now);
    expect(ok.changes.recurrence).toBe('FREQ=MONTHLY;INTERVAL=3');
    const bad = changesFromDraft({ ...draftOf(base), recurrenceText: 'whenever' }, base, now);
    expect(bad.errors.recurrenceText).toMatch(/not a repeat rule/);
    const none = changesFromDraft({ ...draftOf(base), recurrence: '' }, base, now);
    expect(none.changes.recurrence).toBeNull();
  });

  it('clears the project to the Inbox and strips a leading #', () => {
    expect(
      changesFromDraft({ ...draftOf(base), project: '' }, base, now).changes.project,
    ).toBeNull();
    expect(
      changesFromDraft({ ...draftOf(base), project: '#Home' }, base, now).changes.project,
    ).toBe('Home');
  });

  it('splits labels on @ or commas', () => {
    const labelsOf = (text: string) =>
      changesFromDraft({ ...draftOf(base), labels: text }, base, now).changes.labels;
    expect(labelsOf('@home @deep work')).toEqual(['home', 'deep work']);
    expect(labelsOf('home, errands,home')).toEqual(['home', 'errands']);
    expect(labelsOf('')).toEqual([]);
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
    const typed = { ...draftOf(base), title: 'Write the report', notes: 'draft' };
    const changed = { ...base, title: 'Other', priority: 1 as const, notes: 'theirs' };
    const next = followTask(typed, changed, new Set(['title'] as const));
    expect(next).toMatchObject({ title: 'Write the report', notes: 'theirs', priority: '1' });
    expect(followTask(typed, changed, new Set())).toEqual(draftOf(changed));
  });

  it('keeps the valid changes when another field holds an error', () => {
    const draft = { ...draftOf(base), title: 'New title', dueDate: '', dueTime: '25:00' };
    const { changes, errors } = changesFromDraft(draft, base, now);
    expect(errors.dueTime).toBeTruthy();
    expect(withoutInvalid(changes, errors)).toEqual({ title: 'New title' });
  });
});
