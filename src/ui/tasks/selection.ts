// Which task the keyboard is on (the cursor) and which tasks are selected for bulk actions.
import { createSignal } from 'solid-js';

export function createSelection() {
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  /** Anchor of Shift-click ranges. */
  let anchor: string | null = null;

  function toggle(id: string) {
    anchor = id;
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  /** Selects every id between the anchor and `id` in display order (Shift-click). */
  function extendTo(id: string, order: string[]) {
    const from = anchor ? order.indexOf(anchor) : -1;
    const to = order.indexOf(id);
    if (from < 0 || to < 0) return toggle(id);
    const [lo, hi] = from < to ? [from, to] : [to, from];
    setSelected((current) => new Set([...current, ...order.slice(lo, hi + 1)]));
  }

  function clear() {
    anchor = null;
    setSelected(new Set<string>());
  }

  /** Drops ids no longer shown (completed elsewhere, moved out of the view). */
  function retain(visible: ReadonlySet<string>) {
    const current = selected();
    if ([...current].every((id) => visible.has(id))) return;
    setSelected(new Set([...current].filter((id) => visible.has(id))));
  }

  return { cursor, setCursor, selected, toggle, extendTo, clear, retain };
}

export type Selection = ReturnType<typeof createSelection>;
