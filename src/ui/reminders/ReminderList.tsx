// The detail's reminders: a list named "Reminders" with a remove button per reminder, and a small form to
// add one at a time or some minutes before the due time. Each change is an ordinary edit with Undo.
import { For, Show, createSignal } from 'solid-js';
import type { JSX } from 'solid-js';
import { DATETIME_RE } from '../../core/task-shape';
import type { Reminder, Task } from '../../core/task';
import { useApp } from '../app-context';
import { Icon, IconButton } from '../icons';
import { REMINDER_WORDS } from '../messages';
import type { TaskActions } from '../tasks/actions';
import { reminderFromInput } from './reminder-form';
import type { ReminderKind } from './reminder-form';
import { describeReminder } from './reminder-text';

const KINDS: { value: ReminderKind; label: string }[] = [
  { value: 'before', label: REMINDER_WORDS.kindBefore },
  { value: 'at', label: REMINDER_WORDS.kindAt },
];

interface ReminderListProps {
  task: Task;
  actions: TaskActions;
  /** Told after a reminder was added (the notification permission is asked then, never on load). */
  onAdded?: () => void;
}

export function ReminderList(props: ReminderListProps): JSX.Element {
  const app = useApp();
  const [kind, setKind] = createSignal<ReminderKind>('before');
  const [at, setAt] = createSignal('');
  const [before, setBefore] = createSignal('30');
  const [error, setError] = createSignal('');
  /** Either time input, while the form shows an error: invalid, and described by the error. */
  const invalidProps = () => ({
    'aria-invalid': error() ? ('true' as const) : undefined,
    'aria-describedby': error() ? 'reminder-error' : undefined,
  });
  const needsTime = () =>
    props.task.reminders.some((r) => 'before' in r) &&
    !(props.task.due !== null && DATETIME_RE.test(props.task.due));

  async function save(reminders: Reminder[]): Promise<boolean> {
    const { id, reminders: previous } = props.task;
    const saved = await props.actions.attempt(() => app.store.updateTask(id, { reminders }));
    if (!saved) return false;
    app.toasts.show(`Saved “${saved.title}”`, {
      action: {
        label: 'Undo',
        run: () =>
          void props.actions.attempt(() => app.store.updateTask(id, { reminders: previous })),
      },
    });
    return true;
  }

  async function add(event: Event) {
    event.preventDefault();
    const result = reminderFromInput(kind(), kind() === 'at' ? at() : before(), () =>
      crypto.randomUUID(),
    );
    if ('error' in result) {
      setError(result.error);
      return;
    }
    setError('');
    if (await save([...props.task.reminders, result.reminder])) props.onAdded?.();
  }

  return (
    <section class="reminders" aria-labelledby="reminders-heading">
      <h3 id="reminders-heading">{REMINDER_WORDS.section}</h3>
      <Show
        when={props.task.reminders.length > 0}
        fallback={<p class="hint">{REMINDER_WORDS.none}</p>}
      >
        <ul class="reminder-list" aria-label={REMINDER_WORDS.section}>
          <For each={props.task.reminders}>
            {(reminder) => {
              const text = () => describeReminder(reminder, app.today());
              return (
                <li class="reminder">
                  <Icon name="bell" />
                  <span class="reminder-text">{text()}</span>
                  <IconButton
                    icon="close"
                    label={REMINDER_WORDS.remove(text())}
                    onClick={() =>
                      void save(props.task.reminders.filter((r) => r.id !== reminder.id))
                    }
                  />
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <Show when={needsTime()}>
        <p class="hint">{REMINDER_WORDS.needsTime}</p>
      </Show>
      <form class="reminder-add" onSubmit={add} novalidate>
        <fieldset class="reminder-kind">
          <legend>{REMINDER_WORDS.kind}</legend>
          <For each={KINDS}>
            {(option) => (
              <label>
                <input
                  type="radio"
                  name="reminder-kind"
                  value={option.value}
                  checked={kind() === option.value}
                  onChange={() => setKind(option.value)}
                />
                {option.label}
              </label>
            )}
          </For>
        </fieldset>
        <div class="reminder-add-row">
          <Show
            when={kind() === 'at'}
            fallback={
              <>
                <label class="sr-only" for="reminder-before">
                  {REMINDER_WORDS.before}
                </label>
                <input
                  id="reminder-before"
                  class="input"
                  type="number"
                  inputMode="numeric"
                  min="0"
                  max="40320"
                  step="1"
                  value={before()}
                  onInput={(event) => setBefore(event.currentTarget.value)}
                  {...invalidProps()}
                />
              </>
            }
          >
            <label class="sr-only" for="reminder-at">
              {REMINDER_WORDS.at}
            </label>
            <input
              id="reminder-at"
              class="input"
              type="datetime-local"
              value={at()}
              onInput={(event) => setAt(event.currentTarget.value)}
              {...invalidProps()}
            />
          </Show>
          <button type="submit" class="btn">
            {REMINDER_WORDS.add}
          </button>
        </div>
        <Show when={error()}>
          <p class="field-error" id="reminder-error" role="alert">
            {error()}
          </p>
        </Show>
      </form>
    </section>
  );
}
