// Export all tasks as JSON; import a Tend JSON export or a Todoist CSV export, with progress and a
// summary, and a message that says what was wrong when a file cannot be imported (nothing is changed).
import { Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import { exportJsonParts, importJsonStream, importTodoistCsv } from '../../db/transfer';
import { commentsStore } from '../detail/comments-store';
import type { TextSource } from '../../db/transfer';
import { whenDatabaseOpen } from '../../db/deferred-db';
import { useApp } from '../app-context';
import { localDay } from '../../core/calendar';
import { describeError, messageForCode, plural } from '../messages';
import { sectionsStore } from '../projects/projects-store';
import { describeImportError } from './import-errors';
import { describeTodoistImport } from './import-summary';
import { isCsvFile, projectFromFileName } from './import-file';

/**
 * Larger CSV files are refused before reading (a CSV is read whole; 100,000 Todoist rows are about
 * 15 MB). Tend's own exports are read as a stream, whatever their size.
 */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** The file's text piece by piece, without ever holding all of it. */
function fileText(file: Blob): TextSource {
  return async function* () {
    // Browsers without stream decoding (and jsdom) read the file whole.
    if (typeof TextDecoderStream === 'undefined' || typeof file.stream !== 'function') {
      yield await file.text();
      return;
    }
    const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  };
}

/** The first characters of a file, enough to tell JSON from CSV. */
async function firstText(file: Blob): Promise<string> {
  return file.slice(0, 512).text();
}

type Status = { tone: 'info' | 'error'; text: string } | null;

export function DataTransfer(): JSX.Element {
  const app = useApp();
  const [status, setStatus] = createSignal<Status>(null);
  const [busy, setBusy] = createSignal<'export' | 'import' | null>(null);
  const [progress, setProgress] = createSignal(0);

  async function exportAll() {
    setBusy('export');
    setStatus(null);
    try {
      const { parts, count } = await whenDatabaseOpen(() =>
        exportJsonParts(app.db, app.now().getTime()),
      );
      const url = URL.createObjectURL(new Blob(parts, { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `tend-export-${localDay(app.now())}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
    const csv = isCsvFile(file, await firstText(file));
    if (csv && file.size > MAX_IMPORT_BYTES) {
      return setStatus({ tone: 'error', text: messageForCode('file_too_large')! });
    }
    setProgress(0);
    setBusy('import');
    try {
      if (csv) {
        const project = projectFromFileName(file.name);
        const result = await importTodoistCsv(app.store, await file.text(), {
          project,
          now: app.now(),
          sectionsStore: await sectionsStore(app),
          onProgress: setProgress,
          comments: await commentsStore(app),
        });
        setStatus({
          tone: 'info',
          text: describeTodoistImport(
            result.tasks.length,
            project,
            result.warnings,
            result.comments,
          ),
        });
      } else {
        const summary = await importJsonStream(app.db, fileText(file), {
          clock: await app.clock,
          now: () => app.now().getTime(),
          size: file.size,
          onProgress: setProgress,
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
          <progress aria-label="Import progress" max={100} value={Math.round(progress() * 100)} />{' '}
          Importing… {Math.round(progress() * 100)}%
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
