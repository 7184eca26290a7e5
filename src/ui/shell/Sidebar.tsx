// The navigation landmark: the four views (accessible names exactly "Inbox", "Today", "Upcoming",
// "Completed"; counts are descriptions, not part of the name), then projects, labels and Settings.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import type { NamedCount, NavCounts } from '../../core/views';
import type { FilterWithCount } from '../../db/filters';
import { useApp } from '../app-context';
import { actOrToast } from '../lib/act-or-toast';
import { PROJECT_WORDS as W } from '../messages';
import { NameFormToggle } from '../projects/NameForm';
import { projectsStore } from '../projects/projects-store';
import { moveTo, storeOrder } from '../projects/reorder';
import { Icon } from '../icons';
import type { IconName } from '../icons';
import type { Route } from '../router';
import { routeHref } from '../router';

interface SidebarProps {
  counts: NavCounts;
  /** Projects that are not archived, in the user's order. */
  projects: (NamedCount & { id?: string; order?: number; colour?: string })[];
  labels: (NamedCount & { colour?: string })[];
  /** Archived projects, reachable from their own list (absent or empty: the list is not shown). */
  archived?: (NamedCount & { colour?: string })[];
  /** Saved filters with their counts (this device only). */
  filters: FilterWithCount[];
  open: boolean;
  onNavigate: () => void;
}

// Completed shows no count: counting years of history would cost every start a scan of it.
const VIEWS: { view: keyof NavCounts | 'completed'; label: string; icon: IconName }[] = [
  { view: 'inbox', label: 'Inbox', icon: 'inbox' },
  { view: 'today', label: 'Today', icon: 'today' },
  { view: 'upcoming', label: 'Upcoming', icon: 'upcoming' },
  { view: 'completed', label: 'Completed', icon: 'completed' },
];

const FOOTER: { target: Route; label: string; icon: IconName; idBase: string }[] = [
  { target: { view: 'trash' }, label: 'Trash', icon: 'trash', idBase: 'trash' },
  { target: { view: 'settings' }, label: 'Settings', icon: 'settings', idBase: 'settings' },
  {
    target: { view: 'documentation', section: 'guide' },
    label: 'Help',
    icon: 'help',
    idBase: 'help',
  },
];

function isCurrent(route: Route, target: Route): boolean {
  if (route.view !== target.view) return false;
  if ('name' in route && 'name' in target) return route.name === target.name;
  if ('id' in route && 'id' in target) return route.id === target.id;
  return true;
}

function NavLink(props: {
  target: Route;
  label: string;
  icon: IconName;
  count?: number;
  idBase: string;
  onNavigate: () => void;
}): JSX.Element {
  const app = useApp();
  const countId = () => `nav-count-${props.idBase}`;
  return (
    <a
      href={routeHref(props.target)}
      class="nav-link"
      aria-current={isCurrent(app.router.route(), props.target) ? 'page' : undefined}
      aria-describedby={props.count ? countId() : undefined}
      onClick={() => props.onNavigate()}
    >
      <Icon name={props.icon} />
      <span class="nav-text">{props.label}</span>
      <Show when={props.count}>
        {/* Hidden from the name (it stays exactly the label), announced as the description (an
            aria-label that omits visible text fails axe's label-content-name-mismatch). */}
        <span class="nav-count" id={countId()} aria-hidden="true">
          {props.count}
        </span>
      </Show>
    </a>
  );
}

/** DOM ids from names that may hold any character. */
function idFor(prefix: string, name: string): string {
  return `${prefix}-${Array.from(name, (c) => c.charCodeAt(0).toString(36)).join('')}`;
}

/** What a section lists: a project, label or saved filter with its count. */
interface NavItem {
  /** The record's id, for drag reordering. */
  id?: string;
  name: string;
  count: number;
  /** A project's colour, shown as a dot (decoration: the name says which project it is). */
  colour?: string;
}

/** A headed list of links (projects, labels, saved filters), or a hint while it is empty. */
interface NavSectionProps<T extends NavItem> {
  id: string;
  heading: string;
  empty: string;
  items: readonly T[];
  route: (item: T) => Route;
  /** The item's key for its DOM ids (its name, or a filter's id). */
  idBase: (item: T) => string;
  icon: IconName;
  onNavigate: () => void;
  /** Controls under the heading (the project section's "New project"). */
  tools?: JSX.Element;
  /**
   * Drag reordering: a dragged entry dropped on another takes its place. The keyboard's way is the
   * page's Move up / Move down.
   */
  onReorder?: (movingId: string, targetId: string) => void;
}

function NavSection<T extends NavItem>(props: NavSectionProps<T>): JSX.Element {
  const dragType = () => `application/x-tend-${props.id}`;
  return (
    <>
      <h2 class="nav-heading" id={props.id}>
        {props.heading}
      </h2>
      {props.tools}
      <Show when={props.items.length > 0} fallback={<p class="nav-empty">{props.empty}</p>}>
        <ul class="nav-list" aria-labelledby={props.id}>
          <For each={props.items}>
            {(item) => (
              <li
                class="nav-item"
                data-colour={item.colour}
                style={
                  item.colour ? { '--project-mark': `var(--project-${item.colour})` } : undefined
                }
                draggable={props.onReorder && item.id ? true : undefined}
                onDragStart={(event) => {
                  if (props.onReorder && item.id) event.dataTransfer?.setData(dragType(), item.id);
                }}
                onDragOver={(event) => {
                  if (props.onReorder && event.dataTransfer?.types.includes(dragType()))
                    event.preventDefault();
                }}
                onDrop={(event) => {
                  const moving = event.dataTransfer?.getData(dragType());
                  if (!props.onReorder || !moving || !item.id) return;
                  event.preventDefault();
                  props.onReorder(moving, item.id);
                }}
              >
                <NavLink
                  target={props.route(item)}
                  label={item.name}
                  icon={props.icon}
                  count={item.count}
                  idBase={props.idBase(item)}
                  onNavigate={props.onNavigate}
                />
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}

/** What a section always shows: its heading, empty hint, icon, and where an item's link goes. */
type NavSectionKind<T extends NavItem> = Pick<
  NavSectionProps<T>,
  'id' | 'heading' | 'empty' | 'route' | 'idBase' | 'icon'
>;

const PROJECTS: NavSectionKind<NavItem> = {
  id: 'nav-projects',
  heading: 'Projects',
  empty: 'Type #Name in quick add to start a project.',
  route: (p) => ({ view: 'project', name: p.name }),
  idBase: (p) => idFor('p', p.name),
  icon: 'hash',
};

const ARCHIVED: NavSectionKind<NavItem> = {
  ...PROJECTS,
  id: 'nav-archived',
  heading: W.archivedProjects,
  empty: '',
  idBase: (p) => idFor('a', p.name),
};

const LABELS: NavSectionKind<NavItem> = {
  id: 'nav-labels',
  heading: 'Labels',
  empty: 'Type @label in quick add to tag a task.',
  route: (l) => ({ view: 'label', name: l.name }),
  idBase: (l) => idFor('l', l.name),
  icon: 'tag',
};

const FILTERS: NavSectionKind<FilterWithCount> = {
  id: 'nav-filters',
  heading: 'Filters',
  empty: 'Search, then “Save as filter” to keep it here.',
  route: (f) => ({ view: 'filter', id: f.id }),
  idBase: (f) => idFor('f', f.id),
  icon: 'search',
};

/** "New project": a button that opens a one-field form; Escape or Cancel closes it. */
function NewProject(props: { onNavigate: () => void }): JSX.Element {
  const app = useApp();
  const act = actOrToast(app.toasts);
  async function add(name: string, close: () => void) {
    const project = await act(async () => (await projectsStore(app)).addProject({ name }));
    if (!project) return;
    close();
    app.toasts.show(W.added(project.name));
    app.router.navigate(routeHref({ view: 'project', name: project.name }));
    props.onNavigate();
  }
  return (
    <NameFormToggle
      id="new-project-name"
      label={W.newProjectName}
      submitLabel={W.addProject}
      class="nav-new-form"
      openLabel={W.newProject}
      openClass="btn btn-ghost nav-new"
      onSave={add}
      refocus
    />
  );
}

export function Sidebar(props: SidebarProps): JSX.Element {
  const app = useApp();
  const act = actOrToast(app.toasts);
  /** A project dragged onto another takes its place; the sidebar's projects are renumbered 1..n. */
  async function reorderProjects(movingId: string, targetId: string) {
    const list = props.projects.flatMap((p) =>
      p.id === undefined ? [] : [{ id: p.id, order: p.order ?? 0 }],
    );
    await act(async () => storeOrder(await projectsStore(app), moveTo(list, movingId, targetId)));
  }
  return (
    <nav id="sidebar" class="sidebar" classList={{ 'is-open': props.open }} aria-label="Main">
      <ul class="nav-list">
        <For each={VIEWS}>
          {(item) => (
            <li>
              <NavLink
                target={{ view: item.view } as Route}
                label={item.label}
                icon={item.icon}
                count={item.view === 'completed' ? undefined : props.counts[item.view]}
                idBase={item.view}
                onNavigate={props.onNavigate}
              />
            </li>
          )}
        </For>
      </ul>

      <NavSection
        {...PROJECTS}
        items={props.projects}
        onNavigate={props.onNavigate}
        tools={<NewProject onNavigate={props.onNavigate} />}
        onReorder={(moving, target) => void reorderProjects(moving, target)}
      />
      <Show when={props.archived?.length}>
        <NavSection {...ARCHIVED} items={props.archived ?? []} onNavigate={props.onNavigate} />
      </Show>
      <NavSection {...LABELS} items={props.labels} onNavigate={props.onNavigate} />
      <NavSection {...FILTERS} items={props.filters} onNavigate={props.onNavigate} />

      <ul class="nav-list nav-footer">
        <For each={FOOTER}>
          {(item) => (
            <li>
              <NavLink
                target={item.target}
                label={item.label}
                icon={item.icon}
                idBase={item.idBase}
                onNavigate={props.onNavigate}
              />
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
