// "Install Tend", shown only while the browser offers installation.
import { Show } from 'solid-js';
import { getInstallPrompt, type InstallPrompt } from './install-prompt.ts';
import './pwa.css';

export function InstallButton(props: { prompt?: InstallPrompt; class?: string }) {
  const prompt = () => props.prompt ?? getInstallPrompt();
  return (
    <Show when={prompt().canInstall()}>
      <button
        type="button"
        class={props.class ?? 'pwa-install'}
        onClick={() => void prompt().install()}
      >
        Install Tend
      </button>
    </Show>
  );
}
