// The project page's tools: rename, recolour, re-parent, reorder, archive and delete (its tasks go with it, and one
// Undo brings both back). Every control is a plain button, select or form, so all of it works from the
// keyboard.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import type { ProjectColour } from '../../core/project-id';
import type { ProjectSummary } from '../../db/queries';
import { useApp } from '../app-context';
import { PROJECT_WORDS as W } from '../messages';
import { routeHref } from '../router';
import { NameFormToggle } from './NameForm';
import { projectsStore } from './projects-store';
import { ColourSelect, useActOrToast } from './RecordTools';
import { moveTo, storeOrder } from './reorder';

export interface ProjectToolsProps {
  project: ProjectSummary;
  /** Every project in sidebar order (archived ones included), for Move up / Move down. */
  all: ProjectSummary[];
}

export function ProjectTools(props: ProjectToolsProps): JSX.Element {
  const app = useApp();
  const act = useActOrToast();

  const goTo = (projectName: string) =>
    app.router.navigate(routeHref({ view: 'project', name: projectName }), { replace: true });

  async function rename(chosen: string, close: () => void) {
    const { id } = props.project;
    const store = await projectsStore(app);
    const done = await act(() => store.updateProject(id, { name: chosen }));
    if (!done) return;
    close();
    app.toasts.show(W.renamed(done.name));
    goTo(done.name);
  }

  async function recolour(colour: ProjectColour) {
    const { id } = props.project;
    const store = await projectsStore(app);
    await act(() => store.updateProject(id, { colour }));
  }

  /** Moves the project under another (or to the top level); a cycle or too deep a tree is refused. */
  async function reparent(select: HTMLSelectElement) {
    const { id, parentId } = props.project;
    const chosen = select.value || null;
    const store = await projectsStore(app);
    if (!(await act(() => store.updateProject(id, { parentId: chosen }))))
      select.value = parentId ?? '';
  }

  /** Swaps places with the neighbour above (-1) or below (+1), renumbering so orders stay distinct. */
  async function move(step: -1 | 1) {
    const { all: list, project } = props;
    const other = list[list.findIndex((p) => p.id === project.id) + step];
    if (!other) return;
    const store = await projectsStore(app);
    await act(() => storeOrder(store, moveTo(list, project.id, other.id)));
  }

  async function setArchived(archived: boolean) {
    const { id, name: projectName } = props.project;
    const store = await projectsStore(app);
    if (await act(() => store.updateProject(id, { archived })))
      app.toasts.show((archived ? W.archived : W.unarchived)(projectName));
  }

  async function remove() {
    const store = await projectsStore(app);
    const project = props.project;
    const deleted = await act(() => store.deleteProject(project.id));
    if (!deleted) return;
    app.router.navigate(routeHref({ view: 'inbox' }));
    app.toasts.show(W.deleted(project.name, deleted.taskIds.length), {
      action: {
        label: 'Undo',
        run: () =>
          void act(async () => {
            await store.restoreProject(deleted);
            goTo(project.name);
          }),
      },
    });
  }

  const index = () => props.all.findIndex((p) => p.id === props.project.id);

  return (
    <div class="project-tools" role="group" aria-label={W.projectTools}>
      <Show when={props.project.archived}>
        <p class="project-archived">{W.archivedNote}</p>
      </Show>
      <NameFormToggle
        id="project-name"
        label={W.projectName}
        submitLabel={W.save}
        class="project-rename"
        openLabel={W.rename}
        openClass="btn"
        initial={() => props.project.name}
        onSave={rename}
      />
      <ColourSelect
        id="project-colour"
        value={props.project.colour}
        onChange={(colour) => void recolour(colour)}
      />
      <label class="project-colour-label" for="project-parent">
        {W.parent}
      </label>
      <select
        id="project-parent"
        class="input"
        value={props.project.parentId ?? ''}
        onChange={(event) => void reparent(event.currentTarget)}
      >
        <option value="">{W.noParent}</option>
        <For each={props.all.filter((p) => p.id !== props.project.id)}>
          {(p) => <option value={p.id}>{p.name}</option>}
        </For>
      </select>
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
      <button type="button" class="btn btn-danger" onClick={() => void remove()}>
        {W.delete}
      </button>
    </div>
  );
}
