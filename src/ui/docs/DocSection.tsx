// One section of the documentation pages: a region named by its heading, which the table of contents
// links to (tabIndex -1 so a followed link moves focus there).
import type { JSX } from 'solid-js';

export function DocSection(props: {
  id: string;
  heading: string;
  children: JSX.Element;
}): JSX.Element {
  return (
    <section class="doc-section" aria-labelledby={props.id}>
      <h2 id={props.id} tabIndex={-1}>
        {props.heading}
      </h2>
      {props.children}
    </section>
  );
}
