// A one-field form for a project name (new project, rename): Enter submits, Escape or Cancel closes.
import type { JSX } from 'solid-js';
import { PROJECT_WORDS as W } from '../messages';

export interface NameFormProps {
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
