// The #project / @label / /section suggestions of quick add. The input stays a textbox (its role is part of the
// contract tests and assistive tech rely on) that owns a listbox through aria-controls and
// aria-autocomplete, as the combobox pattern does without changing the role; the arrow keys move the active option (aria-activedescendant), Enter or Tab chooses it, Escape closes
// the list and keeps the text. Nothing is active until an arrow key is pressed, so Enter still saves.
import { For, createEffect, createMemo, createSignal, on } from 'solid-js';
import type { Accessor, JSX } from 'solid-js';
import type { KnownNames } from '../../core/parse/quick-add';
import { TAG_SUGGESTION_WORDS } from '../messages';
import { insertName, suggestNames, tagQueryAt } from './tag-suggestions';

const LIST_ID = 'quick-add-suggestions';
const optionId = (index: number) => `quick-add-suggestion-${index}`;

interface TagSuggestionsOptions {
  text: Accessor<string>;
  caret: Accessor<number>;
  names: Accessor<KnownNames>;
  /** Puts the completed text into the box with the caret at `caret`. */
  apply: (text: string, caret: number) => void;
}

export function createTagSuggestions(options: TagSuggestionsOptions) {
  const [active, setActive] = createSignal(-1);
  const [closedAt, setClosedAt] = createSignal<string | null>(null);
  const tag = createMemo(() => tagQueryAt(options.text(), options.caret()));
  const suggestions = createMemo(() => {
    const t = tag();
    if (!t) return [];
    const known = options.names();
    const names =
      t.sigil === '#' ? known.projects : t.sigil === '/' ? known.sections : known.labels;
    return suggestNames(t.query, names ?? []);
  });
  const open = () => suggestions().length > 0 && closedAt() !== options.text();
  // A new keystroke starts over: nothing active, and a list closed with Escape may open again.
  createEffect(on(options.text, () => setActive(-1)));

  function choose(name: string) {
    const t = tag();
    if (!t) return;
    const next = insertName(options.text(), t, name);
    options.apply(next.text, next.caret);
  }

  /** Handles the keys the list owns; true when the key was used. */
  function onKeyDown(event: KeyboardEvent): boolean {
    if (!open()) return false;
    const count = suggestions().length;
    switch (event.key) {
      case 'ArrowDown':
        setActive((i) => (i + 1) % count);
        break;
      case 'ArrowUp':
        setActive((i) => (i <= 0 ? count - 1 : i - 1));
        break;
      case 'Escape':
        setClosedAt(options.text());
        setActive(-1);
        break;
      case 'Enter':
      case 'Tab':
        if (active() < 0) return false;
        choose(suggestions()[active()]);
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  }

  /** For the input's aria-activedescendant. */
  const activeId = () => (open() && active() >= 0 ? optionId(active()) : undefined);

  function Listbox(): JSX.Element {
    return (
      <ul
        id={LIST_ID}
        class="quick-add-suggestions"
        role="listbox"
        aria-label={
          {
            '#': TAG_SUGGESTION_WORDS.projects,
            '@': TAG_SUGGESTION_WORDS.labels,
            '/': TAG_SUGGESTION_WORDS.sections,
          }[tag()?.sigil ?? '#']
        }
        hidden={!open()}
      >
        <For each={open() ? suggestions() : []}>
          {(name, index) => (
            <li
              id={optionId(index())}
              role="option"
              class="quick-add-suggestion"
              aria-selected={index() === active()}
              // Keeps focus in the box, so the caret and the suggestions stay where they were.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(name)}
            >
              {name}
            </li>
          )}
        </For>
      </ul>
    );
  }

  return { open, activeId, listId: LIST_ID, onKeyDown, Listbox };
}
