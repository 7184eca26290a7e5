// The "Keyboard shortcuts" dialog, generated from the keymap so it cannot drift from the handler.
import { For } from 'solid-js';
import type { JSX } from 'solid-js';
import { Dialog } from '../lib/Dialog';
import { IconButton } from '../icons';
import { shortcutSheet } from './keymap';
import { Keys } from './Keys';

export function ShortcutSheet(props: { onClose: () => void }): JSX.Element {
  return (
    <Dialog labelledBy="shortcuts-title" class="shortcut-sheet" onClose={props.onClose}>
      <div class="dialog-header">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <IconButton icon="close" label="Close" onClick={() => props.onClose()} />
      </div>
      {/* It scrolls on small screens, so it must take focus for keyboard scrolling (axe's
          scrollable-region-focusable). */}
      <div class="shortcut-groups" tabIndex={0}>
        <For each={shortcutSheet()}>
          {({ group, rows }) => (
            <section class="shortcut-group" aria-labelledby={`shortcut-group-${group}`}>
              <h3 id={`shortcut-group-${group}`}>{group}</h3>
              <dl>
                <For each={rows}>
                  {(row) => (
                    <div class="shortcut-row">
                      <dt>
                        <Keys keys={row.keys} />
                      </dt>
                      <dd>{row.description}</dd>
                    </div>
                  )}
                </For>
              </dl>
            </section>
          )}
        </For>
      </div>
      <p class="hint">Shortcuts are off while you type in a field. Press Esc to leave a field.</p>
    </Dialog>
  );
}
