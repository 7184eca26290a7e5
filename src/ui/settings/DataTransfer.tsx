// Export all tasks as JSON; import a Tend JSON export or a Todoist CSV export, with progress and a
// summary, and a message that says what was wrong when a file cannot be imported (nothing is changed).
import { Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import { exportJson, importJson, importTodoistCsv } from '../../db/transfer';
import { useApp } from '../app-context';
import { localDay } from '../../core/calendar';
import { describeError, messageForCode } from '../messages';
import { describeImportError } from './import-errors';
import { describeTodoistImport, plural } from './import-summary';

/** Larger files are refused before reading: an export of 10,000 tasks is about 5 MB. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

type Status = { tone: 'info' | 'error'; text: string } | null;

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

export function DataTransfer(): JSX.Element {
  const app = useApp();
  const [status, setStatus] = createSignal<Status>(null);
  const [busy, setBusy] = createSignal<'export' | 'import' | null>(null);

  async function exportAll() {
    setBusy('export');
    setStatus(null);
    try {
      const json = await exportJson(app.db, app.now().getTime());
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `tend-export-${localDay(app.now())}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      const count = (JSON.parse(json) as { tasks?: unknown[] }).tasks?.length ?? 0;
      setStatus({ tone: 'info', text: `Exported ${plural(count, 'task')}.` });
    } catch (error) {
      setStatus({ tone: 'error', text: describeError(error) });
    } finally {
      setBusy(null);
    }
  }

  async function importFile(file: File) {
    setStatus(null);
    if (file.size === 0) return setStatus({ tone: 'error', text: messageForCode('empty_file')! });
    if (file.size > MAX_IMPORT_BYTES) {
      return setStatus({ tone: 'error', text: messageForCode('file_too_large')! });
    }
    setBusy('import');
    try {
      const text = await file.text();
      if (isCsvFile(file, text)) {
        const project = projectFromFileName(file.name);
        const result = await importTodoistCsv(app.store, text, { project, now: app.now() });
        setStatus({
          tone: 'info',
          text: describeTodoistImport(result.tasks.length, project, result.warnings),
        });
      } else {
        const summary = await importJson(app.db, text, {
          clock: await app.clock,
          now: () => app.now().getTime(),
        });
        setStatus({
          tone: 'info',
          text: `Imported ${plural(summary.total, 'task')}: ${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged.`,
        });
      }
    } catch (error) {
      setStatus({ tone: 'error', text: describeImportError(error) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="settings-section" aria-labelledby="settings-data">
      <h2 id="settings-data">Your data</h2>
      <p>
        Everything lives on this device. Export a copy at any time, or bring tasks in from Todoist.
      </p>
      <div class="settings-row">
        <button
          type="button"
          class="btn"
          disabled={busy() !== null}
          onClick={() => void exportAll()}
        >
          Export JSON
        </button>
        <input
          id="import-file"
          class="sr-only file-input"
          type="file"
          accept=".json,.csv,application/json,text/csv"
          disabled={busy() !== null}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void importFile(file);
          }}
        />
        <label class="btn" for="import-file">
          Import JSON or Todoist CSV…
        </label>
      </div>
      <Show when={busy() === 'import'}>
        <p class="hint import-progress">
          <progress aria-label="Import progress" /> Importing…
        </p>
      </Show>
      {/* Not role="status": the page keeps exactly one status element, the sync state. */}
      <div aria-live="polite">
        <Show when={status()}>
          {(s) => (
            <p class="import-result" classList={{ 'is-error': s().tone === 'error' }}>
              {s().text}
            </p>
          )}
        </Show>
      </div>
    </section>
  );
}
