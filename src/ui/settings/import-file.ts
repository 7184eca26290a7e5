// What a chosen import file is: Todoist CSV or a Tend JSON export, and for a CSV the project it is for.

/** A Todoist export is named after its project ("Work.csv"); "Inbox" means no project. */
export function projectFromFileName(name: string): string | null {
  const base = name
    .replace(/\.csv$/i, '')
    .replace(/\s*\(\d+\)$/, '')
    .trim();
  return !base || /^inbox$/i.test(base) ? null : base;
}

export function isCsvFile(file: { name: string; type: string }, text: string): boolean {
  if (/\.csv$/i.test(file.name) || file.type === 'text/csv') return true;
  if (/\.json$/i.test(file.name) || file.type === 'application/json') return false;
  return !/^\s*[{[]/.test(text);
}
