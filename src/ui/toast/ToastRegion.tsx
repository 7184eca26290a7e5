// The toast: a polite live region, so "Deleted … Undo" is announced without stealing focus.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { IconButton } from '../icons';
import type { Toasts } from './toasts';

export function ToastRegion(props: { toasts: Toasts }): JSX.Element {
  return (
    <div
      class="toast-region"
      aria-live="polite"
      aria-relevant="additions text"
      role="region"
      aria-label="Notifications"
    >
      <For each={props.toasts.toasts()}>
        {(toast) => (
          <div
            class="toast"
            classList={{ 'is-error': toast.tone === 'error' }}
            onMouseEnter={() => props.toasts.pause(toast.id)}
            onMouseLeave={() => props.toasts.resume(toast.id)}
            onFocusIn={() => props.toasts.pause(toast.id)}
            onFocusOut={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null))
                props.toasts.resume(toast.id);
            }}
          >
            <span class="toast-message">{toast.message}</span>
            <Show when={toast.action}>
              {(action) => (
                <button
                  type="button"
                  class="toast-action"
                  onClick={() => void props.toasts.runAction(toast.id)}
                >
                  {action().label}
                </button>
              )}
            </Show>
            <IconButton
              icon="close"
              class="icon-btn toast-close"
              label="Dismiss notification"
              onClick={() => props.toasts.dismiss(toast.id)}
            />
          </div>
        )}
      </For>
    </div>
  );
}
