// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createRoot } from 'solid-js';
import { createRouter, interceptLinkClick, routeHref } from './router';
import type { Route } from './router';

/** The route the router reads when the page is at this address. */
function routeAt(pathname: string, search = ''): Route {
  window.history.replaceState(null, '', pathname + search);
  return createRoot((dispose) => {
    const router = createRouter(window);
    const route = router.route();
    router.dispose();
    dispose();
    return route;
  });
}

describe('reading the address', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('maps every view URL to its route', () => {
    expect(routeAt('/')).toEqual({ view: 'inbox' });
    expect(routeAt('/inbox')).toEqual({ view: 'inbox' });
    expect(routeAt('/today/')).toEqual({ view: 'today' });
    expect(routeAt('/upcoming')).toEqual({ view: 'upcoming' });
    expect(routeAt('/completed')).toEqual({ view: 'completed' });
    expect(routeAt('/settings')).toEqual({ view: 'settings' });
    expect(routeAt('/project/Deep%20Work')).toEqual({ view: 'project', name: 'Deep Work' });
    expect(routeAt('/label/errands')).toEqual({ view: 'label', name: 'errands' });
    expect(routeAt('/search', '?q=milk%20bread')).toEqual({
      view: 'search',
      query: 'milk bread',
    });
  });

  it('maps the documentation, its API reference and the older /docs address', () => {
    expect(routeAt('/documentation')).toEqual({ view: 'documentation', section: 'guide' });
    expect(routeAt('/documentation/api/')).toEqual({ view: 'documentation', section: 'api' });
    expect(routeAt('/docs')).toEqual({ view: 'documentation', section: 'guide' });
    expect(routeAt('/documentation/other')).toEqual({
      view: 'not-found',
      path: '/documentation/other',
    });
    expect(routeHref({ view: 'documentation', section: 'api' })).toBe('/documentation/api');
    expect(routeHref(routeAt('/docs'))).toBe('/documentation');
  });

  it('reads the share target parameters', () => {
    expect(routeAt('/share', '?title=T&text=Hello&url=https://x.test')).toEqual({
      view: 'share',
      title: 'T',
      text: 'Hello',
      url: 'https://x.test',
    });
  });

  it('reports unknown paths and malformed names instead of guessing', () => {
    expect(routeAt('/nope')).toEqual({ view: 'not-found', path: '/nope' });
    expect(routeAt('/project')).toEqual({ view: 'not-found', path: '/project' });
    expect(routeAt('/today/extra')).toEqual({ view: 'not-found', path: '/today/extra' });
    expect(routeAt('/project/%E0%A4%A')).toEqual({ view: 'project', name: '%E0%A4%A' });
  });

  it('round-trips through routeHref', () => {
    const routes: Route[] = [
      { view: 'inbox' },
      { view: 'today' },
      { view: 'project', name: 'Home & Garden/2' },
      { view: 'label', name: 'ça va' },
      { view: 'search', query: 'a&b c' },
    ];
    for (const route of routes) {
      const url = new URL(routeHref(route), 'http://x.test');
      expect(routeAt(url.pathname, url.search)).toEqual(route);
    }
    expect(routeHref({ view: 'search', query: '' })).toBe('/search');
    expect(routeHref({ view: 'not-found', path: '/x' })).toBe('/x');
  });
});

describe('createRouter', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('pushes history, updates the route signal and follows back/forward', () => {
    createRoot((dispose) => {
      window.history.replaceState(null, '', '/inbox');
      const router = createRouter(window);
      expect(router.route()).toEqual({ view: 'inbox' });
      router.navigate('/project/Work');
      expect(window.location.pathname).toBe('/project/Work');
      expect(router.route()).toEqual({ view: 'project', name: 'Work' });
      router.navigate('/search?q=x', { replace: true });
      expect(router.route()).toEqual({ view: 'search', query: 'x' });
      window.history.replaceState(null, '', '/today');
      window.dispatchEvent(new PopStateEvent('popstate'));
      expect(router.route()).toEqual({ view: 'today' });
      router.dispose();
      dispose();
    });
  });

  it('keeps the route when only the anchor changes (a jump within the page)', () => {
    createRoot((dispose) => {
      window.history.replaceState(null, '', '/documentation');
      const router = createRouter(window);
      const before = router.route();
      window.history.pushState(null, '', '/documentation#doc-privacy');
      window.dispatchEvent(new PopStateEvent('popstate'));
      expect(router.route()).toBe(before);
      window.history.pushState(null, '', '/today');
      window.dispatchEvent(new PopStateEvent('popstate'));
      expect(router.route()).toEqual({ view: 'today' });
      router.dispose();
      dispose();
    });
  });

  it('intercepts plain clicks on in-app links only', () => {
    const calls: string[] = [];
    const navigate = (href: string) => void calls.push(href);
    const link = document.createElement('a');
    link.href = '/today';
    link.setAttribute('href', '/today');
    const span = document.createElement('span');
    link.append(span);
    document.body.append(link);

    const click = (init: MouseEventInit, target: Element = span) => {
      const event = new MouseEvent('click', {
        bubbles: true,
        cancelable: true,
        button: 0,
        ...init,
      });
      Object.defineProperty(event, 'target', { value: target });
      interceptLinkClick(event, navigate);
      return event.defaultPrevented;
    };
    expect(click({})).toBe(true);
    expect(calls).toEqual(['/today']);
    expect(click({ ctrlKey: true })).toBe(false);
    expect(click({ button: 1 })).toBe(false);
    link.setAttribute('href', 'https://elsewhere.test/');
    expect(click({})).toBe(false);
    link.setAttribute('href', '/x');
    link.target = '_blank';
    expect(click({})).toBe(false);
    expect(calls).toEqual(['/today']);
    link.remove();
  });
});
