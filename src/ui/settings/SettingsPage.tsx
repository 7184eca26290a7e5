// Settings: appearance, export/import, and the sync account and on-device AI panels (each in its own
// chunk, loaded when the page opens).
import { For } from 'solid-js';
import type { JSX } from 'solid-js';
import { useApp } from '../app-context';
import { lazyPanel } from '../lib/lazy-panel';
import type { ThemePreference } from '../theme/theme';
import { ReminderSettings } from '../reminders/ReminderSettings';
import { DataTransfer } from './DataTransfer';
import { View } from '../lib/View';

const AccountPanel = lazyPanel(() => import('../sync/AccountPanel'));
const AiSettings = lazyPanel(() => import('../ai/AiSettings'));

const THEMES: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export default function SettingsPage(): JSX.Element {
  const app = useApp();
  return (
    <View class="settings" title="Settings">
      <AccountPanel />

      <section class="settings-section" aria-labelledby="settings-appearance">
        <h2 id="settings-appearance">Appearance</h2>
        <p>Tend follows your system’s light or dark setting unless you choose one here.</p>
        <fieldset class="theme-options">
          <legend class="sr-only">Theme</legend>
          <For each={THEMES}>
            {(option) => (
              <label class="theme-option">
                <input
                  type="radio"
                  name="theme"
                  value={option.value}
                  checked={app.theme.theme() === option.value}
                  onChange={() => app.theme.setTheme(option.value)}
                />
                {option.label}
              </label>
            )}
          </For>
        </fieldset>
      </section>

      <ReminderSettings />

      <DataTransfer />

      <AiSettings />

      <section class="settings-section" aria-labelledby="settings-keyboard">
        <h2 id="settings-keyboard">Keyboard</h2>
        <p>Tend works without a mouse. Press ? anywhere to see every shortcut.</p>
        <button type="button" class="btn" onClick={() => app.openShortcuts()}>
          Show keyboard shortcuts
        </button>
      </section>
    </View>
  );
}
