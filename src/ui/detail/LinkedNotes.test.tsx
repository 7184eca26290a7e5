// @vitest-environment jsdom
/* eslint-disable no-script-url -- hostile script URLs are what these tests feed in */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@solidjs/testing-library';
import { LinkedNotes } from './LinkedNotes';

afterEach(() => cleanup());

describe('<LinkedNotes />', () => {
  it('renders hostile notes as text, with only http(s) links as safe anchors', () => {
    const notes =
      'Plan: https://example.com/plan <img src=x onerror="alert(1)"> <script>alert(2)</script> ' +
      'javascript:alert(3) <a href="javascript:alert(4)">click</a>';
    render(() => <LinkedNotes text={notes} label="Links in the notes" />);
    const group = screen.getByRole('group', { name: 'Links in the notes' });
    expect(group.textContent).toBe(notes);
    expect(group.querySelector('img, script')).toBeNull();
    const anchors = [...group.querySelectorAll('a')];
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/plan']);
    expect(anchors[0].getAttribute('rel')).toBe('noopener noreferrer');
    expect(anchors[0].getAttribute('target')).toBe('_blank');
    expect(screen.getByRole('link', { name: 'https://example.com/plan' })).toBe(anchors[0]);
  });
});
