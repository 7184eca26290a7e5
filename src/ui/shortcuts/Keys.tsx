// A shortcut's keys as the sheet and the documentation show them: one <kbd> each.
import { For } from 'solid-js';
import type { JSX } from 'solid-js';

export function Keys(props: { keys: string[] }): JSX.Element {
  return <For each={props.keys}>{(key) => <kbd>{key}</kbd>}</For>;
}
