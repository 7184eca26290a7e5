// The searchbox named "Search": typing shows results live on /search?q=…, Escape leaves the field.
import { createEffect, createSignal, untrack } from 'solid-js';
import type { JSX } from 'solid-js';
import { useApp } from '../app-context';
import { Icon } from '../icons';
import { routeHref } from '../router';

export function SearchBox(props: { ref?: (input: HTMLInputElement) => void }): JSX.Element {
  const app = useApp();
  const [value, setValue] = createSignal('');

  // Follow the URL (back/forward, a shared link) while on the search page.
  // Tracks the route only: reading `value` here too would undo each keystroke.
  createEffect(() => {
    const route = app.router.route();
    if (route.view === 'search' && route.query !== untrack(value)) setValue(route.query);
  });

  function search(query: string) {
    const onSearch = app.router.route().view === 'search';
    app.router.navigate(routeHref({ view: 'search', query }), { replace: onSearch });
  }

  return (
    <form
      class="search"
      role="search"
      aria-label="Tasks"
      onSubmit={(event) => {
        event.preventDefault();
        search(value());
      }}
    >
      <Icon name="search" class="search-icon" />
      <input
        ref={props.ref}
        type="search"
        class="search-input"
        aria-label="Search"
        placeholder="Search"
        autocomplete="off"
        value={value()}
        onInput={(event) => {
          setValue(event.currentTarget.value);
          search(event.currentTarget.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
      />
    </form>
  );
}
