// A modal dialog on the native <dialog> (focus trapped by the browser, Escape closes), with a fallback
// for environments without showModal (older engines, jsdom) that traps focus and handles Escape itself.
import { onCleanup, onMount } from 'solid-js';
import type { JSX } from 'solid-js';

interface DialogProps {
  /** Accessible name (also the visible heading's text is up to the caller). */
  labelledBy: string;
  class?: string;
  onClose: () => void;
  children: JSX.Element;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog(props: DialogProps): JSX.Element {
  let dialog!: HTMLDialogElement; // eslint-disable-line no-unassigned-vars -- assigned by ref
  const previouslyFocused = document.activeElement as HTMLElement | null;

  onMount(() => {
    if (typeof dialog.showModal === 'function') {
      try {
        dialog.showModal();
      } catch {
        dialog.setAttribute('open', '');
      }
    } else {
      dialog.setAttribute('open', '');
    }
    const first = dialog.querySelector<HTMLElement>('[autofocus], ' + FOCUSABLE);
    first?.focus();
  });

  onCleanup(() => {
    if (typeof dialog.close === 'function' && dialog.open) dialog.close();
    // Give focus back to where the user was (the row, the button that opened it).
    if (previouslyFocused?.isConnected) previouslyFocused.focus();
  });

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      props.onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    // Native modal dialogs trap focus already; this keeps the fallback equally contained.
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={dialog}
      class={`dialog ${props.class ?? ''}`}
      aria-labelledby={props.labelledBy}
      aria-modal="true"
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === dialog) props.onClose();
      }}
    >
      {props.children}
    </dialog>
  );
}
