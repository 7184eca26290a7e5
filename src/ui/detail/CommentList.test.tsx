// @vitest-environment jsdom
/* eslint-disable no-script-url -- a hostile script URL is what one comment holds */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@solidjs/testing-library';
import { createAppTaskActions } from '../tasks/actions';
import { WithApp, createTestContext, createTestServices } from '../testing';
import { CommentList } from './CommentList';

afterEach(() => cleanup());

async function setup() {
  const services = await createTestServices();
  const app = createTestContext(services);
  const task = await services.store.addTask({ title: 'Fix the sink' });
  const actions = createAppTaskActions(app, async () => null);
  render(() => (
    <WithApp value={app}>
      <CommentList taskId={task.id} actions={actions} />
    </WithApp>
  ));
  return { app, task };
}

const box = () => screen.getByRole('textbox', { name: 'Add comment' });
const list = () => screen.findByRole('list', { name: 'Comments' });

describe('<CommentList />', () => {
  it('posts with Enter, newest last, with links clickable and script URLs left as text', async () => {
    await setup();
    fireEvent.input(box(), { target: { value: 'Parts at https://example.com/parts' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    await waitFor(async () =>
      expect(within(await list()).getAllByRole('listitem')).toHaveLength(1),
    );
    expect((box() as HTMLTextAreaElement).value).toBe('');
    fireEvent.input(box(), { target: { value: 'javascript:alert(1) <b>bold</b>' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post' }));
    await waitFor(async () =>
      expect(within(await list()).getAllByRole('listitem')).toHaveLength(2),
    );
    // Posted in the same (fixed) minute here, so found by their text rather than their place.
    const items = within(await list())
      .getAllByRole('listitem')
      .sort((a) => (a.textContent?.includes('example.com') ? -1 : 1));
    const link = within(items[0]).getByRole('link', { name: 'https://example.com/parts' });
    expect(link.getAttribute('href')).toBe('https://example.com/parts');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(within(items[1]).queryByRole('link')).toBeNull();
    expect(items[1].querySelector('b')).toBeNull();
    expect(items[1].textContent).toContain('javascript:alert(1) <b>bold</b>');
  });

  it('keeps a new line on Shift+Enter and does not post an empty comment', async () => {
    await setup();
    fireEvent.keyDown(box(), { key: 'Enter' });
    fireEvent.input(box(), { target: { value: 'line one' } });
    fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('list', { name: 'Comments' })).toBeNull();
  });

  it('edits a comment in place, and deletes it with an Undo that brings it back', async () => {
    const { app } = await setup();
    fireEvent.input(box(), { target: { value: 'Call Sam' } });
    fireEvent.keyDown(box(), { key: 'Enter' });
    const item = await within(await list()).findByRole('listitem');
    fireEvent.click(within(item).getByRole('button', { name: 'Edit' }));
    const edit = await screen.findByRole('textbox', { name: 'Edit comment' });
    fireEvent.input(edit, { target: { value: 'Call Sam at 9' } });
    fireEvent.keyDown(edit, { key: 'Enter' });
    await screen.findByText('Call Sam at 9');
    fireEvent.click(within(await list()).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Comments' })).toBeNull());
    expect(app.toasts.toasts()[0].message).toBe('Comment deleted');
    // The Undo inside the section (the toast's is behind the modal dialog) brings it back.
    const undo = within(screen.getByRole('status')).getByRole('button', { name: 'Undo' });
    await waitFor(() => expect(document.activeElement).toBe(undo));
    fireEvent.click(undo);
    await screen.findByText('Call Sam at 9');
    expect(screen.queryByRole('status')).toBeNull();
  });
});
