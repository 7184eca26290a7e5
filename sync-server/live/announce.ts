// After a push commits: tell every instance (Redis publishes here; PostgreSQL already sent its NOTIFY
// with the commit). Shared by every route that writes tasks.
import type { AppContext } from '../context';

export function announceCommitted(
  ctx: Pick<AppContext, 'live'>,
  owner: string,
  result: {
    seq: number;
    changed: { size: number };
    changedProjects?: { size: number };
    changedSections?: { size: number };
    changedLabels?: { size: number };
    changedComments?: { size: number };
  },
): void {
  const changes =
    result.changed.size +
    (result.changedProjects?.size ?? 0) +
    (result.changedSections?.size ?? 0) +
    (result.changedLabels?.size ?? 0) +
    (result.changedComments?.size ?? 0);
  if (changes > 0)
    ctx.live?.feed.announceCommitted({ owner: owner.toLowerCase(), seq: result.seq });
}
