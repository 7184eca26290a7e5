// A panel in its own chunk (sync account, AI settings, task history): Solid's `lazy` over a plain
// `import()`, so the edge is typed and the chunk stays split. A panel whose chunk fails to load renders
// nothing instead of taking the page down: the rest of the view still works.
import { lazy } from 'solid-js';
import type { Component } from 'solid-js';

export function lazyPanel<P extends object>(
  load: () => Promise<{ default: Component<P> }>,
): Component<P> {
  return lazy(() =>
    load().catch((error: unknown) => {
      console.warn('A panel failed to load', error);
      return { default: () => null };
    }),
  );
}
