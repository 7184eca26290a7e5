// One labelled input of the account forms, pointing at its form's error line while that shows an error.
import type { JSX, Signal } from 'solid-js';

/** Each input of the account forms: its id, its label, and what the browser may fill in (its type too). */
const FIELDS = {
  email: { id: 'account-email', label: 'Email', autocomplete: 'email' },
  password: { id: 'account-password', label: 'Password', autocomplete: 'current-password' },
  newPassword: { id: 'account-new-password', label: 'New password', autocomplete: 'new-password' },
  newEmail: { id: 'account-new-email', label: 'New email', autocomplete: 'email' },
  deletePassword: {
    id: 'account-delete-password',
    label: 'Password',
    autocomplete: 'current-password',
  },
} as const;

export function AccountField(props: {
  field: keyof typeof FIELDS;
  value: Signal<string>;
  /** The form's error line, while it shows an error about this field. */
  errorId?: string;
  ref?: (el: HTMLInputElement) => void;
}): JSX.Element {
  const field = () => FIELDS[props.field];
  return (
    <div class="field">
      <label class="field-label" for={field().id}>
        {field().label}
      </label>
      <input
        ref={props.ref}
        id={field().id}
        type={field().autocomplete === 'email' ? 'email' : 'password'}
        autocomplete={field().autocomplete}
        required
        value={props.value[0]()}
        onInput={(e) => props.value[1](e.currentTarget.value)}
        aria-invalid={props.errorId ? 'true' : undefined}
        aria-describedby={props.errorId}
      />
    </div>
  );
}
