// The searchbox named "Search": typing shows results live on /search?q=…; Escape clears the box and
// returns to the view the search started from; leaving search for another view empties the box.
import { createEffect, createSignal, untrack } from 'solid-js';
import type { JSX } from 'solid-js';
import { useApp } from '../app-context';
import { Icon } from '../icons';
import { routeHref } from '../router';

export function SearchBox(props: { ref?: (input: HTMLInputElement) => void }): JSX.Element {
  const app = useApp();
  const [value, setValue] = createSignal('');
  /** Where the current search started (a path), or null when the page was opened on /search. */
  let origin: string | null = null;

  // Follow the URL (back/forward, a shared link) while on the search page, and forget the query once
  // the user is elsewhere, so the box never shows a search that is not on screen.
  // Tracks the route only: reading `value` here too would undo each keystroke.
  createEffect(() => {
    const route = app.router.route();
    if (route.view === 'search') {
      if (route.query !== untrack(value)) setValue(route.query);
    } else {
      origin = null;
      if (untrack(value)) setValue('');
    }
  });

  function search(query: string) {
    const current = app.router.route();
    const onSearch = current.view === 'search';
    if (!onSearch) origin = routeHref(current);
    app.router.navigate(routeHref({ view: 'search', query }), { replace: onSearch });
  }

  /** Clears the search and shows the view it started from (Inbox when it started on /search). */
  function leaveSearch() {
    setValue('');
    if (app.router.route().view !== 'search') return;
    const back = origin ?? '/inbox';
    origin = null;
    // Replace the search entry, so Back does not return to a search the user dismissed.
    app.router.navigate(back, { replace: true });
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
          if (event.currentTarget.value) search(event.currentTarget.value);
          else leaveSearch();
        }}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          // Ours, not the browser's clear (which would fire an input event of its own).
          event.preventDefault();
          leaveSearch();
          event.currentTarget.blur();
        }}
      />
    </form>
  );
}
