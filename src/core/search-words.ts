// How search splits text into words: runs of letters and digits, in lower case. The stored word index
// (src/db/task-index.ts) and the in-memory substring index (src/db/search-index.ts) split task text this
// way and search terms the same way, so each token of a term lies inside one word of a match.
const NOT_WORD = /[^\p{L}\p{N}]+/u;

export function searchTokens(text: string): string[] {
  return text.toLowerCase().split(NOT_WORD).filter(Boolean);
}

/** The distinct words of a task's title, notes and labels (fields may be missing on partial records). */
export function taskWords(task: { title?: unknown; notes?: unknown; labels?: unknown }): string[] {
  const labels = Array.isArray(task.labels) ? (task.labels as unknown[]) : [];
  const text = [task.title, task.notes, ...labels]
    .filter((part): part is string => typeof part === 'string')
    .join('\n');
  return [...new Set(searchTokens(text))];
}
