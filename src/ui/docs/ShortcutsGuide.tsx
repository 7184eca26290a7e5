// The keyboard section of the documentation, from the keymap the app's key handling runs on.
import { For } from 'solid-js';
import type { JSX } from 'solid-js';
import { shortcutSheet } from '../shortcuts/keymap';
import { Keys } from '../shortcuts/Keys';
import { DocSection } from './DocSection';

export function ShortcutsGuide(): JSX.Element {
  return (
    <DocSection id="doc-shortcuts" heading="Keyboard shortcuts">
      <p>
        Everything in Tend works from the keyboard. Shortcuts are off while you type in a field
        (press Esc to leave it); two-key shortcuts such as <kbd>g</kbd> <kbd>t</kbd> are typed one
        after the other. Press <kbd>?</kbd> anywhere to see this list.
      </p>
      <For each={shortcutSheet()}>
        {({ group, rows }) => (
          <table class="doc-table">
            <caption>{group}</caption>
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">What they do</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows}>
                {(row) => (
                  <tr>
                    <td>
                      <Keys keys={row.keys} />
                    </td>
                    <td>{row.description}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </For>
    </DocSection>
  );
}
