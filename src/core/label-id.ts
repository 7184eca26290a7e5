// Label ids from names, which labels a task has, and the records legacy label names become: zod-free,
// so the page's first paint (its label index) and its database upgrade can use them.
import type { LabelMutation } from './merge';
import { idForName, legacyNameWrites } from './name-id';
import type { LabelChanges, LabelRecord } from './label';

/**
 * The id a label named `name` gets when it comes from a name (a legacy task's `labels`, an import, a new
 * `@name` whose id is still free): the same on every device, so two devices that meet the same name
 * offline make one label.
 */
export function labelIdForName(name: string): string {
  return idForName('label', name);
}

/**
 * The labels a task has, as label ids. How a task refers to a label: new clients write `labelIds` and,
 * beside them, the names under the same stamp (what clients from before label records read and write).
 * The later written of the two wins: ids normally, but names written afterwards (by an older client or a
 * REST caller, which know only `labels`) win and resolve by name, each to the record that name became
 * (`labelIdForName`). `labelIds` null: the task was never written by a label-aware client.
 */
export function effectiveLabelIds(task: {
  labels?: readonly string[] | null;
  labelIds?: readonly string[] | null;
  clock?: { labels?: string; labelIds?: string };
}): string[] {
  const namesWrittenLater =
    task.clock?.labels !== undefined &&
    task.clock.labelIds !== undefined &&
    task.clock.labels > task.clock.labelIds;
  if (task.labelIds && !namesWrittenLater) return [...new Set(task.labelIds)];
  return [...new Set((task.labels ?? []).map(labelIdForName))];
}

/** Whether the names, not the ids, say which labels a task has (see effectiveLabelIds). */
export function labelsByName(task: Parameters<typeof effectiveLabelIds>[0]): boolean {
  return (
    !task.labelIds ||
    (task.clock?.labels !== undefined &&
      task.clock.labelIds !== undefined &&
      task.clock.labels > task.clock.labelIds)
  );
}

const LEGACY_DEFAULTS = { colour: 'grey', order: 0, deletedAt: null } as const;

/**
 * The writes that make a label record for each name among `tasks` that refers to labels by name
 * (`labelsByName`) and that `known` does not have yet: the same record on every device (name-id.ts).
 */
export function legacyLabelMutations(
  tasks: Iterable<Parameters<typeof effectiveLabelIds>[0] & { createdAt: string }>,
  known: (labelId: string) => boolean,
): LabelMutation[] {
  const uses: { name: string; createdAt: string }[] = [];
  for (const task of tasks) {
    if (!labelsByName(task)) continue;
    for (const name of task.labels ?? []) uses.push({ name, createdAt: task.createdAt });
  }
  return legacyNameWrites('label', uses, known, (name): LabelChanges => ({
    ...LEGACY_DEFAULTS,
    name,
  }));
}
/**
 * A task's labels by their current names, in the order the task holds them: ids of labels deleted or
 * not arrived yet are left out, so a label deleted on another device disappears from every task at once.
 */
export function labelNames(
  ids: readonly string[],
  labels: ReadonlyMap<string, LabelRecord>,
): string[] {
  const names: string[] = [];
  for (const id of ids) {
    const label = labels.get(id);
    if (label && !label.deletedAt && typeof label.name === 'string') names.push(label.name);
  }
  return names;
}
