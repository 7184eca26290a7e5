// Saved filters: a name and a filter query, kept in IndexedDB on this device (they do not sync).
import type { SavedFilter, TendDb } from './database';
import { queryView } from './queries';

export type { SavedFilter };

export interface FilterWithCount extends SavedFilter {
  /** Tasks the filter shows today. */
  count: number;
}

async function listFilters(db: TendDb): Promise<SavedFilter[]> {
  return db.filters.orderBy('order').toArray();
}

/** Every saved filter with how many tasks it shows on `today`, for the sidebar. */
export async function listFiltersWithCounts(db: TendDb, today: string): Promise<FilterWithCount[]> {
  const filters = await listFilters(db);
  const counts = await Promise.all(
    filters.map((f) => queryView(db, { kind: 'search', query: f.query }, { today })),
  );
  return filters.map((f, i) => ({ ...f, count: counts[i].length }));
}

export async function saveFilter(
  db: TendDb,
  fields: { name: string; query: string },
  newId: () => string = () => crypto.randomUUID(),
): Promise<SavedFilter> {
  return db.transaction('rw', db.filters, async () => {
    const last = (await db.filters.orderBy('order').last())?.order ?? 0;
    const filter = {
      id: newId(),
      name: fields.name.trim(),
      query: fields.query.trim(),
      order: last + 1,
    };
    await db.filters.add(filter);
    return filter;
  });
}

export async function deleteFilter(db: TendDb, id: string): Promise<void> {
  await db.filters.delete(id);
}
