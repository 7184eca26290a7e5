// The sections of the project page: add, rename, reorder and delete (its tasks go with it, and one
// Undo brings both back). Plain buttons and forms with names that say which section they act on, so
// all of it works from the keyboard and reads well to a screen reader.
import { For, Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import type { Section } from '../../core/section';
import { useApp } from '../app-context';
import { actOrToast } from '../lib/act-or-toast';
import { SECTION_WORDS as W } from '../messages';
import { NameForm, NameFormToggle } from './NameForm';
import { sectionsStore } from './projects-store';

export interface SectionToolsProps {
  projectId: string;
  /** The project's live sections in their order. */
  sections: readonly Section[];
}

/** A section's Move up and Move down buttons; the first cannot go up, the last cannot go down. */
const MOVES = [
  { step: -1, key: 'up', label: 'moveUp', arrow: '↑' },
  { step: 1, key: 'down', label: 'moveDown', arrow: '↓' },
] as const;

export function SectionTools(props: SectionToolsProps): JSX.Element {
  const app = useApp();
  const [renaming, setRenaming] = createSignal<string | null>(null);
  // The rename form's own text: the Add section form keeps its own (NameFormToggle), so typing in one
  // never shows in the other.
  const [renameText, setRenameText] = createSignal('');

  const act = actOrToast(app.toasts);

  async function add(name: string, close: () => void) {
    const fields = { projectId: props.projectId, name };
    const store = await sectionsStore(app);
    const made = await act(() => store.addSection(fields));
    if (!made) return;
    close();
    app.toasts.show(W.added(made.name));
  }

  async function rename(event: Event, id: string) {
    event.preventDefault();
    const changes = { name: renameText() };
    const store = await sectionsStore(app);
    const done = await act(() => store.updateSection(id, changes));
    if (!done) return;
    setRenaming(null);
    app.toasts.show(W.renamed(done.name));
  }

  /** Swaps places with the neighbour above (-1) or below (+1), renumbering so orders stay distinct. */
  async function move(section: Section, step: -1 | 1) {
    const list = [...props.sections];
    const at = list.findIndex((s) => s.id === section.id);
    const other = list[at + step];
    if (!other) return;
    list[at] = other;
    list[at + step] = section;
    const store = await sectionsStore(app);
    await act(async () => {
      for (const [i, s] of list.entries())
        if (s.order !== i + 1) await store.updateSection(s.id, { order: i + 1 });
    });
    // The buttons stay where they are; keep focus on the one used, now on the moved section's row.
    queueMicrotask(() =>
      document
        .querySelector<HTMLButtonElement>(
          `[data-section-id="${section.id}"] [data-move="${step < 0 ? 'up' : 'down'}"]:not(:disabled)`,
        )
        ?.focus(),
    );
  }

  async function remove(section: Section) {
    const store = await sectionsStore(app);
    const deleted = await act(() => store.deleteSection(section.id));
    if (!deleted) return;
    app.toasts.show(W.deleted(section.name, deleted.taskIds.length), {
      action: { label: 'Undo', run: () => void act(() => store.restoreSection(deleted)) },
    });
  }

  return (
    <div class="section-tools" role="group" aria-label={W.sections}>
      <Show when={props.sections.length > 0}>
        <ul class="section-tools-list" aria-label={W.sections}>
          <For each={props.sections}>
            {(section, index) => (
              <li class="section-tools-item" data-section-id={section.id}>
                <Show
                  when={renaming() === section.id}
                  fallback={
                    <>
                      <span class="section-tools-name">{section.name}</span>
                      <button
                        type="button"
                        class="btn btn-ghost"
                        aria-label={W.rename(section.name)}
                        onClick={() => {
                          setRenameText(section.name);
                          setRenaming(section.id);
                        }}
                      >
                        Rename
                      </button>
                      <For each={MOVES}>
                        {(m) => (
                          <button
                            type="button"
                            class="btn btn-ghost"
                            data-move={m.key}
                            aria-label={W[m.label](section.name)}
                            disabled={!props.sections[index() + m.step]}
                            onClick={() => void move(section, m.step)}
                          >
                            {m.arrow}
                          </button>
                        )}
                      </For>
                      <button
                        type="button"
                        class="btn btn-ghost btn-danger"
                        aria-label={W.delete(section.name)}
                        onClick={() => void remove(section)}
                      >
                        Delete
                      </button>
                    </>
                  }
                >
                  <NameForm
                    id={`section-name-${section.id}`}
                    label={W.sectionName}
                    submitLabel={W.save}
                    class="project-rename"
                    value={renameText()}
                    onInput={setRenameText}
                    onSubmit={(event) => void rename(event, section.id)}
                    onClose={() => setRenaming(null)}
                  />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <NameFormToggle
        id="new-section-name"
        label={W.newSectionName}
        submitLabel={W.addSection}
        openLabel={W.addSection}
        onSave={add}
      />
    </div>
  );
}
