/* eslint-disable no-script-url -- hostile script URLs are what these tests feed in */
import { describe, expect, it } from 'vitest';
import { hasNoteLinks, splitNoteLinks } from './note-links';

describe('splitNoteLinks', () => {
  it('finds http and https links and leaves sentence punctuation outside them', () => {
    expect(splitNoteLinks('See https://example.com/a?b=1. And http://x.org/(y) too')).toEqual([
      { text: 'See ' },
      { text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { text: '. And ' },
      { text: 'http://x.org/(y)', href: 'http://x.org/(y)' },
      { text: ' too' },
    ]);
  });

  it('keeps every character of the notes, in order', () => {
    const notes = 'a https://a.b/c, (https://d.e) javascript:alert(1) <b>x</b>';
    expect(
      splitNoteLinks(notes)
        .map((s) => s.text)
        .join(''),
    ).toBe(notes);
  });

  it('never links other schemes, however they are spelled', () => {
    for (const hostile of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'java\tscript:alert(1)',
    ]) {
      expect(hasNoteLinks(hostile)).toBe(false);
    }
  });

  it('stops a link at markup, so no quote or angle bracket gets into an href', () => {
    const [, link] = splitNoteLinks('x https://a.example/"><img src=x onerror=alert(1)>');
    expect(link).toEqual({ text: 'https://a.example/', href: 'https://a.example/' });
  });
});
