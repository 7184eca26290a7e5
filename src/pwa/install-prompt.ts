// Keeps the browser's install offer (beforeinstallprompt) until the user asks to install.
import { createSignal, type Accessor } from 'solid-js';

/** Chromium's install offer; not in TypeScript's DOM lib. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

type InstallOutcome = 'accepted' | 'dismissed' | 'unavailable';

export interface InstallPrompt {
  canInstall: Accessor<boolean>;
  install(): Promise<InstallOutcome>;
}

export function createInstallPrompt(target: EventTarget): InstallPrompt {
  const [offer, setOffer] = createSignal<BeforeInstallPromptEvent | undefined>();
  target.addEventListener('beforeinstallprompt', (event) => {
    // Keep the mini-infobar away; Tend shows its own "Install Tend" button instead.
    event.preventDefault();
    setOffer(() => event as BeforeInstallPromptEvent);
  });
  target.addEventListener('appinstalled', () => setOffer(undefined));

  return {
    canInstall: () => offer() !== undefined,
    async install() {
      const event = offer();
      if (!event) return 'unavailable';
      // An offer can be used once only.
      setOffer(undefined);
      await event.prompt();
      return (await event.userChoice).outcome;
    },
  };
}

let shared: InstallPrompt | undefined;

/** The page-wide install prompt; the first call starts listening, so call it early. */
export function getInstallPrompt(target: EventTarget = window): InstallPrompt {
  shared ??= createInstallPrompt(target);
  return shared;
}
