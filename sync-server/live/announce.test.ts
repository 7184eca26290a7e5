// A committed push is announced to live streams when it changed any kind of record, comments included,
// and stays quiet when it changed nothing (a replay of already applied writes).
import { describe, expect, it } from 'vitest';
import { announceCommitted } from './announce';

describe('announcing a committed push', () => {
  const heard: { owner: string; seq: number }[] = [];
  const ctx = {
    live: { feed: { announceCommitted: (e: { owner: string; seq: number }) => heard.push(e) } },
  } as unknown as Parameters<typeof announceCommitted>[0];
  const none = { size: 0 };

  it('announces a push that changed only a comment, under the owner in lower case', () => {
    heard.length = 0;
    announceCommitted(ctx, 'AAAA', {
      seq: 4,
      changed: none,
      changedProjects: none,
      changedSections: none,
      changedComments: { size: 1 },
    });
    expect(heard).toEqual([{ owner: 'aaaa', seq: 4 }]);
  });

  it('stays quiet when nothing changed', () => {
    heard.length = 0;
    announceCommitted(ctx, 'a', {
      seq: 4,
      changed: none,
      changedProjects: none,
      changedSections: none,
      changedComments: none,
    });
    expect(heard).toEqual([]);
  });
});
