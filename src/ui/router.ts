// A tiny path router over the History API: real URLs (/today, /project/Work), no router package.
// The server falls back to index.html, so every route below is also a valid deep link.
import { createSignal } from 'solid-js';

export type Route =
  | { view: 'inbox' }
  | { view: 'today' }
  | { view: 'upcoming' }
  | { view: 'completed' }
  | { view: 'project'; name: string }
  | { view: 'label'; name: string }
  | { view: 'search'; query: string }
  | { view: 'filter'; id: string }
  | { view: 'trash' }
  | { view: 'settings' }
  /** The user guide, or the server's API reference; `/docs` is an older address of the guide. */
  | { view: 'documentation'; section: 'guide' | 'api' }
  | { view: 'share'; title: string; text: string; url: string }
  | { view: 'not-found'; path: string };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Turns a location (path + query string) into a route. Pure, so tests need no browser. */
export function parseRoute(pathname: string, search = ''): Route {
  const params = new URLSearchParams(search);
  const path = pathname.replace(/\/+$/, '') || '/';
  const [, first = '', second] = path.split('/');
  switch (first) {
    case '':
    case 'inbox':
      return second === undefined ? { view: 'inbox' } : { view: 'not-found', path };
    case 'today':
    case 'upcoming':
    case 'completed':
    case 'trash':
    case 'settings':
      return second === undefined ? { view: first } : { view: 'not-found', path };
    case 'project':
    case 'label':
      return second ? { view: first, name: decode(second) } : { view: 'not-found', path };
    case 'documentation':
      if (second === undefined) return { view: 'documentation', section: 'guide' };
      return second === 'api' && path.split('/').length === 3
        ? { view: 'documentation', section: 'api' }
        : { view: 'not-found', path };
    case 'docs':
      return second === undefined
        ? { view: 'documentation', section: 'guide' }
        : { view: 'not-found', path };
    case 'search':
      return { view: 'search', query: params.get('q') ?? '' };
    case 'filter':
      return second ? { view: 'filter', id: decode(second) } : { view: 'not-found', path };
    case 'share':
      return {
        view: 'share',
        title: params.get('title') ?? params.get('share-title') ?? '',
        text: params.get('text') ?? params.get('share-text') ?? '',
        url: params.get('url') ?? params.get('share-url') ?? '',
      };
    default:
      return { view: 'not-found', path };
  }
}

/** The canonical URL of a route (the inverse of parseRoute). */
export function routeHref(route: Route): string {
  switch (route.view) {
    case 'project':
    case 'label':
      return `/${route.view}/${encodeURIComponent(route.name)}`;
    case 'search':
      return route.query ? `/search?q=${encodeURIComponent(route.query)}` : '/search';
    case 'filter':
      return `/filter/${encodeURIComponent(route.id)}`;
    case 'share':
      return '/share';
    case 'documentation':
      return route.section === 'api' ? '/documentation/api' : '/documentation';
    case 'not-found':
      return route.path;
    default:
      return `/${route.view}`;
  }
}

export interface Router {
  route: () => Route;
  navigate: (href: string, options?: { replace?: boolean }) => void;
  /** Stops listening to popstate (tests). */
  dispose: () => void;
}

/** Creates the router over a window; `navigate` pushes history and updates the `route` signal. */
export function createRouter(win: Window = window): Router {
  const read = () => parseRoute(win.location.pathname, win.location.search);
  const [route, setRoute] = createSignal<Route>(read(), { equals: false });
  const where = () => win.location.pathname + win.location.search;
  let shown = where();
  // A jump to an anchor in the page (#section) also pops state: the route, and the focus, stay.
  const onPop = () => {
    if (where() === shown) return;
    shown = where();
    setRoute(read());
  };
  win.addEventListener('popstate', onPop);
  return {
    route,
    navigate(href, options) {
      const current = win.location.pathname + win.location.search;
      if (href !== current) {
        if (options?.replace) win.history.replaceState(null, '', href);
        else win.history.pushState(null, '', href);
      }
      shown = where();
      setRoute(read());
    },
    dispose: () => win.removeEventListener('popstate', onPop),
  };
}

/**
 * Click handler for in-app links: plain left clicks navigate without a reload, while modified
 * clicks (new tab, download) and external links keep the browser's behaviour.
 */
export function interceptLinkClick(event: MouseEvent, navigate: Router['navigate']): void {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const href = anchor.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('//')) return;
  event.preventDefault();
  navigate(href);
}
