// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Show, createSignal } from 'solid-js';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { Dialog } from './Dialog';

afterEach(() => cleanup());

describe('<Dialog />', () => {
  it('is named, takes focus, traps Tab, closes on Escape and gives focus back', () => {
    const [open, setOpen] = createSignal(false);
    const onClose = vi.fn(() => setOpen(false));
    render(() => (
      <>
        <button type="button" onClick={() => setOpen(true)}>
          Open
        </button>
        <Show when={open()}>
          <Dialog labelledBy="d-title" onClose={onClose}>
            <h2 id="d-title">Example</h2>
            <button type="button">First</button>
            <button type="button">Last</button>
          </Dialog>
        </Show>
      </>
    ));
    const opener = screen.getByRole('button', { name: 'Open' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Example' });
    const first = screen.getByRole('button', { name: 'First' });
    const last = screen.getByRole('button', { name: 'Last' });
    expect(document.activeElement).toBe(first);
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
