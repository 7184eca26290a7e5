// A page's failed read, announced in the user's words; nothing while there is no error.
import { Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { describeError } from '../messages';

export function ViewError(props: { error: unknown }): JSX.Element {
  return (
    <Show when={props.error}>
      <p class="view-error" role="alert">
        {describeError(props.error)}
      </p>
    </Show>
  );
}
