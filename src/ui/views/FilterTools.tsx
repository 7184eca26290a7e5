// Saving the search on screen as a named filter (shown in the sidebar with its count), and deleting a
// saved filter from its own page.
import { Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import { deleteFilter, saveFilter } from '../../db/filters';
import { whenDatabaseOpen } from '../../db/deferred-db';
import { useApp } from '../app-context';
import { actOrToast } from '../lib/act-or-toast';
import type { Route } from '../router';
import { routeHref } from '../router';

interface FilterToolsProps {
  route: Route;
  query: string;
  /** Whether the query parses (only then can it be saved). */
  valid: boolean;
}

export function FilterTools(props: FilterToolsProps): JSX.Element {
  const app = useApp();
  const act = actOrToast(app.toasts);
  const [naming, setNaming] = createSignal(false);
  const [name, setName] = createSignal('');

  async function save(event: Event) {
    event.preventDefault();
    const fields = {
      name: (name().trim() || props.query.trim()).slice(0, 100),
      query: props.query,
    };
    const filter = await act(() => whenDatabaseOpen(() => saveFilter(app.db, fields)));
    if (!filter) return;
    setNaming(false);
    setName('');
    app.toasts.show(`Saved the filter “${filter.name}”`);
    app.router.navigate(routeHref({ view: 'filter', id: filter.id }));
  }

  async function remove(id: string) {
    if (!(await act(() => whenDatabaseOpen(() => deleteFilter(app.db, id)).then(() => true))))
      return;
    app.toasts.show('Deleted the filter');
    app.router.navigate(routeHref({ view: 'search', query: props.query }));
  }

  const savedId = () => (props.route.view === 'filter' ? props.route.id : null);

  return (
    <div class="filter-tools">
      <Show
        when={savedId()}
        fallback={
          <Show when={props.valid}>
            <Show
              when={naming()}
              fallback={
                <button type="button" class="btn" onClick={() => setNaming(true)}>
                  Save as filter
                </button>
              }
            >
              <form class="filter-save" onSubmit={save}>
                <label for="filter-name">Filter name</label>
                <input
                  ref={(input) => queueMicrotask(() => input.focus())}
                  id="filter-name"
                  class="input"
                  maxLength={100}
                  placeholder={props.query}
                  value={name()}
                  onInput={(event) => setName(event.currentTarget.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Escape') setNaming(false);
                  }}
                  autocomplete="off"
                />
                <button type="submit" class="btn btn-primary">
                  Save filter
                </button>
                <button type="button" class="btn btn-ghost" onClick={() => setNaming(false)}>
                  Cancel
                </button>
              </form>
            </Show>
          </Show>
        }
      >
        {(id) => (
          <>
            <p class="filter-query">
              Shows <code>{props.query}</code>
            </p>
            <button type="button" class="btn btn-danger" onClick={() => void remove(id())}>
              Delete filter
            </button>
          </>
        )}
      </Show>
    </div>
  );
}
