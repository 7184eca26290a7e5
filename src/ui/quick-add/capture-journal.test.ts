// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createTestServices } from '../testing';
import { createCaptureJournal, replayCaptureJournal } from './capture-journal';

const ID = '0193b5a0-0000-7000-8000-00000000c0de';

describe('capture journal', () => {
  it('replays a capture the last session never stored, exactly once', async () => {
    const { db, store } = await createTestServices();
    localStorage.clear();
    const journal = createCaptureJournal(localStorage);
    journal.add({ id: ID, fields: { title: 'Call mom', priority: 1 } });
    // A new page: the journal survived in localStorage, the task never reached IndexedDB.
    const next = createCaptureJournal(localStorage);
    expect(await replayCaptureJournal(next, store, db)).toBe(1);
    expect((await store.getTask(ID))?.title).toBe('Call mom');
    expect(await db.outbox.where('taskId').equals(ID).count()).toBe(1);
    expect(next.list()).toEqual([]);
    expect(await replayCaptureJournal(next, store, db)).toBe(0);
  });

  it('does not add a task again when the commit happened but the journal entry stayed', async () => {
    const { db, store } = await createTestServices();
    localStorage.clear();
    const journal = createCaptureJournal(localStorage);
    await store.addTask({ id: ID, title: 'Already stored' });
    journal.add({ id: ID, fields: { title: 'Already stored' } });
    expect(await replayCaptureJournal(journal, store, db)).toBe(0);
    expect(await db.tasks.count()).toBe(1);
    expect(journal.list()).toEqual([]);
  });

  it('survives unreadable or missing storage', () => {
    localStorage.setItem('tend:capture-journal', '{not json');
    expect(createCaptureJournal(localStorage).list()).toEqual([]);
    const none = createCaptureJournal(null);
    none.add({ id: ID, fields: { title: 'x' } });
    expect(none.list()).toEqual([]);
  });
});
