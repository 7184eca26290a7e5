import { describe, expect, it } from 'vitest';
import { findMarkers } from './markers.ts';

const values = (text: string) => findMarkers(text).map((m) => [m.kind, m.value]);

describe('findMarkers', () => {
  it('finds priorities in both spellings, word-bounded', () => {
    expect(values('Fix p1')).toEqual([['priority', '1']]);
    expect(values('Fix !!3 now')).toEqual([['priority', '3']]);
    expect(values('P2 first')).toEqual([['priority', '2']]);
    expect(values('mp1 p5 p12 !!5 a!!1')).toEqual([]);
  });

  it('finds projects and labels with their offsets', () => {
    const [project, label] = findMarkers('Deploy #clients/acme-web @ops');
    expect(project).toMatchObject({
      kind: 'project',
      value: 'clients/acme-web',
      start: 7,
      end: 24,
    });
    expect(label).toMatchObject({ kind: 'label', value: 'ops', start: 25, end: 29 });
  });

  it('accepts quoted names and trims trailing punctuation', () => {
    expect(values('#"Home Reno" @errands, #Work.')).toEqual([
      ['project', 'Home Reno'],
      ['label', 'errands'],
      ['project', 'Work'],
    ]);
  });

  it('leaves emails, URLs, issue numbers and times alone', () => {
    expect(values('Mail a@b.com see x.com/#top fix #404 meet @5pm')).toEqual([]);
  });
});
