// One labelled input of the account forms, pointing at its form's error line while that shows an error.
import type { JSX } from 'solid-js';

export function AccountField(props: {
  id: string;
  label: string;
  type: 'email' | 'password';
  autocomplete: string;
  value: string;
  onInput: (value: string) => void;
  errorId: string;
  invalid: boolean;
  ref?: (el: HTMLInputElement) => void;
}): JSX.Element {
  return (
    <div class="field">
      <label class="field-label" for={props.id}>
        {props.label}
      </label>
      <input
        ref={props.ref}
        id={props.id}
        type={props.type}
        autocomplete={props.autocomplete}
        required
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={props.invalid ? props.errorId : undefined}
      />
    </div>
  );
}
