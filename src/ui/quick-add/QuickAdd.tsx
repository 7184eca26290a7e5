// The quick-add box: parses as you type, highlights and lists what it detected as dismissible chips,
// and saves on Enter at once (the box clears, the live query shows the row). Errors are announced.
import { For, Show, createMemo, createSignal, onCleanup, onMount } from 'solid-js';
import type { JSX } from 'solid-js';
import type { Chip, KnownNames, ParseOptions } from '../../core/parse/quick-add';
import type { NewTask } from '../../core/task';
import type { Task } from '../../core/task';
import type { Section } from '../../core/section';
import { defaultReminders, withReminderIds } from '../../core/reminders';
import { matchesView } from '../../core/views';
import type { ViewSpec } from '../../core/views';
import { useApp } from '../app-context';
import { Icon, IconButton } from '../icons';
import { TAG_SUGGESTION_WORDS, describeError, messageForCode } from '../messages';
import type { refineCaptureInBackground } from '../../ai/after-capture';
import { readDefaultReminder } from '../reminders/reminder-prefs';
import { captureJournal } from './capture-journal';
import { createFittingPlaceholder } from './fitting-placeholder';
import { chipKindName, chipLabel, highlightSegments } from './chips';
import { loadParser, loadedParser, plainResult } from './parser';
import type { Parse } from './parser';
import { createTagSuggestions } from './TagSuggestions';

interface QuickAddProps {
  /** Fields implied by the current view (its project, its label, today), used when the text has none. */
  defaults?: () => Partial<NewTask>;
  /** The view being shown, to tell the user when a new task lands elsewhere. */
  view?: () => ViewSpec | null;
  /** Lets the shell focus the box and prefill it (the `q` shortcut, share target). */
  api?: (api: QuickAddApi) => void;
  /** Called with each new task, provisional then stored (the shell scrolls the view to it). */
  onSaved?: (task: Task) => void;
  /** Existing project and label names: suggested after # and @, and read whole when they have spaces. */
  names?: () => KnownNames;
  /** The sections of a project, by its name: suggested after / and read as the task's section. */
  sectionsOf?: (project: string) => readonly Section[];
  /** Replaces the lazy AI hook (tests). */
  onCaptured?: typeof refineCaptureInBackground;
}

export interface QuickAddApi {
  focus: (text?: string) => void;
}

type Dismissed = NonNullable<ParseOptions['dismissed']>[number];

// The AI hook (and the settings it reads) is only needed after a capture, not for the first paint.
const afterCaptureLater: typeof refineCaptureInBackground = (event) =>
  import('../../ai/after-capture').then((m) => m.refineCaptureInBackground(event));

export function QuickAdd(props: QuickAddProps): JSX.Element {
  const app = useApp();
  const [text, setText] = createSignal('');
  const [dismissed, setDismissed] = createSignal<Dismissed[]>([]);
  const [error, setError] = createSignal('');
  const [scrollLeft, setScrollLeft] = createSignal(0);
  const [caret, setCaret] = createSignal(0);
  const names = () => props.names?.() ?? {};
  let input!: HTMLInputElement; // eslint-disable-line no-unassigned-vars -- assigned by ref
  const placeholder = createFittingPlaceholder(
    () => input,
    [
      'Add a task: “Call mom tomorrow 5pm p1 #Family”',
      'Add a task: “Call mom tomorrow 5pm”',
      'Add a task',
    ],
  );

  const [parser, setParser] = createSignal<Parse | null>(loadedParser());
  /**
   * The project the text files the task in (its `#project`, else the view's), and that project's
   * sections: `/` reads and offers only those, so a section always belongs to the task's project.
   */
  const target = createMemo(() => {
    const parse = parser();
    const project =
      (parse && text().includes('#')
        ? parse(text(), { now: app.now(), dismissed: dismissed(), known: names() }).project
        : null) ??
      props.defaults?.().project ??
      null;
    return { project, sections: project ? (props.sectionsOf?.(project) ?? []) : [] };
  });
  const known = (): KnownNames => ({ ...names(), sections: target().sections.map((s) => s.name) });
  // An empty box has nothing to parse: the parser's first run (20-30 ms while its rules warm up) waits
  // for the first word typed instead of landing in the start-up after the first paint.
  const parseWith = (parse: Parse | null) =>
    parse && text().trim() !== ''
      ? parse(text(), { now: app.now(), dismissed: dismissed(), known: known() })
      : plainResult(text());
  const parsed = createMemo(() => parseWith(parser()));

  const load = () => {
    // A chunk that cannot load leaves plain titles; the next Enter or focus tries again.
    if (!parser())
      loadParser().then(
        (parse) => setParser(() => parse),
        () => undefined,
      );
  };
  // The parser is not needed for the first paint: load it when the box gets focus or shortly after.
  onMount(() => {
    const timer = setTimeout(load, 300);
    onCleanup(() => clearTimeout(timer));
  });
  const tags = createTagSuggestions({
    text,
    caret,
    names: known,
    apply(next, at) {
      setText(next);
      input.value = next;
      input.setSelectionRange(at, at);
      setCaret(at);
      setScrollLeft(input.scrollLeft);
    },
  });
  const trackCaret = (el: HTMLInputElement) => setCaret(el.selectionStart ?? el.value.length);
  const segments = createMemo(() => highlightSegments(text(), parsed().chips));

  function dismiss(chip: Chip) {
    setDismissed((list) => [...list, { kind: chip.kind, text: chip.text }]);
    input.focus();
  }

  // eslint-disable-next-line solid/reactivity -- called once to hand the API to the shell
  props.api?.({
    focus(prefill) {
      if (prefill !== undefined) {
        setText(prefill);
        setDismissed([]);
      }
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    },
  });

  async function submit(event: Event) {
    event.preventDefault();
    // Enter before the parser arrived (first moments after load): wait for it rather than lose syntax.
    const parse = parser() ?? (await loadParser().catch(() => null));
    const typed = text();
    const result = parseWith(parse);
    if (!result.title.trim()) {
      setError(messageForCode('empty_title') ?? '');
      return;
    }
    const defaults = props.defaults?.() ?? {};
    const due = result.due ?? defaults.due ?? null;
    const section = result.section?.toLowerCase();
    const sectionId = section
      ? (target().sections.find((s) => s.name.toLowerCase() === section)?.id ?? null)
      : null;
    const newId = () => crypto.randomUUID();
    const fields: NewTask = {
      title: result.title,
      due,
      priority: result.priority,
      project: result.project ?? defaults.project ?? null,
      labels: [...new Set([...(defaults.labels ?? []), ...result.labels])],
      recurrence: result.recurrence,
      ...(sectionId ? { sectionId } : {}),
      reminders: result.reminders.length
        ? withReminderIds(result.reminders, newId)
        : defaultReminders(due, readDefaultReminder(), newId),
    };
    const previousDismissed = dismissed();
    // Optimistic: the box is ready for the next task before the write finishes.
    setText('');
    setDismissed([]);
    setError('');
    setScrollLeft(0);
    // Named now and journaled synchronously, so a reload before the commit cannot lose it.
    const id = crypto.randomUUID();
    captureJournal.add({ id, fields });
    const provisional = app.pending.add(fields, app.now());
    props.onSaved?.(app.pending.tasks().find((t) => t.id === provisional)!);
    try {
      const task = await app.store.addTask({ ...fields, id });
      captureJournal.remove(id);
      if (task.reminders.length > 0) app.reminders?.onReminderAdded();
      app.pending.resolve(provisional, task);
      props.onSaved?.(task);
      const view = props.view?.();
      if (view && !matchesView(view, task, app.today())) {
        app.toasts.show(`Added “${task.title}” to ${task.project ?? 'Inbox'}`, {
          action: { label: 'Open', run: () => app.openTask(task.id) },
        });
      }
      void (props.onCaptured ?? afterCaptureLater)({
        task,
        taskId: task.id,
        text: typed,
        parsed: result,
        rules: result,
        now: app.now(),
        db: app.db,
        store: app.store,
      });
    } catch (failure) {
      // Refused (invalid) or storage failed: the text goes back into the box, not into a replay.
      captureJournal.remove(id);
      app.pending.remove(provisional);
      // Nothing was saved: give the text back so no keystroke is lost.
      if (!text()) {
        setText(typed);
        setDismissed(previousDismissed);
      }
      setError(describeError(failure));
    }
  }

  return (
    <form class="quick-add" onSubmit={submit} aria-label="Add a task">
      <div class="quick-add-field">
        <Icon name="plus" class="quick-add-icon" />
        <div class="quick-add-highlight" aria-hidden="true">
          <div class="quick-add-mirror" style={{ transform: `translateX(${-scrollLeft()}px)` }}>
            <For each={segments()}>
              {(segment) =>
                segment.kind ? (
                  <mark class={`hl hl-${segment.kind}`}>{segment.text}</mark>
                ) : (
                  segment.text
                )
              }
            </For>
          </div>
        </div>
        <input
          ref={input}
          class="quick-add-input"
          type="text"
          aria-label="Quick add"
          aria-autocomplete="list"
          aria-controls={tags.listId}
          aria-activedescendant={tags.activeId()}
          aria-describedby="quick-add-help"
          aria-invalid={error() ? 'true' : undefined}
          placeholder={placeholder()}
          autocomplete="off"
          spellcheck={false}
          enterkeyhint="done"
          value={text()}
          onFocus={load}
          onInput={(event) => {
            setText(event.currentTarget.value);
            trackCaret(event.currentTarget);
            setScrollLeft(event.currentTarget.scrollLeft);
            if (error()) setError('');
            if (!event.currentTarget.value) setDismissed([]);
          }}
          onScroll={(event) => setScrollLeft(event.currentTarget.scrollLeft)}
          onKeyUp={(event) => {
            setScrollLeft(event.currentTarget.scrollLeft);
            trackCaret(event.currentTarget);
          }}
          onClick={(event) => trackCaret(event.currentTarget)}
          onKeyDown={(event) => {
            if (tags.onKeyDown(event)) return;
            if (event.key === 'Escape') {
              if (text()) {
                setText('');
                setDismissed([]);
                setError('');
              } else event.currentTarget.blur();
            }
          }}
        />
        <tags.Listbox />
      </div>
      <p id="quick-add-help" class="sr-only">
        Type a task; dates, #project, /section, @label, p1 to p4 and ! reminders are detected. Press
        Enter to save. {TAG_SUGGESTION_WORDS.help}
      </p>
      <Show when={parsed().chips.length > 0}>
        <ul class="chips" aria-label="Detected">
          <For each={parsed().chips}>
            {(chip) => (
              <li class={`chip chip-${chip.kind}`}>
                <span class="chip-kind">{chipKindName(chip)}</span>
                <span class="chip-text">{chipLabel(chip, parsed(), app.today())}</span>
                <IconButton
                  icon="close"
                  class="icon-btn chip-dismiss"
                  label={`Keep “${chip.text.trim()}” as text`}
                  title="Keep as text"
                  onClick={() => dismiss(chip)}
                />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={error()}>
        <p class="quick-add-error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}
