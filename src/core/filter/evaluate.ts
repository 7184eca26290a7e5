// Whether a task matches a parsed filter on a given day. Names compare without case (Todoist's way);
// `#Inbox` also means "no project", which is how Tend stores the Inbox. Free text looks in the title,
// notes and labels like the plain search.
import type { Task } from '../task';
import { addDays, dueDay } from '../calendar';
import { isPlainSearch, parseFilter } from './parse';
import type { FilterNode, FilterTerm } from './parse';

interface FilterContext {
  /** The user's local day, `YYYY-MM-DD`. */
  today: string;
}

const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

function matchesTerm(term: FilterTerm, task: Task, { today }: FilterContext): boolean {
  const day = task.due === null ? null : dueDay(task.due);
  switch (term.kind) {
    case 'project':
      return task.project === null ? same(term.name, 'Inbox') : same(task.project, term.name);
    case 'label':
      return task.labels.some((label) => same(label, term.name));
    case 'priority':
      return task.priority === term.priority;
    case 'today':
      return day === today;
    case 'tomorrow':
      return day === addDays(today, 1);
    case 'overdue':
      return day !== null && day < today;
    case 'no_date':
      return day === null;
    case 'days':
      return day !== null && day >= today && day <= addDays(today, term.days - 1);
    case 'recurring':
      return task.recurrence !== null;
    case 'subtask':
      return task.parentId !== null;
    case 'no_labels':
      return task.labels.length === 0;
    case 'text':
      return [task.title, task.notes, ...task.labels]
        .join('\n')
        .toLowerCase()
        .includes(term.text.toLowerCase());
  }
}

function matchesFilter(node: FilterNode, task: Task, context: FilterContext): boolean {
  switch (node.op) {
    case 'and':
      return matchesFilter(node.left, task, context) && matchesFilter(node.right, task, context);
    case 'or':
      return matchesFilter(node.left, task, context) || matchesFilter(node.right, task, context);
    case 'not':
      return !matchesFilter(node.operand, task, context);
    case 'term':
      return matchesTerm(node.term, task, context);
  }
}

/**
 * The search box's rule: words alone search open and completed tasks (like before filters existed);
 * a query with a filter term or operator is a filter over open tasks; a query that does not parse
 * matches nothing (the search page shows why).
 */
export function compileQuery(query: string, today: string): (task: Task) => boolean {
  const parsed = parseFilter(query);
  if (!parsed.ok) return () => false;
  const plain = isPlainSearch(parsed.filter);
  return (task) =>
    (plain || task.completedAt === null) && matchesFilter(parsed.filter, task, { today });
}

export function matchesQuery(query: string, task: Task, today: string): boolean {
  return compileQuery(query, today)(task);
}
