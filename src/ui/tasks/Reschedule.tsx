// "Reschedule": move one or many tasks to today, tomorrow or a picked date, keeping each one's time.
import { Show, createSignal, createUniqueId } from 'solid-js';
import type { JSX } from 'solid-js';
import type { Task } from '../../core/task';
import { addDays } from '../../core/calendar';
import type { TaskActions } from './actions';

export interface RescheduleProps {
  tasks: Task[];
  today: string;
  actions: Pick<TaskActions, 'reschedule'>;
  /** Names the group for assistive technology ("Reschedule 3 overdue tasks"). */
  label: string;
  onDone?: () => void;
}

export function Reschedule(props: RescheduleProps): JSX.Element {
  const [open, setOpen] = createSignal(false);
  const [picked, setPicked] = createSignal('');
  const id = createUniqueId();

  async function move(day: string) {
    if (!day) return;
    await props.actions.reschedule(props.tasks, day);
    setOpen(false);
    setPicked('');
    props.onDone?.();
  }

  return (
    <div class="reschedule">
      <button
        type="button"
        class="btn"
        aria-expanded={open()}
        aria-controls={`reschedule-${id}`}
        onClick={() => setOpen(!open())}
      >
        Reschedule
      </button>
      <Show when={open()}>
        <div id={`reschedule-${id}`} class="reschedule-panel" role="group" aria-label={props.label}>
          <button type="button" class="btn" onClick={() => void move(props.today)}>
            Today
          </button>
          <button type="button" class="btn" onClick={() => void move(addDays(props.today, 1))}>
            Tomorrow
          </button>
          <form
            class="reschedule-pick"
            onSubmit={(event) => {
              event.preventDefault();
              void move(picked());
            }}
          >
            <label for={`reschedule-date-${id}`}>Pick a date</label>
            <input
              id={`reschedule-date-${id}`}
              type="date"
              class="input"
              value={picked()}
              onInput={(event) => setPicked(event.currentTarget.value)}
            />
            <button type="submit" class="btn" disabled={!picked()}>
              Move
            </button>
          </form>
        </div>
      </Show>
    </div>
  );
}
