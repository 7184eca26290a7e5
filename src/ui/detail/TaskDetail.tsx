// The task detail dialog: edit every field, complete/reopen, delete with Undo, the task's history and
// conflict journal, and the on-device AI's badge (both in their own chunks).
import { For, Show, createEffect, createSignal, on } from 'solid-js';
import type { JSX } from 'solid-js';
import { storedToTask } from '../../db/task-index';
import { listLabels, listProjects, queryDescendants, queryLevel } from '../../db/queries';
import type { Task } from '../../core/task';
import { describeRecurrence } from '../../core/recurrence';
import { useApp } from '../app-context';
import { Icon } from '../icons';
import { Dialog } from '../lib/Dialog';
import { createLive } from '../lib/live';
import { lazyPanel } from '../lib/lazy-panel';
import { describeError } from '../messages';
import { createTaskActions } from '../tasks/actions';
import { createSubtaskPrompt } from '../tasks/CompleteSubtasksPrompt';
import { SubtaskList } from './SubtaskList';
import {
  CUSTOM_RECURRENCE,
  RECURRENCE_PRESETS,
  changesFromDraft,
  draftFromTask,
  errorsFromStoreMessage,
} from './detail-form';
import type { DetailDraft, DraftErrors, DraftField } from './detail-form';

const TaskHistory = lazyPanel(() => import('../sync/TaskHistory'));
const RefinedBadge = lazyPanel(() => import('../ai/RefinedBadge'));

const PRIORITIES = [
  { value: '1', label: 'P1 · Urgent' },
  { value: '2', label: 'P2 · High' },
  { value: '3', label: 'P3 · Medium' },
  { value: '4', label: 'P4 · None' },
];

export default function TaskDetail(props: { taskId: string; onClose: () => void }): JSX.Element {
  const app = useApp();
  const prompt = createSubtaskPrompt();
  const actions = createTaskActions({
    store: app.store,
    toasts: app.toasts,
    today: app.today,
    pending: app.pending,
    descendants: (id) => queryDescendants(app.db, id),
    askCompleteSubtasks: prompt.ask,
  });
  const level = createLive(
    (id) => queryLevel(app.db, id),
    1,
    () => props.taskId,
  );
  const stored = createLive(
    (id) =>
      app.db.tasks.get(id).then((s) => (s && s.status !== 'partial' ? storedToTask(s) : null)),
    null as Task | null,
    () => props.taskId,
  );
  const projects = createLive(() => listProjects(app.db), []);
  const labels = createLive(() => listLabels(app.db), []);
  const [draft, setDraft] = createSignal<DetailDraft | null>(null);
  const [errors, setErrors] = createSignal<DraftErrors>({});
  const [saving, setSaving] = createSignal(false);

  // Load the draft once; later live updates (another tab, sync) do not clobber what the user types.
  createEffect(
    on(stored.value, (task) => {
      if (task && !draft()) setDraft(draftFromTask(task));
    }),
  );

  const set = (field: DraftField) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setDraft((d) => (d ? { ...d, [field]: value } : d));
    if (errors()[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function save(event: Event) {
    event.preventDefault();
    const task = stored.value();
    const current = draft();
    if (!task || !current) return;
    const { changes, errors: found } = changesFromDraft(current, task, app.now());
    if (Object.values(found).some(Boolean)) {
      setErrors(found);
      focusFirstError(found);
      return;
    }
    if (Object.keys(changes).length === 0) return props.onClose();
    setSaving(true);
    try {
      await app.store.updateTask(task.id, changes);
      props.onClose();
    } catch (error) {
      const code = (error as { code?: string }).code;
      const fieldErrors =
        code === 'invalid_task'
          ? errorsFromStoreMessage((error as Error).message)
          : { form: describeError(error) };
      setErrors(fieldErrors);
      focusFirstError(fieldErrors);
    } finally {
      setSaving(false);
    }
  }

  function focusFirstError(found: DraftErrors) {
    const first = (Object.keys(found) as (DraftField | 'form')[]).find(
      (k) => found[k] && k !== 'form',
    );
    if (first) queueMicrotask(() => document.getElementById(`detail-${first}`)?.focus());
  }

  const errorProps = (field: DraftField) => ({
    'aria-invalid': errors()[field] ? ('true' as const) : undefined,
    'aria-describedby': errors()[field] ? `detail-${field}-error` : undefined,
  });

  const FieldError = (p: { field: DraftField }) => (
    <Show when={errors()[p.field]}>
      <p class="field-error" id={`detail-${p.field}-error`}>
        {errors()[p.field]}
      </p>
    </Show>
  );

  return (
    <Dialog labelledBy="detail-heading" class="detail" onClose={props.onClose}>
      <div class="dialog-header">
        <h2 id="detail-heading">Task details</h2>
        <button type="button" class="icon-btn" aria-label="Close" onClick={() => props.onClose()}>
          <Icon name="close" />
        </button>
      </div>
      {/* One scrolling body: the form and the sync history below it scroll together. */}
      <div class="dialog-body">
        <Show
          when={stored.ready() ? stored.value() : true}
          fallback={
            <p class="hint">
              This task no longer exists. It may have been deleted on another device.
            </p>
          }
        >
          <Show when={draft() && stored.value()}>
            {(_) => {
              const task = () => stored.value()!;
              const d = () => draft()!;
              return (
                <>
                  <form class="detail-form" onSubmit={save} novalidate>
                    <div class="field">
                      <label for="detail-title">Title</label>
                      <input
                        id="detail-title"
                        class="input input-title"
                        value={d().title}
                        onInput={set('title')}
                        required
                        autocomplete="off"
                        {...errorProps('title')}
                      />
                      <FieldError field="title" />
                    </div>
                    <RefinedBadge taskId={props.taskId} />
                    <div class="field">
                      <label for="detail-notes">Notes</label>
                      <textarea
                        id="detail-notes"
                        class="input"
                        value={d().notes}
                        onInput={set('notes')}
                        rows={4}
                        {...errorProps('notes')}
                      />
                      <FieldError field="notes" />
                    </div>
                    <div class="field-row">
                      <div class="field">
                        <label for="detail-dueDate">Due date</label>
                        <input
                          id="detail-dueDate"
                          type="date"
                          class="input"
                          value={d().dueDate}
                          onInput={set('dueDate')}
                          {...errorProps('dueDate')}
                        />
                        <FieldError field="dueDate" />
                      </div>
                      <div class="field">
                        <label for="detail-dueTime">Time (optional)</label>
                        <input
                          id="detail-dueTime"
                          type="time"
                          class="input"
                          value={d().dueTime}
                          onInput={set('dueTime')}
                          {...errorProps('dueTime')}
                        />
                        <FieldError field="dueTime" />
                      </div>
                    </div>
                    <div class="field-row">
                      <div class="field">
                        <label for="detail-priority">Priority</label>
                        <select
                          id="detail-priority"
                          class="input"
                          value={d().priority}
                          onChange={set('priority')}
                        >
                          <For each={PRIORITIES}>
                            {(p) => <option value={p.value}>{p.label}</option>}
                          </For>
                        </select>
                      </div>
                      <div class="field">
                        <label for="detail-project">Project</label>
                        <input
                          id="detail-project"
                          class="input"
                          list="detail-projects"
                          placeholder="Inbox"
                          value={d().project}
                          onInput={set('project')}
                          autocomplete="off"
                          {...errorProps('project')}
                        />
                        <datalist id="detail-projects">
                          <For each={projects.value()}>{(p) => <option value={p.name} />}</For>
                        </datalist>
                        <FieldError field="project" />
                      </div>
                    </div>
                    <div class="field">
                      <label for="detail-labels">Labels</label>
                      <input
                        id="detail-labels"
                        class="input"
                        list="detail-label-list"
                        placeholder="@home @errands"
                        value={d().labels}
                        onInput={set('labels')}
                        autocomplete="off"
                        {...errorProps('labels')}
                      />
                      <datalist id="detail-label-list">
                        <For each={labels.value()}>{(l) => <option value={`@${l.name}`} />}</For>
                      </datalist>
                      <FieldError field="labels" />
                    </div>
                    <div class="field-row">
                      <div class="field">
                        <label for="detail-recurrence">Repeat</label>
                        <select
                          id="detail-recurrence"
                          class="input"
                          value={d().recurrence}
                          onChange={set('recurrence')}
                        >
                          <For each={RECURRENCE_PRESETS}>
                            {(p) => <option value={p.value}>{p.label}</option>}
                          </For>
                          <option value={CUSTOM_RECURRENCE}>Custom…</option>
                        </select>
                      </div>
                      <Show when={d().recurrence === CUSTOM_RECURRENCE}>
                        <div class="field">
                          <label for="detail-recurrenceText">Custom repeat</label>
                          <input
                            id="detail-recurrenceText"
                            class="input"
                            placeholder="every 3 months"
                            value={d().recurrenceText}
                            onInput={set('recurrenceText')}
                            autocomplete="off"
                            {...errorProps('recurrenceText')}
                          />
                          <FieldError field="recurrenceText" />
                        </div>
                      </Show>
                    </div>
                    <Show when={task().recurrence}>
                      {(rule) => (
                        <p class="hint">Currently repeats {describeRecurrence(rule())}.</p>
                      )}
                    </Show>
                    <Show when={errors().form}>
                      <p class="field-error" role="alert">
                        {errors().form}
                      </p>
                    </Show>
                    <div class="detail-actions">
                      <button type="submit" class="btn btn-primary" disabled={saving()}>
                        Save
                      </button>
                      <button
                        type="button"
                        class="btn"
                        onClick={async () => {
                          await actions.toggleComplete(task());
                          props.onClose();
                        }}
                      >
                        {task().completedAt ? 'Mark as not done' : 'Complete'}
                      </button>
                      <button
                        type="button"
                        class="btn btn-danger"
                        onClick={async () => {
                          if (await actions.remove([task()])) props.onClose();
                        }}
                      >
                        <Icon name="trash" />
                        Delete
                      </button>
                    </div>
                    <p class="hint detail-meta">
                      Created {new Date(task().createdAt).toLocaleString('en-GB')} · Updated{' '}
                      {new Date(task().updatedAt).toLocaleString('en-GB')}
                    </p>
                  </form>
                  <SubtaskList parent={task()} level={level.value()} actions={actions} />
                </>
              );
            }}
          </Show>
          <TaskHistory taskId={props.taskId} />
        </Show>
      </div>
      <prompt.Prompt />
    </Dialog>
  );
}
