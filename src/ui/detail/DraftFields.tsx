// The detail form's fields over one draft: each is typed into the draft and stored when it is left
// (a select when it changes), with its error below it and named by it for a screen reader.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import type { DetailDraft, DraftErrors, DraftField } from './detail-form';

interface DraftForm {
  draft: () => DetailDraft;
  errors: () => DraftErrors;
  /** Puts a typed value in the draft. */
  set: (field: DraftField) => (event: { currentTarget: { value: string } }) => void;
  /** Stores what was typed. */
  commit: () => void;
}

interface DraftInputProps {
  field: DraftField;
  label: string;
  /** A date or time input; a text input when absent (no browser autofill: these are a task's words). */
  type?: 'date' | 'time';
  class?: string;
  placeholder?: string;
  required?: boolean;
  /** The id of a datalist given as a child. */
  list?: string;
  children?: JSX.Element;
}

interface DraftSelectProps {
  field: DraftField;
  label: string;
  options: readonly { value: string; label: string }[];
  /** Options after the listed ones. */
  children?: JSX.Element;
}

/** The field components of one form, with the attributes a field's error gives its control. */
export function createDraftFields(form: DraftForm) {
  const id = (field: DraftField) => `detail-${field}`;

  const errorProps = (field: DraftField) => ({
    'aria-invalid': form.errors()[field] ? ('true' as const) : undefined,
    'aria-describedby': form.errors()[field] ? `${id(field)}-error` : undefined,
  });

  const FieldError = (props: { field: DraftField }): JSX.Element => (
    <Show when={form.errors()[props.field]}>
      <p class="field-error" id={`${id(props.field)}-error`}>
        {form.errors()[props.field]}
      </p>
    </Show>
  );

  /** A labelled control; `children` is the control and what goes below it. */
  const Field = (props: { field: DraftField; label: string; children: JSX.Element }) => (
    <div class="field">
      <label for={id(props.field)}>{props.label}</label>
      {props.children}
    </div>
  );

  const DraftInput = (props: DraftInputProps): JSX.Element => (
    <Field field={props.field} label={props.label}>
      <input
        id={id(props.field)}
        type={props.type}
        class={props.class ?? 'input'}
        list={props.list}
        placeholder={props.placeholder}
        value={form.draft()[props.field]}
        onInput={(event) => form.set(props.field)(event)}
        onChange={() => form.commit()}
        required={props.required}
        autocomplete={props.type ? undefined : 'off'}
        {...errorProps(props.field)}
      />
      {props.children}
      <FieldError field={props.field} />
    </Field>
  );

  const DraftSelect = (props: DraftSelectProps): JSX.Element => (
    <Field field={props.field} label={props.label}>
      <select
        id={id(props.field)}
        class="input"
        value={form.draft()[props.field]}
        onChange={(event) => {
          form.set(props.field)(event);
          form.commit();
        }}
      >
        <For each={props.options}>{(o) => <option value={o.value}>{o.label}</option>}</For>
        {props.children}
      </select>
    </Field>
  );

  return { errorProps, FieldError, DraftInput, DraftSelect };
}
