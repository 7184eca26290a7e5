// A page of the main area: a region named by its h1, which the app focuses after each navigation
// (#view-title), with the header's other parts (counts, tools) beside the title.
import type { JSX } from 'solid-js';

export function View(props: {
  class?: string;
  title: JSX.Element;
  header?: JSX.Element;
  children?: JSX.Element;
}): JSX.Element {
  return (
    <section class={props.class ? `view ${props.class}` : 'view'} aria-labelledby="view-title">
      <div class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {props.title}
        </h1>
        {props.header}
      </div>
      {props.children}
    </section>
  );
}
