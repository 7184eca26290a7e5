// Reordering projects: the list after one moves to another's place (sidebar drag, Move up / Move down),
// and the writes that store it, renumbering 1..n so orders stay distinct.
import type { ProjectsStore } from '../../db/projects-store';

/** `list` with the item `movingId` put where `targetId` is (the others shift to make room). */
export function moveTo<T extends { id: string }>(
  list: readonly T[],
  movingId: string,
  targetId: string,
): T[] {
  const from = list.findIndex((p) => p.id === movingId);
  const to = list.findIndex((p) => p.id === targetId);
  if (from < 0 || to < 0 || from === to) return [...list];
  const out = [...list];
  const [moving] = out.splice(from, 1);
  out.splice(to, 0, moving);
  return out;
}

/** Stores `list`'s order as 1..n, writing only the projects whose order changes. */
export async function storeOrder(
  store: Pick<ProjectsStore, 'updateProject'>,
  list: readonly { id: string; order: number }[],
): Promise<void> {
  for (const [i, p] of list.entries())
    if (p.order !== i + 1) await store.updateProject(p.id, { order: i + 1 });
}
