// The project page's tools: rename, recolour, re-parent, reorder, archive and delete (its tasks go with it, and one
// Undo brings both back). Every control is a plain button, select or form, so all of it works from the
// keyboard.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import type { DeletedProject } from '../../db/projects-store';
import type { ProjectSummary } from '../../db/queries';
import { useApp } from '../app-context';
import { actOrToast } from '../lib/act-or-toast';
import { PROJECT_WORDS as W } from '../messages';
import { projectsStore } from './projects-store';
import { RecordTools, ToolSelect } from './RecordTools';
import type { RecordWrites } from './RecordTools';
import { moveTo, storeOrder } from './reorder';

interface ProjectToolsProps {
  project: ProjectSummary;
  /** Every project in sidebar order (archived ones included), for Move up / Move down. */
  all: ProjectSummary[];
}

export function ProjectTools(props: ProjectToolsProps): JSX.Element {
  const app = useApp();
  const act = actOrToast(app.toasts);
  const store = () => projectsStore(app);

  /** Moves the project under another (or to the top level); a cycle or too deep a tree is refused. */
  async function reparent(select: HTMLSelectElement) {
    const { id, parentId } = props.project;
    const chosen = select.value || null;
    const projects = await store();
    if (!(await act(() => projects.updateProject(id, { parentId: chosen }))))
      select.value = parentId ?? '';
  }

  /** Swaps places with the neighbour above (-1) or below (+1), renumbering so orders stay distinct. */
  async function move(step: -1 | 1) {
    const { all: list, project } = props;
    const other = list[list.findIndex((p) => p.id === project.id) + step];
    if (!other) return;
    const projects = await store();
    await act(() => storeOrder(projects, moveTo(list, project.id, other.id)));
  }

  async function setArchived(archived: boolean) {
    const { id, name } = props.project;
    const projects = await store();
    if (await act(() => projects.updateProject(id, { archived })))
      app.toasts.show((archived ? W.archived : W.unarchived)(name));
  }

  const writes: RecordWrites<DeletedProject> = {
    update: async (changes) => (await store()).updateProject(props.project.id, changes),
    remove: async () => (await store()).deleteProject(props.project.id),
    restore: async (deleted) => (await store()).restoreProject(deleted),
    tasks: (deleted) => deleted.taskIds.length,
  };

  const index = () => props.all.findIndex((p) => p.id === props.project.id);

  return (
    <RecordTools
      view="project"
      words={W}
      record={props.project}
      writes={writes}
      note={
        <Show when={props.project.archived}>
          <p class="project-archived">{W.archivedNote}</p>
        </Show>
      }
    >
      <ToolSelect
        id="project-parent"
        label={W.parent}
        value={props.project.parentId ?? ''}
        onChange={(select) => void reparent(select)}
      >
        <option value="">{W.noParent}</option>
        <For each={props.all.filter((p) => p.id !== props.project.id)}>
          {(p) => <option value={p.id}>{p.name}</option>}
        </For>
      </ToolSelect>
      <button type="button" class="btn" disabled={index() <= 0} onClick={() => void move(-1)}>
        {W.moveUp}
      </button>
      <button
        type="button"
        class="btn"
        disabled={index() < 0 || index() >= props.all.length - 1}
        onClick={() => void move(1)}
      >
        {W.moveDown}
      </button>
      <button type="button" class="btn" onClick={() => void setArchived(!props.project.archived)}>
        {props.project.archived ? W.unarchive : W.archive}
      </button>
    </RecordTools>
  );
}
