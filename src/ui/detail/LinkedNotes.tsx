// A task's notes with their links clickable, beside the notes box in the detail view.
import { For } from 'solid-js';
import type { JSX } from 'solid-js';
import { splitNoteLinks } from '../lib/note-links';

export function LinkedNotes(props: { text: string; label: string }): JSX.Element {
  return (
    <div class="linked-notes" role="group" aria-label={props.label}>
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
