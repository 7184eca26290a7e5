// Settings: the default reminder quick add gives a task with a due time (this device).
import { For } from 'solid-js';
import type { JSX } from 'solid-js';
import { REMINDER_WORDS, describeReminderOffset } from '../messages';
import { DEFAULT_REMINDER_CHOICES, createReminderPrefs } from './reminder-prefs';

export function ReminderSettings(): JSX.Element {
  const prefs = createReminderPrefs();
  return (
    <section class="settings-section" aria-labelledby="settings-reminders">
      <h2 id="settings-reminders">{REMINDER_WORDS.section}</h2>
      <label class="field">
        <span>{REMINDER_WORDS.defaultLabel}</span>
        <select
          value={String(prefs.defaultBefore() ?? '')}
          onChange={(event) => {
            const value = event.currentTarget.value;
            prefs.setDefaultBefore(value === '' ? null : Number(value));
          }}
        >
          <option value="">{REMINDER_WORDS.defaultNone}</option>
          <For each={DEFAULT_REMINDER_CHOICES}>
            {(minutes) => (
              <option value={String(minutes)}>{describeReminderOffset(minutes)}</option>
            )}
          </For>
        </select>
      </label>
    </section>
  );
}
