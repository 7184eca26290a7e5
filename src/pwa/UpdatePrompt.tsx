// Toast shown when a new version of Tend is installed and waiting: reloads only on request.
import { createResource, Show } from 'solid-js';
import { getUpdateFlow } from './register.ts';
import type { UpdateFlow } from './update-flow.ts';
import { fetchWhatsNew } from './whats-new.ts';
import './pwa.css';

export function UpdatePrompt(props: { flow?: UpdateFlow }) {
  const flow = () => props.flow ?? getUpdateFlow();
  const [whatsNew] = createResource(
    () => flow()?.updateReady() || undefined,
    () => fetchWhatsNew(),
  );
  return (
    // The live region exists before the message so screen readers announce it when it appears.
    <div class="pwa-toast-slot" aria-live="polite">
      <Show when={flow()?.updateReady()}>
        <section class="pwa-toast" aria-label="App update">
          <p class="pwa-toast__text">New version available</p>
          <Show when={whatsNew()}>
            {(release) => (
              <p class="pwa-toast__whats-new">
                What's new in {release().version}: {release().summary}
              </p>
            )}
          </Show>
          <button type="button" class="pwa-toast__action" onClick={() => flow()?.applyUpdate()}>
            Reload
          </button>
          <button
            type="button"
            class="pwa-toast__dismiss"
            aria-label="Later"
            onClick={() => flow()?.dismiss()}
          >
            Later
          </button>
        </section>
      </Show>
    </div>
  );
}
