// Text with its links clickable: a task's notes beside the notes box, and each comment in the detail
// view. Text nodes and anchors only (never HTML); only http and https become links.
import { For } from 'solid-js';
import type { JSX } from 'solid-js';
import { splitNoteLinks } from '../lib/note-links';

export function LinkedNotes(props: { text: string; label?: string; class?: string }): JSX.Element {
  return (
    <div
      class={props.class ?? 'linked-notes'}
      role={props.label ? 'group' : undefined}
      aria-label={props.label}
    >
      <For each={splitNoteLinks(props.text)}>
        {(segment) =>
          segment.href ? (
            <a href={segment.href} target="_blank" rel="noopener noreferrer">
              {segment.text}
            </a>
          ) : (
            segment.text
          )
        }
      </For>
    </div>
  );
}
