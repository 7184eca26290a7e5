// A one-field form for a project name (new project, rename): Enter submits, Escape or Cancel closes.
import { Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import { PROJECT_WORDS as W } from '../messages';

interface NameFormProps {
  id: string;
  label: string;
  submitLabel: string;
  class: string;
  value: string;
  onInput: (value: string) => void;
  onSubmit: (event: Event) => void;
  onClose: () => void;
}

export function NameForm(props: NameFormProps): JSX.Element {
  return (
    <form class={props.class} onSubmit={(event) => props.onSubmit(event)}>
      <label for={props.id}>{props.label}</label>
      <input
        ref={(input) =>
          queueMicrotask(() => {
            input.focus();
            input.select();
          })
        }
        id={props.id}
        class="input"
        maxLength={100}
        required
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') props.onClose();
        }}
        autocomplete="off"
      />
      <button type="submit" class="btn btn-primary">
        {props.submitLabel}
      </button>
      <button type="button" class="btn btn-ghost" onClick={() => props.onClose()}>
        {W.cancel}
      </button>
    </form>
  );
}

interface NameFormToggleProps {
  id: string;
  label: string;
  submitLabel: string;
  /** The form's class; the tools' row by default. */
  class?: string;
  /** The button that opens the form, and its class (a plain button by default). */
  openLabel: string;
  openClass?: string;
  /** The name the form opens with; empty by default. */
  initial?: () => string;
  /** Saves the name; calls close() once it is saved. */
  onSave: (name: string, close: () => void) => Promise<void>;
  /** Move focus back to the button when the form closes. */
  refocus?: boolean;
}

/** A button that opens a NameForm in its place; closing the form brings the button back. */
export function NameFormToggle(props: NameFormToggleProps): JSX.Element {
  const [open, setOpen] = createSignal(false);
  const [name, setName] = createSignal('');
  let button: HTMLButtonElement | undefined;
  const close = () => {
    setOpen(false);
    setName('');
    if (props.refocus) queueMicrotask(() => button?.focus());
  };
  return (
    <Show
      when={open()}
      fallback={
        <button
          ref={(element) => (button = element)}
          type="button"
          class={props.openClass ?? 'btn'}
          onClick={() => {
            setName(props.initial?.() ?? '');
            setOpen(true);
          }}
        >
          {props.openLabel}
        </button>
      }
    >
      <NameForm
        id={props.id}
        label={props.label}
        submitLabel={props.submitLabel}
        class={props.class ?? 'project-rename'}
        value={name()}
        onInput={setName}
        onSubmit={(event) => {
          event.preventDefault();
          void props.onSave(name(), close);
        }}
        onClose={close}
      />
    </Show>
  );
}
