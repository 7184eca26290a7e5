// Controls the project and label pages share: a colour select over the one palette. Failures become a toast in the user's words (`useActOrToast`).
import { For } from 'solid-js';
import type { JSX } from 'solid-js';
import { PROJECT_COLOURS } from '../../core/project-id';
import type { ProjectColour } from '../../core/project-id';
import { useApp } from '../app-context';
import { PROJECT_WORDS as W, describeError } from '../messages';

/** Runs a store action; a failure is shown as an error toast and gives undefined. */
export function useActOrToast(): <T>(work: () => Promise<T>) => Promise<T | undefined> {
  const app = useApp();
  return async (work) => {
    try {
      return await work();
    } catch (error) {
      app.toasts.show(describeError(error), { tone: 'error' });
      return undefined;
    }
  };
}

export interface ColourSelectProps {
  id: string;
  value: string;
  onChange: (colour: ProjectColour) => void;
}

export function ColourSelect(props: ColourSelectProps): JSX.Element {
  return (
    <>
      <label class="project-colour-label" for={props.id}>
        {W.colour}
      </label>
      <select
        id={props.id}
        class="input"
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value as ProjectColour)}
      >
        <For each={PROJECT_COLOURS}>{(c) => <option value={c}>{W.colours[c]}</option>}</For>
      </select>
    </>
  );
}
