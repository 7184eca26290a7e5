// The navigation landmark: the four views (accessible names exactly "Inbox", "Today", "Upcoming",
// "Completed"; counts are descriptions, not part of the name), then projects, labels and Settings.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import type { NamedCount, NavCounts } from '../../core/views';
import { useApp } from '../app-context';
import { Icon } from '../icons';
import type { IconName } from '../icons';
import type { Route } from '../router';
import { routeHref } from '../router';

export interface SidebarProps {
  counts: NavCounts;
  projects: NamedCount[];
  labels: NamedCount[];
  open: boolean;
  onNavigate: () => void;
}

const VIEWS: { view: keyof NavCounts; label: string; icon: IconName }[] = [
  { view: 'inbox', label: 'Inbox', icon: 'inbox' },
  { view: 'today', label: 'Today', icon: 'today' },
  { view: 'upcoming', label: 'Upcoming', icon: 'upcoming' },
  { view: 'completed', label: 'Completed', icon: 'completed' },
];

function isCurrent(route: Route, target: Route): boolean {
  if (route.view !== target.view) return false;
  if ('name' in route && 'name' in target) return route.name === target.name;
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

export function Sidebar(props: SidebarProps): JSX.Element {
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

      <h2 class="nav-heading" id="nav-projects">
        Projects
      </h2>
      <Show
        when={props.projects.length > 0}
        fallback={<p class="nav-empty">Type #Name in quick add to start a project.</p>}
      >
        <ul class="nav-list" aria-labelledby="nav-projects">
          <For each={props.projects}>
            {(project) => (
              <li>
                <NavLink
                  target={{ view: 'project', name: project.name }}
                  label={project.name}
                  icon="hash"
                  count={project.count}
                  idBase={idFor('p', project.name)}
                  onNavigate={props.onNavigate}
                />
              </li>
            )}
          </For>
        </ul>
      </Show>

      <h2 class="nav-heading" id="nav-labels">
        Labels
      </h2>
      <Show
        when={props.labels.length > 0}
        fallback={<p class="nav-empty">Type @label in quick add to tag a task.</p>}
      >
        <ul class="nav-list" aria-labelledby="nav-labels">
          <For each={props.labels}>
            {(label) => (
              <li>
                <NavLink
                  target={{ view: 'label', name: label.name }}
                  label={label.name}
                  icon="tag"
                  count={label.count}
                  idBase={idFor('l', label.name)}
                  onNavigate={props.onNavigate}
                />
              </li>
            )}
          </For>
        </ul>
      </Show>

      <ul class="nav-list nav-footer">
        <li>
          <NavLink
            target={{ view: 'settings' }}
            label="Settings"
            icon="settings"
            idBase="settings"
            onNavigate={props.onNavigate}
          />
        </li>
      </ul>
    </nav>
  );
}
