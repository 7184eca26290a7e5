// Plain REST over tasks for scripts and integrations. Every write is a mutation with a server timestamp
// through the same push path and merge as the sync API; another user's task is 404, never 403.
// Each write gets its own clock, fed by the server's time and the caller's own stored field clocks only:
// a shared clock would let one user's timestamps decide every other user's.
import { Hono } from 'hono';
import { z } from 'zod';
import { createClock, createNodeId, tickAfter } from '../../src/core/hlc';
import { createMutation, createRecordMutation, toTask } from '../../src/core/merge';
import type { TaskRecord } from '../../src/core/merge';
import { parseQuickAdd } from '../../src/core/parse/quick-add';
import { createProject } from '../../src/core/project';
import { withReminderIds } from '../../src/core/reminders';
import { createTask, taskChangesSchema } from '../../src/core/task';
import type { TaskChanges } from '../../src/core/task';
import { requireUser } from '../middleware/auth';
import type { AppContext, AppEnv } from '../context';
import type { Claims, Queryable } from '../db/types';
import { HttpError, parseOr400, validationError } from '../errors';
import { logTasksCreated } from '../logging/task-events';
import { readJson } from '../middleware/json-body';
import { announceCommitted } from '../live/announce';
import { TASK_COLUMNS, rowToRecord } from '../sync/records';
import type { TaskRow } from '../sync/records';
import { loadProjectRefs, resolveProjectName, withProjectName } from '../sync/project-names';
import type { ProjectRef } from '../sync/project-names';
import { loadRecords, lockSyncState, pushMutations } from '../sync/push';

const objectBody = z.record(z.string(), z.unknown());
export const quickAddSchema = z.strictObject({ text: z.string().trim().min(1).max(2000) });
export const listQuery = z.object({
  include: z.enum(['deleted']).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});
const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound(): HttpError {
  return new HttpError(404, 'not_found', 'Task not found');
}

/** The task as the API shows it; a record still missing fields shows what it has. */
function toApiTask(record: TaskRecord) {
  const task = toTask(record);
  if (task) return task;
  const { clock: _clock, ...partial } = record;
  return partial;
}

export function createTaskRoutes(ctx: AppContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The node id is the server's, not client data; only the clock state is per request.
  const nodeId = createNodeId();
  app.use('*', requireUser(ctx));

  type Push = (tx: Queryable, mutations: unknown[]) => ReturnType<typeof pushMutations>;

  /** A write transaction as the user whose pushes are announced to live streams once it commits. */
  async function writeAsUser<T>(
    user: { id: string; claims: Claims },
    fn: (tx: Queryable, push: Push) => Promise<T>,
  ): Promise<T> {
    let last: Awaited<ReturnType<typeof pushMutations>> | undefined;
    const push: Push = async (tx, mutations) => {
      const result = await pushMutations(tx, mutations, {
        clientId: 'rest',
        now: ctx.now(),
        maxDriftMs: ctx.config.maxClockDriftMs,
      });
      const changes =
        result.changed.size +
        result.changedProjects.size +
        result.changedSections.size +
        result.changedLabels.size +
        result.changedComments.size;
      if (changes > 0) last = result;
      return result;
    };
    const value = await ctx.db.asUser(user.claims, (tx) => fn(tx, push));
    if (last) announceCommitted(ctx, user.id, last);
    return value;
  }

  /**
   * The changes with a project given by name turned into its id (see project-names.ts), creating the
   * project in the caller's transaction when no live one has that name. `project: null` alone clears both.
   */
  async function resolveProject(
    tx: Queryable,
    push: Push,
    changes: TaskChanges,
    refs: Map<string, ProjectRef>,
  ): Promise<TaskChanges> {
    if (changes.projectId !== undefined || changes.project === undefined) return changes;
    if (changes.project === null) return { ...changes, projectId: null };
    const { id, create } = resolveProjectName(refs, changes.project, ctx.newId);
    if (create) {
      const hlc = createClock({ now: ctx.now, nodeId }).tick();
      const project = parseOrThrow(() =>
        createProject({ name: changes.project! }, { id, now: hlc.slice(0, 24) }),
      );
      const result = await push(tx, [
        createRecordMutation('project', project, hlc, `rest-${ctx.newId()}`),
      ]);
      if (result.rejected.length > 0)
        throw new HttpError(400, result.rejected[0].code, result.rejected[0].message);
      refs.set(id, { id, name: project.name, deleted: false });
    }
    return { ...changes, project: null, projectId: id };
  }

  /** Writes `changes` to one task in the caller's transaction; 404 unless it exists (or `create`). */
  async function writeTaskChanges(
    tx: Queryable,
    push: Push,
    taskId: string,
    changes: TaskChanges,
    existing: TaskRecord,
  ) {
    // Newer than every field of this task, so a script's edit wins over the devices' earlier ones.
    const hlc = tickAfter(createClock({ now: ctx.now, nodeId }), Object.values(existing.clock));
    const mutation = { id: `rest-${ctx.newId()}`, taskId, hlc, changes };
    const result = await push(tx, [mutation]);
    if (result.rejected.length > 0) {
      const r = result.rejected[0];
      throw new HttpError(400, r.code, r.message);
    }
    const record = result.changed.get(taskId) ?? existing;
    if (!record) throw notFound();
    return record;
  }

  async function loadLocked(tx: Queryable, id: string): Promise<TaskRecord> {
    await lockSyncState(tx);
    const record = (await loadRecords(tx, [id])).get(id);
    if (!record) throw notFound();
    return record;
  }

  app.get('/', async (c) => {
    const query = parseOr400(listQuery, c.req.query());
    const [rows, refs] = await ctx.db.asUser(c.get('user').claims, (tx) =>
      Promise.all([
        tx.query<TaskRow>(
          `select ${TASK_COLUMNS} from public.tasks
            where ($1 or deleted_at is null) order by sort_order nulls last, created_at limit $2`,
          [query.include === 'deleted', query.limit],
        ),
        loadProjectRefs(tx),
      ]),
    );
    return c.json({ tasks: rows.map((r) => withProjectName(toApiTask(rowToRecord(r)), refs)) });
  });

  app.post('/', async (c) => {
    const startedAt = performance.now();
    const body = await readJson(c, objectBody);
    let fields: TaskChanges;
    if ('text' in body) {
      const { text } = parseOr400(quickAddSchema, body);
      const parsed = parseQuickAdd(text, { now: new Date(ctx.now()) });
      fields = {
        title: parsed.title,
        due: parsed.due,
        priority: parsed.priority,
        project: parsed.project,
        labels: parsed.labels,
        recurrence: parsed.recurrence,
        reminders: withReminderIds(parsed.reminders, ctx.newId),
      };
    } else {
      fields = parseOr400(taskChangesSchema, body);
    }
    const id = ctx.newId();
    // Checked before anything is written, so an invalid task creates no project either.
    tryCreate(fields, id, new Date(ctx.now()).toISOString());
    const [result, refs] = await writeAsUser(c.get('user'), async (tx, push) => {
      const projects = await loadProjectRefs(tx);
      const resolved = await resolveProject(tx, push, fields, projects);
      const hlc = createClock({ now: ctx.now, nodeId }).tick();
      const created = tryCreate(resolved, id, hlc.slice(0, 24));
      return [await push(tx, [createMutation(created, hlc, `rest-${ctx.newId()}`)]), projects];
    });
    // After commit: a rolled-back transaction created nothing.
    logTasksCreated(ctx.logger, c, result, startedAt);
    const record = result.changed.get(id)!;
    return c.json(withProjectName(toApiTask(record), refs), 201);
  });

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    if (!uuidRe.test(id)) throw notFound();
    const [record, refs] = await ctx.db.asUser(c.get('user').claims, async (tx) =>
      Promise.all([(await loadRecords(tx, [id])).get(id), loadProjectRefs(tx)]),
    );
    if (!record) throw notFound();
    return c.json(withProjectName(toApiTask(record), refs));
  });

  app.patch('/:id', async (c) => {
    const id = c.req.param('id');
    const changes = await readJson(c, taskChangesSchema);
    if (!uuidRe.test(id)) throw notFound();
    if (Object.keys(changes).length === 0) {
      throw new HttpError(400, 'validation_failed', 'Nothing to change: send at least one field');
    }
    const [record, refs] = await writeAsUser(c.get('user'), async (tx, push) => {
      const existing = await loadLocked(tx, id);
      const projects = await loadProjectRefs(tx);
      const resolved = await resolveProject(tx, push, changes, projects);
      return [await writeTaskChanges(tx, push, id, resolved, existing), projects] as const;
    });
    return c.json(withProjectName(toApiTask(record), refs));
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    if (!uuidRe.test(id)) throw notFound();
    const record = await writeAsUser(c.get('user'), async (tx, push) => {
      const existing = await loadLocked(tx, id);
      if (existing.deletedAt) return existing;
      return writeTaskChanges(
        tx,
        push,
        id,
        { deletedAt: new Date(ctx.now()).toISOString() },
        existing,
      );
    });
    return c.json(toApiTask(record));
  });

  return app;
}

function tryCreate(fields: TaskChanges, id: string, now: string) {
  return parseOrThrow(() => createTask({ ...fields, title: fields.title ?? '' }, { id, now }));
}

/** A zod failure as the API's 400 validation error. */
function parseOrThrow<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof z.core.$ZodError) throw validationError(error);
    throw error;
  }
}
