// The tasks store: every local action on tasks. Each write validates with the task schema, merges through
// the one `applyMutation`, and puts the task and its outbox entry in the same transaction, so a change
// is either stored and queued for sync, or not made at all.
import { checkParent } from '../core/hierarchy';
import { applyMutation, createMutation, sameValue, toTask } from '../core/merge';
import type { Mutation, TaskRecord } from '../core/merge';
import type { Clock } from '../core/hlc';
import { tickAfter } from '../core/hlc';
import { SYNCED_FIELDS, createTask, taskChangesSchema } from '../core/task';
import type { NewTask, Task, TaskChanges } from '../core/task';
import { nextOccurrence as ruleNextOccurrence } from '../core/recurrence';
import { localDay } from '../core/calendar';
import { carryReminders } from '../core/reminders';
import type { OutboxEntry, TendDb } from './database';
import {
  InvalidParentError,
  TaskArchivedError,
  TaskNotFoundError,
  TaskValidationError,
} from './errors';
import { orderBetween } from './order';
import { catchUpClock, saveClock } from './persistent-clock';
import { validated } from './validated';
import { projectLookup } from './project-lookup';
import { resolveProjectNames } from './projects-store';
import { resolveLabelNames } from './labels-store';
import { toTaskRecord } from './task-index';

/** The recurrence step (src/core/recurrence.ts): the next due after completing on `today`; null or an unchanged value when the rule has ended. */
export type NextOccurrence = (rrule: string, due: string | null, today: string) => string | null;

export interface TasksStoreOptions {
  db: TendDb;
  clock: Clock;
  newId?: () => string;
  /** Wall clock in ms, for completedAt/deletedAt/createdAt. */
  now?: () => number;
  /** The user's local day `YYYY-MM-DD`; defaults to the local day of `now()`. */
  today?: () => string;
  nextOccurrence?: NextOccurrence;
}

export interface TasksStore {
  getTask(id: string): Promise<Task | null>;
  addTask(fields: NewTask): Promise<Task>;
  /** Several new tasks in one transaction (imports). */
  addTasks(list: NewTask[]): Promise<Task[]>;
  updateTask(id: string, changes: TaskChanges): Promise<Task>;
  /** Completes, or for a recurring task with a next occurrence moves `due` there instead. */
  completeTask(id: string): Promise<Task>;
  uncompleteTask(id: string): Promise<Task>;
  /** Soft delete (writes `deletedAt`); undo with `restoreTask`. */
  deleteTask(id: string): Promise<Task>;
  restoreTask(id: string): Promise<Task>;
  /** Moves a task between two neighbours as shown (`aboveId` above it, `belowId` below it). */
  reorderTask(id: string, aboveId: string | null, belowId: string | null): Promise<Task>;
  bulkComplete(ids: string[]): Promise<Task[]>;
  bulkMove(ids: string[], project: string | null): Promise<Task[]>;
  bulkDelete(ids: string[]): Promise<Task[]>;
  bulkRestore(ids: string[]): Promise<Task[]>;
  /** Different changes to several tasks in one transaction (reschedule, and its Undo). */
  updateTasks(list: { id: string; changes: TaskChanges }[]): Promise<Task[]>;
}

type Edit = (task: Task) => TaskChanges;

export function createTasksStore({
  db,
  clock,
  newId = () => crypto.randomUUID(),
  now = Date.now,
  today = () => localDay(new Date(now())),
  nextOccurrence = ruleNextOccurrence,
}: TasksStoreOptions): TasksStore {
  const nowIso = () => new Date(now()).toISOString();

  /** Runs a write with the clock caught up on what other tabs (same node id, own clock) issued. */
  function transact<T>(work: () => Promise<T>): Promise<T> {
    return db.transaction(
      'rw',
      [db.tasks, db.projects, db.labels, db.outbox, db.meta],
      async () => {
        await catchUpClock(db, clock);
        return work();
      },
    );
  }

  /** Parent links of every task that has one (deleted ones left out), for `checkParents`. */
  async function loadParentLinks(): Promise<Map<string, string | null>> {
    const rows = await db.tasks.where('parentId').above('').toArray();
    return new Map(rows.filter((r) => !r.deletedAt).map((r) => [r.id, r.parentId ?? null]));
  }

  /**
   * Refuses a write that sets a parent which is missing, deleted, in the task's own sub-tree or too deep.
   * `records` are the results of this write, laid over the stored links in order.
   */
  async function checkParents(records: TaskRecord[], setsParent: boolean[]): Promise<void> {
    if (!setsParent.some(Boolean)) return;
    const links = await loadParentLinks();
    const inBatch = new Map(records.map((r) => [r.id, r]));
    for (const [i, record] of records.entries()) {
      const parentId = record.parentId ?? null;
      if (setsParent[i] && parentId !== null) {
        const parent = inBatch.get(parentId) ?? (await db.tasks.get(parentId));
        if (!parent || parent.deletedAt || !toTask(parent as TaskRecord))
          throw new InvalidParentError(record.id, 'missing');
        const problem = checkParent(links, record.id, parentId);
        if (problem) throw new InvalidParentError(record.id, problem);
      }
      links.set(record.id, record.deletedAt ? null : parentId);
    }
  }

  /** Stores the mutations' results and their outbox entries; call inside `transact`. */
  async function commit(records: TaskRecord[], mutations: Mutation[]): Promise<void> {
    const createdAt = nowIso();
    const entries: OutboxEntry[] = mutations.map((m) => ({ ...m, createdAt, attempts: 0 }));
    await db.tasks.bulkPut(records);
    await db.outbox.bulkAdd(entries);
    await saveClock(db, clock);
  }

  async function applyEditToTasks(ids: string[], change: Edit): Promise<Task[]> {
    const unique = [...new Set(ids)];
    return transact(async () => {
      const stored = await db.tasks.bulkGet(unique);
      const tasks: Task[] = [];
      const records: TaskRecord[] = [];
      const mutations: Mutation[] = [];
      const current = unique.map((id, i) => {
        if (stored[i]?.status === 'archived') throw new TaskArchivedError(id);
        const record = stored[i] && toTaskRecord(stored[i]);
        const task = record && toTask(record);
        if (!record || !task) throw new TaskNotFoundError(id);
        return { id, record, task, changes: validateChanges(change(task)) };
      });
      const named = await resolveLabelNames(
        db,
        clock,
        newId,
        nowIso(),
        await resolveProjectNames(
          db,
          clock,
          newId,
          nowIso(),
          current.map((c) => c.changes),
        ),
      );
      current.forEach(({ id, record, task }, i) => {
        const changes = onlyChanged(task, named[i]);
        if (changes.parentId === id) throw new InvalidParentError(id, 'self');
        if (Object.keys(changes).length === 0) {
          tasks.push(task);
          return;
        }
        const mutation: Mutation = {
          id: newId(),
          taskId: id,
          hlc: tickAfter(clock, Object.values(record.clock)),
          changes,
        };
        const next = applyMutation(record, mutation).record;
        const nextTask = toTask(next);
        if (!nextTask) throw new TaskValidationError(`Task ${id} would become invalid`);
        tasks.push(nextTask);
        records.push(next);
        mutations.push(mutation);
      });
      await checkParents(
        records,
        mutations.map((m) => 'parentId' in m.changes),
      );
      if (mutations.length) await commit(records, mutations);
      return withProjectNames(tasks);
    });
  }

  const editOne = async (id: string, change: Edit) => (await applyEditToTasks([id], change))[0];

  function completion(task: Task): TaskChanges {
    if (task.completedAt !== null) return {};
    if (task.recurrence) {
      const next = nextOccurrence(task.recurrence, task.due, today());
      if (next !== null && next !== task.due) {
        const reminders = carryReminders(task.reminders, task.due, next);
        return sameValue(reminders, task.reminders) ? { due: next } : { due: next, reminders };
      }
    }
    return { completedAt: nowIso() };
  }

  async function addTasks(list: NewTask[]): Promise<Task[]> {
    const created = nowIso();
    const validatedDrafts = list.map(({ id, ...fields }) =>
      validateNew(fields, id ?? newId(), created),
    );
    return transact(async () => {
      const drafts = await resolveLabelNames(
        db,
        clock,
        newId,
        created,
        await resolveProjectNames(db, clock, newId, created, validatedDrafts),
      );
      let last = (await db.tasks.orderBy('order').last())?.order ?? 0;
      const mutations: Mutation[] = [];
      const records: TaskRecord[] = [];
      const tasks = drafts.map((draft, i) => {
        const task = list[i].order !== undefined ? draft : { ...draft, order: (last += 1) };
        const mutation = createMutation(task, clock.tick(), newId());
        const record = applyMutation(undefined, mutation).record;
        mutations.push(mutation);
        records.push(record);
        return toTask(record) as Task;
      });
      await checkParents(
        records,
        records.map((r) => r.parentId != null),
      );
      await commit(records, mutations);
      return withProjectNames(tasks);
    });
  }

  /** Tasks as views show them: `project` holds the current name of the project they point at. */
  async function withProjectNames(tasks: Task[]): Promise<Task[]> {
    const { name } = await projectLookup(db);
    return tasks.map(name);
  }

  return {
    async getTask(id) {
      const stored = await db.tasks.get(id);
      const task = stored && toTask(toTaskRecord(stored));
      return task ? (await withProjectNames([task]))[0] : null;
    },
    addTasks,
    addTask: async (fields) => (await addTasks([fields]))[0],
    updateTask: (id, changes) => editOne(id, () => changes),
    completeTask: (id) => editOne(id, completion),
    uncompleteTask: (id) => editOne(id, () => ({ completedAt: null })),
    deleteTask: (id) => editOne(id, (t) => (t.deletedAt ? {} : { deletedAt: nowIso() })),
    restoreTask: (id) => editOne(id, () => ({ deletedAt: null })),
    async reorderTask(id, aboveId, belowId) {
      return transact(async () => {
        const [above, below] = await Promise.all([neighbour(aboveId), neighbour(belowId)]);
        const order = orderBetween(above?.order ?? null, below?.order ?? null);
        if (order !== null) return editOne(id, () => ({ order }));
        // No number fits between the neighbours (equal orders, or the gap halved ~50 times):
        // push the lower neighbour down instead of failing.
        const base = (above as Task).order;
        await editOne((below as Task).id, () => ({ order: base + 1 }));
        return editOne(id, () => ({ order: base + 0.5 }));
      });
    },
    bulkComplete: (ids) => applyEditToTasks(ids, completion),
    bulkMove: (ids, project) => applyEditToTasks(ids, () => ({ project })),
    bulkDelete: (ids) => applyEditToTasks(ids, (t) => (t.deletedAt ? {} : { deletedAt: nowIso() })),
    bulkRestore: (ids) => applyEditToTasks(ids, () => ({ deletedAt: null })),
    updateTasks(list) {
      const byId = new Map(list.map((item) => [item.id, item.changes]));
      return applyEditToTasks([...byId.keys()], (task) => byId.get(task.id) ?? {});
    },
  };

  async function neighbour(id: string | null): Promise<Task | null> {
    if (id === null) return null;
    const stored = await db.tasks.get(id);
    const task = stored && toTask(toTaskRecord(stored));
    if (!task) throw new TaskNotFoundError(id);
    return task;
  }
}

function validateChanges(changes: TaskChanges): TaskChanges {
  return validated(() => taskChangesSchema.parse(withoutUndefined(changes)), TaskValidationError);
}

function validateNew(fields: NewTask, id: string, now: string): Task {
  return validated(() => createTask(withoutUndefined(fields), { id, now }), TaskValidationError);
}

/** A field passed as undefined means "not given" (keep the current or default value), never "erase". */
function withoutUndefined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;
}

/** Drops fields that already hold the value, so a no-op edit queues nothing. */
function onlyChanged(task: Task, changes: TaskChanges): TaskChanges {
  const out: Record<string, unknown> = {};
  for (const field of SYNCED_FIELDS) {
    if (field in changes && JSON.stringify(changes[field]) !== JSON.stringify(task[field])) {
      out[field] = changes[field];
    }
  }
  return out as TaskChanges;
}
