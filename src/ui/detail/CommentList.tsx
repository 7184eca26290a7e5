// The detail's comments: a list named "Comments" (oldest first, each with its time and its links
// clickable), a textbox named "Add comment" (Enter or Post posts it, Shift+Enter starts a new line), and
// Edit and Delete (with Undo) on each comment.
import { For, Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import type { Comment } from '../../core/comment';
import { listComments } from '../../db/comments-store';
import { useApp } from '../app-context';
import { formatDateTime } from '../lib/dates';
import { createLive } from '../lib/live';
import { COMMENT_WORDS } from '../messages';
import type { TaskActions } from '../tasks/actions';
import { commentsStore } from './comments-store';
import { LinkedNotes } from './LinkedNotes';

/** Enter without Shift submits the textarea's form; Shift+Enter is a new line. */
function submitOnEnter(event: KeyboardEvent & { currentTarget: HTMLTextAreaElement }) {
  if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
  event.preventDefault();
  event.currentTarget.form?.requestSubmit();
}

export function CommentList(props: { taskId: string; actions: TaskActions }): JSX.Element {
  const app = useApp();
  const comments = createLive(
    (id) => listComments(app.db, id),
    [] as Comment[],
    () => props.taskId,
  );
  const [text, setText] = createSignal('');
  const [editing, setEditing] = createSignal<string | null>(null);
  const [editText, setEditText] = createSignal('');
  /**
   * The comment just deleted: its Undo sits in the section itself, since the toast's Undo is out of
   * reach behind the modal dialog (the toast keeps it for Ctrl+Z once the dialog is closed).
   */
  const [deleted, setDeleted] = createSignal<string | null>(null);

  async function add(event: Event) {
    event.preventDefault();
    const value = text();
    const taskId = props.taskId;
    if (!value.trim()) return;
    const posted = await props.actions.attempt(async () =>
      (await commentsStore(app)).addComment(taskId, value),
    );
    if (!posted) return;
    setText('');
    setDeleted(null);
  }

  function startEdit(comment: Comment) {
    setEditText(comment.text);
    setEditing(comment.id);
    queueMicrotask(() => document.getElementById(`comment-edit-${comment.id}`)?.focus());
  }

  async function saveEdit(event: Event, comment: Comment) {
    event.preventDefault();
    const value = editText();
    if (value.trim() === comment.text) return setEditing(null);
    const saved = await props.actions.attempt(async () =>
      (await commentsStore(app)).editComment(comment.id, value),
    );
    if (saved) setEditing(null);
  }

  async function remove(comment: Comment) {
    const store = await commentsStore(app);
    const deleted = await props.actions.attempt(() => store.deleteComment(comment.id));
    if (!deleted) return;
    const undo = async () => {
      setDeleted((id) => (id === comment.id ? null : id));
      await props.actions.attempt(() => store.restoreComment(comment.id));
    };
    setDeleted(comment.id);
    queueMicrotask(() => document.getElementById('comment-undo')?.focus());
    app.toasts.show(COMMENT_WORDS.deleted, { action: { label: 'Undo', run: undo } });
    undoDeleted = undo;
  }
  let undoDeleted: (() => Promise<void>) | undefined;

  return (
    <section class="comments" aria-labelledby="comments-heading">
      <h3 id="comments-heading">
        {COMMENT_WORDS.heading}
        <Show when={comments.value().length > 0}>
          <span class="subtasks-count"> {comments.value().length}</span>
        </Show>
      </h3>
      <Show when={comments.value().length > 0}>
        <ul class="comment-list" aria-label={COMMENT_WORDS.list}>
          <For each={comments.value()}>
            {(comment) => (
              <li class="comment">
                <p class="comment-meta">
                  <time datetime={comment.postedAt}>{formatDateTime(comment.postedAt)}</time>
                </p>
                <Show
                  when={editing() === comment.id}
                  fallback={
                    <>
                      <LinkedNotes text={comment.text} class="comment-text" />
                      <div class="comment-actions">
                        <button type="button" class="btn" onClick={() => startEdit(comment)}>
                          {COMMENT_WORDS.edit}
                        </button>
                        <button type="button" class="btn" onClick={() => void remove(comment)}>
                          {COMMENT_WORDS.delete}
                        </button>
                      </div>
                    </>
                  }
                >
                  <form class="comment-edit" onSubmit={(event) => void saveEdit(event, comment)}>
                    <label class="sr-only" for={`comment-edit-${comment.id}`}>
                      {COMMENT_WORDS.editLabel}
                    </label>
                    <textarea
                      id={`comment-edit-${comment.id}`}
                      class="input"
                      rows={2}
                      value={editText()}
                      onInput={(event) => setEditText(event.currentTarget.value)}
                      onKeyDown={(event) => {
                        if (event.key === 'Escape') {
                          // Leaves the edit, not the dialog.
                          event.preventDefault();
                          event.stopPropagation();
                          setEditing(null);
                          return;
                        }
                        submitOnEnter(event);
                      }}
                    />
                    <div class="comment-actions">
                      <button type="submit" class="btn btn-primary">
                        {COMMENT_WORDS.save}
                      </button>
                      <button type="button" class="btn" onClick={() => setEditing(null)}>
                        {COMMENT_WORDS.cancel}
                      </button>
                    </div>
                  </form>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={deleted()}>
        <p class="comment-deleted" role="status">
          {COMMENT_WORDS.deleted}{' '}
          <button
            type="button"
            id="comment-undo"
            class="btn"
            onClick={() => {
              void undoDeleted?.();
              document.getElementById('comment-add')?.focus();
            }}
          >
            {COMMENT_WORDS.undo}
          </button>
        </p>
      </Show>
      <form class="comment-add" onSubmit={(event) => void add(event)}>
        <label class="sr-only" for="comment-add">
          {COMMENT_WORDS.add}
        </label>
        <textarea
          id="comment-add"
          class="input"
          rows={1}
          placeholder={COMMENT_WORDS.add}
          aria-describedby="comment-add-hint"
          value={text()}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={submitOnEnter}
        />
        <button type="submit" class="btn" disabled={!text().trim()}>
          {COMMENT_WORDS.post}
        </button>
      </form>
      <p class="hint" id="comment-add-hint">
        {COMMENT_WORDS.hint}
      </p>
    </section>
  );
}
