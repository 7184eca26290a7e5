// How each view is shown (sort order, and list or week for Upcoming), remembered per view on this device
// in localStorage: read synchronously, so a view opens in its order without a flash of the default.
import { createSignal } from 'solid-js';
import { isSortKey } from '../../core/sort';
import type { SortKey } from '../../core/sort';

type UpcomingLayout = 'list' | 'week';

interface ViewPrefs {
  sort: SortKey;
  layout: UpcomingLayout;
}

const STORAGE_KEY = 'tend.viewPrefs';
const DEFAULTS: ViewPrefs = { sort: 'manual', layout: 'list' };

type Stored = Record<string, Partial<ViewPrefs>>;

function read(storage: Pick<Storage, 'getItem'> | undefined): Stored {
  try {
    const value: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Stored) : {};
  } catch {
    return {};
  }
}

export function createViewPrefs(
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage,
) {
  const [all, setAll] = createSignal<Stored>(read(storage));

  function get(view: string): ViewPrefs {
    const saved = all()[view] ?? {};
    return {
      sort: isSortKey(saved.sort) ? saved.sort : DEFAULTS.sort,
      layout: saved.layout === 'week' ? 'week' : DEFAULTS.layout,
    };
  }

  function set(view: string, change: Partial<ViewPrefs>): void {
    const next = { ...all(), [view]: { ...all()[view], ...change } };
    setAll(next);
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage full or blocked: the choice still holds for this session.
    }
  }

  return { get, set };
}
