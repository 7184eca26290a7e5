// Convergence of the sync protocol as a whole: 5 devices (one also open in a second tab) with skewed clocks
// (one of them far in the future) write to shared tasks, go offline, push over a network that reorders,
// duplicates and drops, pull through a log that gets pruned (410 -> full resync). The server refuses
// timestamps more than 5 minutes ahead of its clock (clock_drift) and the device re-stamps them from the
// server's time. After a final full exchange every replica must equal the server, every write must have
// reached the server, and the server must equal the oracle: every write, under the timestamp the server
// applied it with, folded in timestamp order (so no edit is lost).
// Sub-tasks: edits set parents (the device refuses a cycle it can see, as the store does), and a delete
// takes the sub-tasks the device knows with it, so concurrent edits leave orphans and cycles for the merge
// rule of src/core/hierarchy.ts: every replica must show the same forest, with no task under a deleted one.
// Projects: records of their own, renamed and recoloured while tasks move between them (by id, or by a
// legacy name from an older client); every replica must put each task in the same project, named alike.
// Sections: records of their own too, renamed, reordered, moved between projects and deleted while tasks
// move between them; every replica must show each task under the same section, named alike (a task whose
// section is deleted or in another project shows under none).
// Labels: records of their own too, renamed, recoloured and deleted while tasks change their labels by id
// (a label-aware client, which also writes the names) or by name only (an older client); every replica must
// show each task with the same labels by their current names.
// Comments: records of their own, posted, edited and deleted on tasks that are themselves deleted and
// restored; every replica must show each task the same comments, in the same order, with the same text
// (a deleted task shows none, and its comments come back with it).
// Replay a failure: FUZZ_SEED=<seed> npx vitest run src/core/sync/convergence.test.ts (FUZZ_RUNS to scale).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock, DEFAULT_MAX_DRIFT_MS, parseHlc } from '../hlc';
import type { Clock } from '../hlc';
import { checkParent, descendantsOf, effectiveParents, MAX_DEPTH } from '../hierarchy';
import { applyMutation, createMutation, mergeRecords, toTask } from '../merge';
import type { AnyMutation, AnyRecord, RecordKind, TaskRecord } from '../merge';
import { effectiveLabelIds, labelIdForName, labelNames } from '../label';
import type { LabelChanges, LabelRecord } from '../label';
import { commentsOfTask } from '../comment';
import type { CommentChanges, CommentRecord } from '../comment';
import { effectiveSectionId, toSection } from '../section';
import type { SectionChanges, SectionRecord } from '../section';
import { effectiveProjectId, projectIdForName, toProject } from '../project';
import type { ProjectChanges, ProjectRecord } from '../project';
import { createTask } from '../task';
import type { TaskChanges } from '../task';
import { clockLeadMs } from './protocol';
import { rebaseOnServer, restampAhead, restampRecord } from './restamp';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const numRuns = Number(process.env.FUZZ_RUNS ?? 1000);
const DEVICES = 6;
/** The last "device" is a second tab of the one before: same node id, same wall clock. */
const TAB_OF = { [DEVICES - 1]: DEVICES - 2 } as Record<number, number>;
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const HOUR = 3_600_000;
const YEAR = 365 * 24 * HOUR;
const TASK_IDS = [1, 2, 3].map((n) => `0193b5a0-0000-7000-8000-00000000000${n}`);
/** Two projects made in the app, and the one the legacy name "Garden" resolves to. */
const PROJECT_IDS = [
  '0193b5a0-0000-7000-8000-0000000000a1',
  '0193b5a0-0000-7000-8000-0000000000a2',
  projectIdForName('Garden'),
];
/** Two sections, made in the first project (a write may move one to the second). */
const SECTION_IDS = [
  '0193b5a0-0000-7000-8000-0000000000b1',
  '0193b5a0-0000-7000-8000-0000000000b2',
];
/** A label made in the app, and the one the legacy name "home" resolves to. */
const LABEL_IDS = ['0193b5a0-0000-7000-8000-0000000000d1', labelIdForName('home')];
/** Three comments, each posted on one of the tasks (an edit may move none: `taskId` is set once). */
const COMMENT_IDS = [1, 2, 3].map((n) => `0193b5a0-0000-7000-8000-0000000000c${n}`);
/** Replicas keep every kind in one map, keyed by kind and id. */
const keyOf = (kind: RecordKind | undefined, id: string) => `${kind ?? 'task'}:${id}`;
const taskKey = (id: string) => keyOf('task', id);

// ---- the operations a run is made of (plain data, so fast-check prints and shrinks them) ----
type Op =
  | { t: 'create'; d: number; task: number; title: string }
  | { t: 'edit'; d: number; task: number; changes: TaskChanges }
  | { t: 'project'; d: number; project: number; changes: ProjectChanges }
  | { t: 'section'; d: number; section: number; changes: SectionChanges }
  | { t: 'label'; d: number; label: number; changes: LabelChanges }
  | { t: 'comment'; d: number; comment: number; task: number; changes: CommentChanges }
  | { t: 'delete' | 'restore'; d: number; task: number }
  | { t: 'net'; d: number; online: boolean }
  | { t: 'push'; d: number; pick: number[] }
  | { t: 'deliver'; msg: number; duplicate: boolean; dropAck: boolean }
  | { t: 'drop'; msg: number }
  | { t: 'pull'; d: number; limit: number }
  | { t: 'wait'; ms: number }
  | { t: 'prune' };

const d = fc.nat({ max: DEVICES - 1 });
const task = fc.nat({ max: TASK_IDS.length - 1 });
const changesArb: fc.Arbitrary<TaskChanges> = fc.record(
  {
    title: fc.constantFrom('buy milk', 'call mom', 'file taxes'),
    notes: fc.constantFrom('', 'n1', 'n2'),
    priority: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
    labels: fc.array(fc.constantFrom('home', 'work'), { maxLength: 2 }),
    due: fc.constantFrom(null, '2026-12-01', '2026-12-02T09:30'),
    project: fc.constantFrom(null, 'Inbox', 'Garden'),
    projectId: fc.constantFrom(null, ...PROJECT_IDS),
    order: fc.integer({ min: 0, max: 3 }),
    parentId: fc.constantFrom(null, ...TASK_IDS),
    reminders: fc.constantFrom(
      [],
      [{ id: '0193b5a0-0000-7000-8000-0000000000a1', before: 30 }],
      [
        { id: '0193b5a0-0000-7000-8000-0000000000a1', at: '2026-12-02T08:00:00.000Z' },
        { id: '0193b5a0-0000-7000-8000-0000000000a2', before: 0 },
      ],
    ),
    sectionId: fc.constantFrom(null, ...SECTION_IDS),
    labelIds: fc.constantFrom(null, [], [LABEL_IDS[0]], [...LABEL_IDS]),
  },
  { requiredKeys: [] },
);
const projectChangesArb: fc.Arbitrary<ProjectChanges> = fc.record(
  {
    name: fc.constantFrom('Home', 'Home Renovation', 'Garden'),
    colour: fc.constantFrom('grey' as const, 'blue' as const),
    order: fc.integer({ min: 0, max: 3 }),
    archived: fc.boolean(),
    deletedAt: fc.constantFrom(null, '2026-11-26T10:00:00.000Z'),
  },
  { requiredKeys: [] },
);
const sectionChangesArb: fc.Arbitrary<SectionChanges> = fc.record(
  {
    name: fc.constantFrom('To do', 'Doing', 'Done'),
    projectId: fc.constantFrom(PROJECT_IDS[0], PROJECT_IDS[1]),
    order: fc.integer({ min: 0, max: 3 }),
    deletedAt: fc.constantFrom(null, '2026-11-26T10:00:00.000Z'),
  },
  { requiredKeys: [] },
);
const labelChangesArb: fc.Arbitrary<LabelChanges> = fc.record(
  {
    name: fc.constantFrom('home', 'Errands', 'Home Chores'),
    colour: fc.constantFrom('grey' as const, 'teal' as const),
    order: fc.integer({ min: 0, max: 3 }),
    deletedAt: fc.constantFrom(null, '2026-11-26T10:00:00.000Z'),
  },
  { requiredKeys: [] },
);
const commentChangesArb: fc.Arbitrary<CommentChanges> = fc.record(
  {
    text: fc.constantFrom('see https://example.com', 'done', 'ask Sam'),
    deletedAt: fc.constantFrom(null, '2026-11-26T10:00:00.000Z'),
  },
  { requiredKeys: [] },
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('label' as const),
      d,
      label: fc.nat({ max: LABEL_IDS.length - 1 }),
      changes: labelChangesArb,
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('comment' as const),
      d,
      comment: fc.nat({ max: COMMENT_IDS.length - 1 }),
      task,
      changes: commentChangesArb,
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('section' as const),
      d,
      section: fc.nat({ max: SECTION_IDS.length - 1 }),
      changes: sectionChangesArb,
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('project' as const),
      d,
      project: fc.nat({ max: PROJECT_IDS.length - 1 }),
      changes: projectChangesArb,
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('create' as const),
      d,
      task,
      title: fc.constantFrom('a', 'b'),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ t: fc.constant('edit' as const), d, task, changes: changesArb }),
    weight: 6,
  },
  {
    arbitrary: fc.record({ t: fc.constantFrom('delete' as const, 'restore' as const), d, task }),
    weight: 2,
  },
  { arbitrary: fc.record({ t: fc.constant('net' as const), d, online: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant('push' as const),
      d,
      pick: fc.array(fc.nat(9), { maxLength: 4 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('deliver' as const),
      msg: fc.nat(7),
      duplicate: fc.boolean(),
      dropAck: fc.boolean(),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ t: fc.constant('drop' as const), msg: fc.nat(7) }), weight: 1 },
  {
    arbitrary: fc.record({
      t: fc.constant('pull' as const),
      d,
      limit: fc.integer({ min: 1, max: 3 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ t: fc.constant('wait' as const), ms: fc.nat(10 * 60_000) }), weight: 2 },
  { arbitrary: fc.constant({ t: 'prune' as const }), weight: 1 },
);
const scenarioArb = fc.record({
  // Each device's wall clock is off by up to 3 hours either way, except the first: minutes to decades ahead.
  offsets: fc.array(fc.integer({ min: -3 * HOUR, max: 3 * HOUR }), {
    minLength: DEVICES,
    maxLength: DEVICES,
  }),
  farAhead: fc.integer({ min: DEFAULT_MAX_DRIFT_MS + 1, max: 30 * YEAR }),
  ops: fc.array(opArb, { maxLength: 80, size: 'medium' }),
});

// ---- the replicas ----
interface Server {
  tasks: Map<string, AnyRecord>;
  /** Each applied mutation as the server applied it (its id, under the timestamp it then carried). */
  applied: Map<string, AnyMutation>;
  log: { seq: number; key: string }[];
  seq: number;
  prunedThrough: number;
}
interface Device {
  clock: Clock;
  now: () => number;
  tasks: Map<string, AnyRecord>;
  outbox: AnyMutation[];
  cursor: number;
  online: boolean;
  /** Timestamps issued since the clock was last rebased onto the server's time. */
  issued: string[];
  maxRemoteLead: number;
}
interface Push {
  from: number;
  mutations: AnyMutation[];
}

interface PushReply {
  acked: string[];
  /** Refused with clock_drift: not applied, not remembered. */
  drifted: string[];
  serverTime: number;
}

/** One merge for both kinds: the mutation's kind picks the fields. */
function apply(records: Map<string, AnyRecord>, m: AnyMutation): void {
  const key = keyOf(m.kind, m.taskId);
  records.set(key, applyMutation(records.get(key), m).record);
}

function serverPush(server: Server, mutations: AnyMutation[], serverTime: number): PushReply {
  const reply: PushReply = { acked: [], drifted: [], serverTime };
  for (const m of mutations) {
    if (server.applied.has(m.id)) {
      reply.acked.push(m.id); // idempotent by mutation id
      continue;
    }
    if (clockLeadMs(m.hlc, serverTime) > DEFAULT_MAX_DRIFT_MS) {
      reply.drifted.push(m.id);
      continue;
    }
    server.applied.set(m.id, m);
    apply(server.tasks, m);
    server.log.push({ seq: ++server.seq, key: keyOf(m.kind, m.taskId) });
    reply.acked.push(m.id);
  }
  return reply;
}

/** What the page does on a reply (replay-outbox.ts, restamp.ts): drop acked entries, re-stamp on drift. */
function receiveReply(dev: Device, reply: PushReply, trace: string[]): void {
  dev.outbox = dev.outbox.filter((m) => !reply.acked.includes(m.id));
  if (reply.drifted.length === 0) return;
  rebaseOnServer(dev.clock, reply.serverTime, dev.now());
  dev.issued = [];
  for (const { entry, hlc } of restampAhead(dev.clock, dev.outbox, reply.serverTime)) {
    dev.issued.push(hlc);
    dev.outbox = dev.outbox.map((m) => (m === entry ? { ...m, hlc } : m));
    const key = keyOf(entry.kind, entry.taskId);
    const record = dev.tasks.get(key);
    if (record) dev.tasks.set(key, restampRecord(record, entry.hlc, hlc));
    trace.push(`  restamp ${entry.id} ${entry.hlc} -> ${hlc}`);
  }
  dev.cursor = 0; // a full resync
}

type PullResult =
  | { expired: true }
  | { expired: false; records: [string, AnyRecord][]; cursor: number; hasMore: boolean };

function serverPull(server: Server, cursor: number, limit: number): PullResult {
  if (cursor < server.prunedThrough) return { expired: true };
  const entries = server.log.filter((e) => e.seq > cursor).slice(0, limit);
  const keys = [...new Set(entries.map((e) => e.key))];
  const last = entries.at(-1)?.seq ?? cursor;
  return {
    expired: false,
    records: keys.map((key) => [key, server.tasks.get(key)!]),
    cursor: last,
    hasMore: last < server.seq,
  };
}

function applyPulled(dev: Device, records: [string, AnyRecord][]): void {
  for (const [key, remote] of records) {
    const local = dev.tasks.get(key);
    const merged = key.startsWith('project:')
      ? mergeRecords(local as ProjectRecord | undefined, remote as ProjectRecord, 'project')
      : key.startsWith('section:')
        ? mergeRecords(local as SectionRecord | undefined, remote as SectionRecord, 'section')
        : key.startsWith('label:')
          ? mergeRecords(local as LabelRecord | undefined, remote as LabelRecord, 'label')
          : key.startsWith('comment:')
            ? mergeRecords(local as CommentRecord | undefined, remote as CommentRecord, 'comment')
            : mergeRecords(local as TaskRecord | undefined, remote as TaskRecord);
    dev.tasks.set(key, merged.record);
    for (const hlc of Object.values(remote.clock)) {
      dev.maxRemoteLead = Math.max(dev.maxRemoteLead, parseHlc(hlc).millis - dev.now());
      dev.clock.receive(hlc);
    }
  }
}

/** A pull never hides a local write that the server has not acknowledged yet. */
function assertLocalWritesVisible(dev: Device): void {
  for (const m of dev.outbox)
    for (const field of Object.keys(m.changes))
      expect(
        ((dev.tasks.get(keyOf(m.kind, m.taskId))?.clock as Record<string, string>)[field] ?? '') >=
          m.hlc,
        `${m.id}.${field} visible`,
      ).toBe(true);
}

function pullOnce(server: Server, dev: Device, limit: number): boolean {
  const res = serverPull(server, dev.cursor, limit);
  if (res.expired) {
    // 410: start over from a snapshot; the local records (and outbox) stay and are merged with it.
    applyPulled(dev, [...server.tasks]);
    dev.cursor = server.seq;
    assertLocalWritesVisible(dev);
    return false;
  }
  applyPulled(dev, res.records);
  dev.cursor = res.cursor;
  assertLocalWritesVisible(dev);
  return res.hasMore;
}

function simulate(offsets: number[], ops: Op[], trace: string[]) {
  let time = T0;
  let nextMutation = 0;
  const all: AnyMutation[] = [];
  const server: Server = {
    tasks: new Map(),
    applied: new Map(),
    log: [],
    seq: 0,
    prunedThrough: 0,
  };
  const devices: Device[] = offsets.map((_, i) => {
    const node = TAB_OF[i] ?? i;
    const now = () => time + offsets[node];
    return {
      clock: createClock({ now, nodeId: (node + 1).toString(16).toUpperCase().padStart(16, '0') }),
      now,
      tasks: new Map(),
      outbox: [],
      cursor: 0,
      online: true,
      issued: [],
      maxRemoteLead: 0,
    };
  });
  let network: Push[] = [];

  function write(
    i: number,
    taskId: string,
    changes: TaskChanges | ProjectChanges | SectionChanges | LabelChanges | CommentChanges,
    full?: string,
    kind?: 'project' | 'section' | 'label' | 'comment',
  ) {
    const dev = devices[i];
    const hlc = dev.clock.tick();
    dev.issued.push(hlc);
    const id = `m${nextMutation++}`;
    const m: AnyMutation = full
      ? createMutation(
          createTask({ title: full }, { id: taskId, now: new Date(dev.now()).toISOString() }),
          hlc,
          id,
        )
      : kind === 'project'
        ? { id, taskId, hlc, changes: changes as ProjectChanges, kind }
        : kind === 'section'
          ? { id, taskId, hlc, changes: changes as SectionChanges, kind }
          : kind === 'label'
            ? { id, taskId, hlc, changes: changes as LabelChanges, kind }
            : kind === 'comment'
              ? { id, taskId, hlc, changes: changes as CommentChanges, kind }
              : { id, taskId, hlc, changes: changes as TaskChanges };
    apply(dev.tasks, m);
    dev.outbox.push(m);
    all.push(m);
    trace.push(
      `D${i} write ${id} ${m.kind ?? 'task'} ${taskId.slice(-2)} ${hlc} ${JSON.stringify(m.changes)}`,
    );
  }

  /** The parent links a device can see: what the store checks a new parent against. */
  const linksOf = (dev: Device) =>
    new Map(
      tasksOf(dev.tasks).map((r) => [r.id, r.deletedAt ? null : (r.parentId ?? null)] as const),
    );

  for (const op of ops) {
    switch (op.t) {
      case 'create':
        write(op.d, TASK_IDS[op.task], {}, op.title);
        break;
      case 'project':
        if (Object.keys(op.changes).length)
          write(op.d, PROJECT_IDS[op.project], op.changes, undefined, 'project');
        break;
      case 'label':
        if (Object.keys(op.changes).length)
          write(op.d, LABEL_IDS[op.label], op.changes, undefined, 'label');
        break;
      case 'section':
        // A section is made with its project and name (the store never writes one without them).
        write(
          op.d,
          SECTION_IDS[op.section],
          devices[op.d].tasks.has(keyOf('section', SECTION_IDS[op.section]))
            ? op.changes
            : { projectId: PROJECT_IDS[0], name: 'New', ...op.changes },
          undefined,
          'section',
        );
        break;
      case 'comment': {
        // A comment is posted whole (task, text, time); later writes edit its text or delete it.
        const dev = devices[op.d];
        const commentId = COMMENT_IDS[op.comment];
        const changes = dev.tasks.has(keyOf('comment', commentId))
          ? op.changes
          : {
              taskId: TASK_IDS[op.task],
              text: 'posted',
              postedAt: new Date(dev.now()).toISOString(),
              deletedAt: null,
              ...op.changes,
            };
        if (Object.keys(changes).length) write(op.d, commentId, changes, undefined, 'comment');
        break;
      }
      case 'edit': {
        const { parentId, ...rest } = op.changes;
        const taskId = TASK_IDS[op.task];
        const changes =
          parentId === undefined || checkParent(linksOf(devices[op.d]), taskId, parentId)
            ? rest
            : op.changes;
        if (Object.keys(changes).length) write(op.d, taskId, changes);
        break;
      }
      case 'delete': {
        // Deleting a parent deletes the sub-tasks this device knows of (one Undo in the UI).
        const taskId = TASK_IDS[op.task];
        const at = new Date(devices[op.d].now()).toISOString();
        for (const id of [taskId, ...descendantsOf(linksOf(devices[op.d]), taskId)])
          write(op.d, id, { deletedAt: at });
        break;
      }
      case 'restore':
        write(op.d, TASK_IDS[op.task], { deletedAt: null });
        break;
      case 'net':
        devices[op.d].online = op.online;
        trace.push(`D${op.d} ${op.online ? 'online' : 'offline'}`);
        break;
      case 'push': {
        const dev = devices[op.d];
        if (!dev.online || dev.outbox.length === 0) break;
        const picked = [...new Set(op.pick.map((p) => p % dev.outbox.length))].map(
          (p) => dev.outbox[p],
        );
        const mutations = picked.length ? picked : dev.outbox.slice();
        network.push({ from: op.d, mutations });
        trace.push(`D${op.d} push [${mutations.map((m) => m.id)}]`);
        break;
      }
      case 'deliver': {
        if (!network.length) break;
        const k = op.msg % network.length;
        const msg = network[k];
        const reply = serverPush(server, msg.mutations, time);
        if (!op.duplicate) network = network.filter((_, j) => j !== k);
        const dev = devices[msg.from];
        const ackArrives = !op.dropAck && dev.online;
        trace.push(
          `deliver D${msg.from} [${reply.acked}] drift [${reply.drifted}]${op.duplicate ? ' dup' : ''}${ackArrives ? '' : ' ack-lost'}`,
        );
        if (ackArrives) receiveReply(dev, reply, trace);
        break;
      }
      case 'drop':
        if (network.length) network = network.filter((_, j) => j !== op.msg % network.length);
        trace.push('drop');
        break;
      case 'pull':
        trace.push(
          `D${op.d} pull from ${devices[op.d].cursor}${devices[op.d].online ? '' : ' (offline)'}`,
        );
        if (devices[op.d].online) pullOnce(server, devices[op.d], op.limit);
        break;
      case 'wait':
        time += op.ms;
        break;
      case 'prune':
        server.prunedThrough = server.seq;
        trace.push(`prune ${server.seq}`);
        break;
    }
  }

  // Final full exchange: stale packets arrive, everyone reconnects, pushes everything, then pulls to the end.
  trace.push('-- final exchange --');
  for (const msg of network) serverPush(server, msg.mutations, time);
  for (const dev of devices) {
    dev.online = true;
    // A drift refusal re-stamps from the server's time, so the second round goes through.
    for (let round = 0; dev.outbox.length > 0; round++) {
      expect(round, 'rounds to empty an outbox').toBeLessThan(2);
      receiveReply(dev, serverPush(server, dev.outbox, time), trace);
    }
  }
  for (const dev of devices) while (pullOnce(server, dev, 2));
  return { server, devices, all };
}

function oracle(applied: AnyMutation[]): Map<string, AnyRecord> {
  const out = new Map<string, AnyRecord>();
  for (const m of [...applied].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0)))
    apply(out, m);
  return out;
}

function tasksOf(records: Map<string, AnyRecord>): TaskRecord[] {
  return [...records].flatMap(([key, r]) => (key.startsWith('task:') ? [r as TaskRecord] : []));
}

/** Where each shown task is, as a person reads it: the name of its project (null: the Inbox or unnamed). */
function projectNames(records: Map<string, AnyRecord>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const record of tasksOf(records)) {
    const task = toTask(record);
    if (!task) continue;
    const projectId = effectiveProjectId(task);
    const project = projectId ? records.get(keyOf('project', projectId)) : undefined;
    out[task.id] = project ? (toProject(project as ProjectRecord)?.name ?? null) : null;
  }
  return out;
}

/** Under which section each shown task is, by name (null: none, or a section that is gone or elsewhere). */
function sectionNames(records: Map<string, AnyRecord>): Record<string, string | null> {
  const sections = new Map<string, SectionRecord>();
  for (const [key, r] of records)
    if (key.startsWith('section:')) sections.set(r.id, r as SectionRecord);
  const out: Record<string, string | null> = {};
  for (const record of tasksOf(records)) {
    const task = toTask(record);
    if (!task) continue;
    const sectionId = effectiveSectionId(task, effectiveProjectId(task), sections);
    const section = sectionId ? sections.get(sectionId) : undefined;
    out[task.id] = section ? (toSection(section)?.name ?? null) : null;
  }
  return out;
}

/** Each shown task's labels as a person reads them: current names of the live labels it has. */
function labelNamesOf(records: Map<string, AnyRecord>): Record<string, string[]> {
  const labels = new Map<string, LabelRecord>();
  for (const [key, r] of records) if (key.startsWith('label:')) labels.set(r.id, r as LabelRecord);
  const out: Record<string, string[]> = {};
  for (const record of tasksOf(records))
    if (toTask(record)) out[record.id] = labelNames(effectiveLabelIds(record), labels);
  return out;
}

/** The comments each task shows, as a person reads them: texts in order (none under a deleted task). */
function commentTexts(records: Map<string, AnyRecord>): Record<string, string[]> {
  const comments: CommentRecord[] = [];
  for (const [key, r] of records) if (key.startsWith('comment:')) comments.push(r as CommentRecord);
  const out: Record<string, string[]> = {};
  for (const record of tasksOf(records)) {
    const task = toTask(record);
    if (task) out[task.id] = commentsOfTask(comments, task).map((c) => c.text);
  }
  return out;
}

const asObject = (m: Map<string, AnyRecord>) =>
  Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));

/** The merge rule for sub-tasks, checked on the tasks a replica shows. */
function assertNoOrphans(records: Map<string, AnyRecord>): void {
  const shown = tasksOf(records).flatMap((r) => {
    const task = toTask(r);
    return task && task.deletedAt === null ? [task] : [];
  });
  const parents = effectiveParents(shown);
  for (const task of shown) {
    const parent = parents.get(task.id) ?? null;
    const stored = task.parentId === null ? undefined : records.get(taskKey(task.parentId));
    // Under a deleted (or never created) parent: shown at top level, in its own project.
    if (!stored || stored.deletedAt || !toTask(stored as TaskRecord))
      expect(parent, task.id).toBeNull();
    let depth = 1;
    for (let at = parent; at !== null; at = parents.get(at) ?? null) {
      expect(parents.has(at), `${task.id} under a shown task`).toBe(true);
      depth += 1;
      expect(depth).toBeLessThanOrEqual(MAX_DEPTH);
    }
  }
}

describe(`sync convergence (FUZZ_SEED=${seed}, ${numRuns} runs)`, () => {
  it(
    'every replica equals the server after a full exchange, and the server lost no write',
    () => {
      fc.assert(
        fc.property(scenarioArb, ({ offsets, farAhead, ops }) => {
          const trace: string[] = [];
          offsets = [farAhead, ...offsets.slice(1)];
          try {
            const { server, devices, all } = simulate(offsets, ops, trace);
            // No write lost: every one reached the server (re-stamped or not).
            expect(all.filter((m) => !server.applied.has(m.id)).map((m) => m.id)).toEqual([]);
            expect(asObject(server.tasks)).toEqual(asObject(oracle([...server.applied.values()])));
            // Replicas equal the server record for record, so they show this same tree.
            assertNoOrphans(server.tasks);
            devices.forEach((dev, i) => {
              expect(asObject(dev.tasks), `device ${i}`).toEqual(asObject(server.tasks));
              // A rename reaches the tasks without writing them: each is in the same, same-named project.
              expect(projectNames(dev.tasks), `device ${i} projects`).toEqual(
                projectNames(server.tasks),
              );
              expect(sectionNames(dev.tasks), `device ${i} sections`).toEqual(
                sectionNames(server.tasks),
              );
              expect(labelNamesOf(dev.tasks), `device ${i} labels`).toEqual(
                labelNamesOf(server.tasks),
              );
              expect(commentTexts(dev.tasks), `device ${i} comments`).toEqual(
                commentTexts(server.tasks),
              );
              // Local timestamps only ever grow, however far behind the wall clock is (a rebase onto
              // the server's time is the one step back).
              dev.issued.forEach((h, k) => k > 0 && expect(h > dev.issued[k - 1]).toBe(true));
              // A lead past the drift limit is reported as skew, never refused.
              if (dev.maxRemoteLead > 5 * 60_000) expect(dev.clock.skewMs()).toBeGreaterThan(0);
            });
          } catch (error) {
            throw new Error(
              `${(error as Error).message}\nFUZZ_SEED=${seed}\noffsets ${JSON.stringify(offsets)}\ntrace:\n  ${trace.join('\n  ')}`,
              { cause: error },
            );
          }
        }),
        { seed, numRuns },
      );
    },
    // FUZZ_RUNS can scale a local soak run far past the default test timeout; a loaded CI machine needs room too.
    Math.max(90_000, numRuns * 90),
  );
});
