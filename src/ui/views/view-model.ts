// From a route to what the page shows: the view spec for the queries, titles, and list items.
import { flattenTree } from '../../core/hierarchy';
import type { TaskGroup, ViewSpec } from '../../core/views';
import type { NewTask } from '../../core/task';
import { formatDayHeading } from '../lib/dates';
import type { ListItem } from '../tasks/list-model';
import type { Route } from '../router';

export function viewSpecFor(route: Route): ViewSpec | null {
  switch (route.view) {
    case 'inbox':
    case 'today':
    case 'upcoming':
    case 'completed':
      return { kind: route.view };
    case 'project':
      return { kind: 'project', project: route.name };
    case 'label':
      return { kind: 'label', label: route.name };
    case 'search':
      return { kind: 'search', query: route.query };
    default:
      return null;
  }
}

export function viewTitle(route: Route): string {
  switch (route.view) {
    case 'inbox':
      return 'Inbox';
    case 'today':
      return 'Today';
    case 'upcoming':
      return 'Upcoming';
    case 'completed':
      return 'Completed';
    case 'project':
      return route.name;
    case 'label':
      return `@${route.name}`;
    case 'search':
      return route.query ? `Search: ${route.query}` : 'Search';
    case 'filter':
      return 'Filter';
    case 'trash':
      return 'Trash';
    case 'settings':
      return 'Settings';
    case 'documentation':
      return route.section === 'api' ? 'API reference' : 'Help';
    case 'share':
      return 'Inbox';
    case 'not-found':
      return 'Page not found';
  }
}

/** The document title for a route: "Today · Tend". */
export function documentTitle(route: Route): string {
  return `${viewTitle(route)} · Tend`;
}

/** Fields a task typed in this view gets when its text does not say otherwise. */
export function quickAddDefaults(spec: ViewSpec | null, today: string): Partial<NewTask> {
  switch (spec?.kind) {
    case 'project':
      return { project: spec.project };
    case 'label':
      return { labels: [spec.label] };
    case 'today':
      return { due: today };
    default:
      return {};
  }
}

/**
 * Flattens groups into list items, with headings where the view has sections. Inside a group, sub-tasks
 * follow their parent, indented (Completed stays flat); `collapsed` parents hide their sub-trees.
 */
export function listItemsFor(
  spec: ViewSpec,
  groups: TaskGroup[],
  today: string,
  collapsed: ReadonlySet<string> = new Set(),
): ListItem[] {
  const items: ListItem[] = [];
  const tree = spec.kind !== 'completed';
  const headed = spec.kind === 'today' || spec.kind === 'upcoming';
  for (const group of groups) {
    if (headed && group.tasks.length > 0) {
      items.push({
        kind: 'heading',
        key: `h:${group.key}`,
        label: group.key === 'overdue' ? 'Overdue' : formatDayHeading(group.day ?? today, today),
        count: group.tasks.length,
        tone: group.key === 'overdue' ? 'danger' : undefined,
      });
    }
    if (!tree) {
      for (const task of group.tasks)
        items.push({ kind: 'task', key: task.id, task, group: group.key });
      continue;
    }
    for (const entry of flattenTree(group.tasks, collapsed)) {
      items.push({
        kind: 'task',
        key: entry.task.id,
        task: entry.task,
        group: group.key,
        level: entry.level,
        parentId: entry.parentId,
        children: entry.children,
      });
    }
  }
  return items;
}

interface EmptyState {
  title: string;
  body: string;
}

export function emptyStateFor(spec: ViewSpec): EmptyState {
  switch (spec.kind) {
    case 'inbox':
      return {
        title: 'Your inbox is clear',
        body: 'Capture anything with quick add (press q). Tasks without a #project land here.',
      };
    case 'today':
      return {
        title: 'Nothing due today',
        body: 'Enjoy the calm, or plan something: type “Water the plants today” in quick add.',
      };
    case 'upcoming':
      return {
        title: 'Nothing scheduled',
        body: 'Add a date in plain words: “Dentist next tuesday at 3pm”, “Pay rent every month on the 1st”.',
      };
    case 'completed':
      return {
        title: 'No completed tasks yet',
        body: 'Tasks you tick off appear here, newest first.',
      };
    case 'project':
      return {
        title: `No open tasks in ${spec.project}`,
        body: `Tasks you add here go to ${spec.project}; elsewhere type #${spec.project.replace(/\s/g, '')} to file one.`,
      };
    case 'label':
      return {
        title: `No open tasks labelled @${spec.label}`,
        body: `Tasks you add here get @${spec.label}; elsewhere type @${spec.label} in quick add.`,
      };
    case 'search':
      return spec.query.trim()
        ? {
            title: `No tasks match “${spec.query}”`,
            body: 'Words search titles, notes and labels; filters read like “#Work & p1” or “today | overdue”.',
          }
        : {
            title: 'Search your tasks',
            body: 'Type in the search box (press /): words search titles, notes and labels, and filters such as “#Work & p1”, “@errands”, “overdue” or “7 days” find tasks by their fields.',
          };
  }
}
