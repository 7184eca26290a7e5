// Rules-based quick-add parser (Todoist-compatible syntax). Work in progress: the API is stable.
import type { ParseOptions, QuickAddResult } from './types.ts';

export type { Chip, ChipKind, ParseOptions, QuickAddResult } from './types.ts';

export function parseQuickAdd(text: string, _options: ParseOptions): QuickAddResult {
  const title = text.replace(/\s+/g, ' ').trim();
  return { title, due: null, priority: 4, project: null, labels: [], recurrence: null, chips: [] };
}
