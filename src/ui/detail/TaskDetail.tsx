// The task detail dialog: edit every field, complete/reopen, delete with Undo, its comments, the task's history and
// conflict journal, and the on-device AI's badge (both in their own chunks). Edits save as you go: each
// field is stored when it is left (or the dialog closes) as an ordinary edit with Undo, and the form
// follows every other change to the task while it is open (a restore, another tab, a sync).
import { For, Show, createEffect, createSignal, on } from 'solid-js';
import type { JSX } from 'solid-js';
import {
  listLabels,
  listProjectSections,
  listProjects,
  queryLevel,
  queryTask,
} from '../../db/queries';
import { effectiveSectionId } from '../../core/section-id';
import type { Task, TaskChanges } from '../../core/task';
import { describeRecurrence } from '../../core/recurrence';
import { useApp } from '../app-context';
import { Icon } from '../icons';
import { formatDateTime } from '../lib/dates';
import { Dialog } from '../lib/Dialog';
import { createLive } from '../lib/live';
import { lazyPanel } from '../lib/lazy-panel';
import { NOTE_LINK_WORDS, SECTION_WORDS, describeError } from '../messages';
import { hasNoteLinks } from '../lib/note-links';
import { createAppTaskActions } from '../tasks/actions';
import { createSubtaskPrompt } from '../tasks/CompleteSubtasksPrompt';
import { ReminderList } from '../reminders/ReminderList';
import { CommentList } from './CommentList';
import { LinkedNotes } from './LinkedNotes';
import { SubtaskList } from './SubtaskList';
import {
  CUSTOM_RECURRENCE,
  RECURRENCE_PRESETS,
  changesFromDraft,
  errorsFromStoreMessage,
  followTask,
  withoutInvalid,
} from './detail-form';
import type { DetailDraft, DraftErrors, DraftField } from './detail-form';
import { createDraftFields } from './DraftFields';

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
  const actions = createAppTaskActions(app, prompt.ask);
  const level = createLive(
    (id) => queryLevel(app.db, id),
    1,
    () => props.taskId,
  );
  const stored = createLive(
    (id) => queryTask(app.db, id),
    null as Task | null,
    () => props.taskId,
  );
  const projects = createLive(() => listProjects(app.db), []);
  const labels = createLive(() => listLabels(app.db), []);
  const sections = createLive(
    ({ id }) => (id ? listProjectSections(app.db, id) : []),
    [],
    () => ({ id: stored.value()?.projectId ?? null }),
  );
  /** The section the task shows under (none when its section is gone or in another project). */
  const shownSection = () => {
    const task = stored.value();
    if (!task) return '';
    const records = new Map(sections.value().map((s) => [s.id, { ...s, clock: {} }]));
    return effectiveSectionId(task, task.projectId, records) ?? '';
  };
  function moveToSection(id: string) {
    const task = stored.value();
    const target = sections.value().find((s) => s.id === id);
    if (task)
      void actions.moveToSection(
        [task],
        target?.id ?? null,
        target?.name ?? SECTION_WORDS.noSection,
      );
  }
  const [draft, setDraft] = createSignal<DetailDraft | null>(null);
  const [errors, setErrors] = createSignal<DraftErrors>({});
  const [saving, setSaving] = createSignal(false);
  /** Fields typed into and not yet stored, with an edit count so a save cannot forget later typing. */
  const dirty = new Map<DraftField, number>();
  /** Set when closing found a value it could not store: closing again discards it. */
  let askedToDiscard = false;

  // Every change to the stored task reaches the form, except in the fields the user is typing into.
  createEffect(
    on(stored.value, (task) => {
      if (task) setDraft((current) => followTask(current, task, new Set(dirty.keys())));
    }),
  );

  const set = (field: DraftField) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    dirty.set(field, (dirty.get(field) ?? 0) + 1);
    askedToDiscard = false;
    setDraft((d) => (d ? { ...d, [field]: value } : d));
    if (errors()[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  /**
   * Stores what was typed and is valid, as one edit with Undo; returns false when a typed value is
   * invalid (its error shows beside the field) or the store refused it.
   */
  async function commit(): Promise<boolean> {
    const task = stored.value();
    const current = draft();
    if (!task || !current || dirty.size === 0) return true;
    const typed = new Map(dirty);
    const { changes: all, errors: found } = changesFromDraft(current, task, app.now());
    const changes = withoutInvalid(all, found);
    const invalid = Object.values(found).some(Boolean);
    if (invalid) setErrors(found);
    if (Object.keys(changes).length > 0) {
      const before = Object.fromEntries(
        Object.keys(changes).map((field) => [field, task[field as keyof TaskChanges]]),
      ) as TaskChanges;
      try {
        const saved = await app.store.updateTask(task.id, changes);
        app.toasts.show(`Saved “${saved.title}”`, {
          action: {
            label: 'Undo',
            run: () => void actions.attempt(() => app.store.updateTask(task.id, before)),
          },
        });
      } catch (error) {
        const code = (error as { code?: string }).code;
        const fieldErrors =
          code === 'invalid_task'
            ? errorsFromStoreMessage((error as Error).message)
            : { form: describeError(error) };
        setErrors(fieldErrors);
        focusFirstError(fieldErrors);
        return false;
      }
    }
    // Fields typed into again while saving stay dirty; the rest now follow the stored task.
    for (const [field, count] of typed) {
      if (dirty.get(field) === count && !found[field]) dirty.delete(field);
    }
    const latest = stored.value();
    if (latest) setDraft((d) => followTask(d, latest, new Set(dirty.keys())));
    if (invalid) focusFirstError(found);
    return !invalid;
  }

  /** Esc, a click outside, Close: nothing typed is lost. An invalid value asks first. */
  async function close() {
    if ((await commit()) || askedToDiscard) return props.onClose();
    askedToDiscard = true;
    setErrors((e) => ({
      ...e,
      form: 'This change cannot be saved as it is. Fix it, or close again to discard it.',
    }));
  }

  async function save(event: Event) {
    event.preventDefault();
    setSaving(true);
    try {
      if (await commit()) props.onClose();
    } finally {
      setSaving(false);
    }
  }

  /** A button that stores what was typed, then acts; the dialog closes unless the action was refused. */
  const ThenClose = (p: {
    class?: string;
    run: () => Promise<boolean | void>;
    children: JSX.Element;
  }) => (
    <button
      type="button"
      class={p.class ?? 'btn'}
      onClick={async () => {
        if ((await commit()) && (await p.run()) !== false) props.onClose();
      }}
    >
      {p.children}
    </button>
  );

  function focusFirstError(found: DraftErrors) {
    const first = (Object.keys(found) as (DraftField | 'form')[]).find(
      (k) => found[k] && k !== 'form',
    );
    if (first) queueMicrotask(() => document.getElementById(`detail-${first}`)?.focus());
  }

  const { errorProps, FieldError, DraftInput, DraftSelect } = createDraftFields({
    draft: () => draft()!,
    errors,
    set,
    commit: () => void commit(),
  });

  return (
    <Dialog labelledBy="detail-heading" class="detail" onClose={() => void close()}>
      <div class="dialog-header">
        <h2 id="detail-heading">Task details</h2>
        <button type="button" class="icon-btn" aria-label="Close" onClick={() => void close()}>
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
                    <DraftInput field="title" label="Title" class="input input-title" required />
                    <RefinedBadge taskId={props.taskId} />
                    <div class="field">
                      <label for="detail-notes">Notes</label>
                      <textarea
                        id="detail-notes"
                        class="input"
                        value={d().notes}
                        onInput={set('notes')}
                        onChange={() => void commit()}
                        rows={4}
                        {...errorProps('notes')}
                      />
                      <FieldError field="notes" />
                      <Show when={hasNoteLinks(d().notes)}>
                        <LinkedNotes text={d().notes} label={NOTE_LINK_WORDS.links} />
                      </Show>
                    </div>
                    <div class="field-row">
                      <DraftInput field="dueDate" label="Due date" type="date" />
                      <DraftInput field="dueTime" label="Time (optional)" type="time" />
                    </div>
                    <div class="field-row">
                      <DraftSelect field="priority" label="Priority" options={PRIORITIES} />
                      <DraftInput
                        field="project"
                        label="Project"
                        list="detail-projects"
                        placeholder="Inbox"
                      >
                        <datalist id="detail-projects">
                          <For each={projects.value()}>{(p) => <option value={p.name} />}</For>
                        </datalist>
                      </DraftInput>
                      <Show when={sections.value().length > 0}>
                        <div class="field">
                          <label for="detail-section">{SECTION_WORDS.section}</label>
                          <select
                            id="detail-section"
                            class="input"
                            value={shownSection()}
                            onChange={(event) => moveToSection(event.currentTarget.value)}
                          >
                            <option value="">{SECTION_WORDS.noSection}</option>
                            <For each={sections.value()}>
                              {(s) => <option value={s.id}>{s.name}</option>}
                            </For>
                          </select>
                        </div>
                      </Show>
                    </div>
                    <DraftInput
                      field="labels"
                      label="Labels"
                      list="detail-label-list"
                      placeholder="@home @errands"
                    >
                      <datalist id="detail-label-list">
                        <For each={labels.value()}>{(l) => <option value={`@${l.name}`} />}</For>
                      </datalist>
                    </DraftInput>
                    <div class="field-row">
                      <DraftSelect field="recurrence" label="Repeat" options={RECURRENCE_PRESETS}>
                        <option value={CUSTOM_RECURRENCE}>Custom…</option>
                      </DraftSelect>
                      <Show when={d().recurrence === CUSTOM_RECURRENCE}>
                        <DraftInput
                          field="recurrenceText"
                          label="Custom repeat"
                          placeholder="every 3 months"
                        />
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
                      <Show
                        when={!task().deletedAt}
                        fallback={
                          <ThenClose run={() => actions.restore([task()])}>
                            Restore from Trash
                          </ThenClose>
                        }
                      >
                        <ThenClose run={() => actions.toggleComplete(task())}>
                          {task().completedAt ? 'Mark as not done' : 'Complete'}
                        </ThenClose>
                        <ThenClose class="btn btn-danger" run={() => actions.remove([task()])}>
                          <Icon name="trash" />
                          Delete
                        </ThenClose>
                      </Show>
                    </div>
                    <p class="hint detail-meta">
                      Created {formatDateTime(task().createdAt)} · Updated{' '}
                      {formatDateTime(task().updatedAt)}
                    </p>
                  </form>
                  <ReminderList
                    task={task()}
                    actions={actions}
                    onAdded={() => app.reminders?.onReminderAdded()}
                  />
                  <SubtaskList parent={task()} level={level.value()} actions={actions} />
                  <Show when={!task().deletedAt}>
                    <CommentList taskId={task().id} actions={actions} />
                  </Show>
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
