import { describe, expect, it } from 'vitest';
import { formatHlc } from '../hlc';
import { applyMutation, recordToMutations } from '../merge';
import type { TaskRecord } from '../merge';
import { TransferError } from './errors';
import { buildExport, parseExport, serializeExport } from './json-export';

const ID = '0193b5a0-0000-7000-8000-000000000001';
const T0 = Date.parse('2026-11-26T09:00:00.000Z');
const h = (ms: number, node = 'AAAAAAAAAAAAAAAA') =>
  formatHlc({ millis: T0 + ms, counter: 0, node });

function record(): TaskRecord {
  let r = applyMutation(undefined, {
    id: 'm1',
    taskId: ID,
    hlc: h(0),
    changes: {
      title: 'Call mom',
      notes: '',
      labels: ['family'],
      due: '2026-11-27T18:30',
      order: 1.5,
    },
  }).record;
  r = applyMutation(r, {
    id: 'm2',
    taskId: ID,
    hlc: h(10, 'BBBBBBBBBBBBBBBB'),
    changes: { priority: 1 },
  }).record;
  return r;
}

describe('JSON export file', () => {
  it('round-trips records with their clocks', () => {
    const file = buildExport([record()], '2026-11-26T10:00:00.000Z');
    expect(parseExport(serializeExport(file))).toEqual(file);
  });

  it('writes a timestamp shared by several fields once per record, and reads both forms', () => {
    const file = buildExport([record()], '2026-11-26T10:00:00.000Z');
    const text = serializeExport(file);
    // Created at one time, its priority changed later: the shared timestamp once, the other by name.
    const line = text.split('\n').find((l) => l.includes('"Call mom"'))!;
    expect(JSON.parse(line.replace(/,$/, '')).clock).toEqual({
      '*': h(0),
      priority: h(10, 'BBBBBBBBBBBBBBBB'),
    });
    expect(parseExport(text)).toEqual(file);
    // Files from before the compact form (version 1, every field's timestamp named) still import.
    const full = JSON.stringify({ ...file, version: 1 });
    expect(parseExport(full)).toEqual(file);
    // A task stamped once costs about half the bytes it did with a timestamp per field.
    const fresh = applyMutation(undefined, {
      id: 'm9',
      taskId: ID,
      hlc: h(0),
      changes: {
        title: 'Water the plants',
        notes: '',
        labels: [],
        due: null,
        priority: 4,
        order: 2,
      },
    }).record;
    const compact = serializeExport(buildExport([fresh], 'x')).length;
    expect(compact).toBeLessThan(JSON.stringify(buildExport([fresh], 'x')).length * 0.75);
  });

  it('refuses a shared timestamp that is not one, and fields it cannot stamp', () => {
    const good = record();
    const { clock: _clock, ...fields } = good;
    const file = (clock: unknown) =>
      JSON.stringify({
        format: 'tend-export',
        version: 2,
        exportedAt: 'x',
        tasks: [{ ...fields, clock }],
      });
    const problemsOf = (text: string) => {
      try {
        parseExport(text);
      } catch (error) {
        return (error as TransferError).details.map((p) => p.at);
      }
      return 'accepted';
    };
    expect(problemsOf(file({ '*': h(0) }))).toBe('accepted');
    expect(problemsOf(file({ '*': 'soon' }))).toEqual(['tasks.0.clock.*']);
    expect(problemsOf(file({ '*': h(0), colour: h(0) }))).toEqual(['tasks.0.clock.colour']);
    expect(problemsOf(file({ '*': h(0), recurrence: h(0) }))).toEqual(['tasks.0.recurrence']);
  });

  it('keeps sub-tasks: the parent link and its clock survive the round trip', () => {
    const parent = record();
    const child = applyMutation(undefined, {
      id: 'm3',
      taskId: '0193b5a0-0000-7000-8000-000000000002',
      hlc: h(20),
      changes: { title: 'Buy flowers', parentId: ID },
    }).record;
    const file = buildExport([parent, child], '2026-11-26T10:00:00.000Z');
    const back = parseExport(serializeExport(file));
    expect(back.tasks[1]).toMatchObject({ parentId: ID, clock: { parentId: h(20) } });
    expect(back).toEqual(file);
    const broken = { ...file, tasks: [{ ...child, parentId: 'not-an-id' }] };
    expect(() => parseExport(JSON.stringify(broken))).toThrow(TransferError);
  });

  it('keeps reminders of both forms with their clock, and refuses a hostile one', () => {
    const reminders = [
      { id: '0193b5a0-0000-7000-8000-0000000000a1', at: '2026-11-27T17:00:00.000Z' },
      { id: '0193b5a0-0000-7000-8000-0000000000a2', before: 30 },
    ];
    const reminded = applyMutation(record(), {
      id: 'm3',
      taskId: ID,
      hlc: h(20),
      changes: { reminders },
    }).record;
    const file = buildExport([reminded], '2026-11-26T10:00:00.000Z');
    const back = parseExport(serializeExport(file));
    expect(back.tasks[0]).toMatchObject({ reminders, clock: { reminders: h(20) } });
    expect(back).toEqual(file);
    const broken = { ...file, tasks: [{ ...reminded, reminders: [{ id: 'x', before: -1 }] }] };
    expect(() => parseExport(JSON.stringify(broken))).toThrow(TransferError);
  });

  it('turns a record back into its writes, one per timestamp, oldest first', () => {
    const ids = ['a', 'b'];
    const mutations = recordToMutations(record(), () => ids.shift()!);
    expect(mutations).toEqual([
      {
        id: 'a',
        taskId: ID,
        hlc: h(0),
        changes: {
          title: 'Call mom',
          notes: '',
          due: '2026-11-27T18:30',
          labels: ['family'],
          order: 1.5,
        },
      },
      { id: 'b', taskId: ID, hlc: h(10, 'BBBBBBBBBBBBBBBB'), changes: { priority: 1 } },
    ]);
    let rebuilt: TaskRecord | undefined;
    for (const m of mutations) rebuilt = applyMutation(rebuilt, m).record;
    expect(rebuilt).toEqual(record());
  });

  it('refuses what is not JSON or not a Tend export, with a code', () => {
    const codeOf = (text: string) => {
      try {
        parseExport(text);
      } catch (error) {
        return (error as TransferError).code;
      }
      return 'accepted';
    };
    expect(codeOf('{oops')).toBe('invalid_json');
    expect(codeOf('[]')).toBe('invalid_export');
    expect(codeOf('{"format":"tend-export","version":3,"tasks":[]}')).toBe('unsupported_version');
    expect(codeOf('{"format":"tend-export","version":2,"tasks":[]}')).toBe('accepted');
    expect(codeOf('{"format":"tend-export","version":1,"tasks":[]}')).toBe('accepted');
  });

  it('names every bad record and field', () => {
    const good = record();
    const tasks = [
      good,
      'nope',
      { ...good, id: 'x', title: '', clock: { ...good.clock, colour: h(0) } },
      { ...good, priority: 9, createdAt: 'yesterday', clock: { ...good.clock, notes: 'soon' } },
      { ...good, recurrence: null },
      {
        ...good,
        clock: { title: h(0) },
        notes: undefined,
        labels: undefined,
        due: undefined,
        order: undefined,
        priority: undefined,
      },
      { ...good, clock: undefined },
    ];
    const text = JSON.stringify({ format: 'tend-export', version: 1, exportedAt: 'x', tasks });
    let error: TransferError | undefined;
    try {
      parseExport(text);
    } catch (e) {
      error = e as TransferError;
    }
    expect(error).toBeInstanceOf(TransferError);
    expect(error!.code).toBe('invalid_records');
    expect(error!.details.map((d) => d.at)).toEqual([
      'tasks.1',
      'tasks.2.id',
      'tasks.2.clock.colour',
      'tasks.2.title',
      'tasks.3.createdAt',
      'tasks.3.clock.notes',
      'tasks.3.priority',
      'tasks.4.recurrence',
      'tasks.6.clock',
      'tasks.6.title',
      'tasks.6.notes',
      'tasks.6.due',
      'tasks.6.priority',
      'tasks.6.labels',
      'tasks.6.order',
    ]);
    expect(error!.message).toContain('tasks.2.id: must be a UUID');
    expect(error!.message).toContain('(and 10 more)');
  });

  it('round-trips projects with their clocks, and reads files from before projects', () => {
    const project = applyMutation(undefined, {
      id: 'p1',
      taskId: '0193b5a0-0000-7000-8000-0000000000a1',
      hlc: h(5),
      changes: { name: 'Home Renovation', colour: 'teal', order: 2, archived: false },
      kind: 'project',
    }).record;
    const file = buildExport([record()], '2026-11-26T10:00:00.000Z', [project]);
    expect(parseExport(serializeExport(file))).toEqual(file);
    const { projects: _projects, ...older } = file;
    expect(parseExport(JSON.stringify(older)).projects).toEqual([]);
  });

  it('round-trips sections with their clocks, reads files from before sections, and checks them', () => {
    const section = applyMutation(undefined, {
      id: 's1',
      taskId: '0193b5a0-0000-7000-8000-0000000000c1',
      hlc: h(5),
      changes: { name: 'Doing', projectId: '0193b5a0-0000-7000-8000-0000000000a1', order: 1 },
      kind: 'section',
    }).record;
    const task = applyMutation(record(), {
      id: 'm9',
      taskId: ID,
      hlc: h(6),
      changes: { sectionId: section.id },
    }).record;
    const file = buildExport([task], '2026-11-26T10:00:00.000Z', [], [section]);
    expect(parseExport(serializeExport(file))).toEqual(file);
    const { sections: _sections, ...older } = file;
    expect(parseExport(JSON.stringify(older)).sections).toEqual([]);
    const bad = { ...section, clock: { ...section.clock, colour: h(0) }, name: 'nul\u0000' };
    try {
      parseExport(JSON.stringify({ ...file, sections: [bad] }));
      expect.unreachable();
    } catch (error) {
      const problems = (error as TransferError).details.map((p) => `${p.at}: ${p.message}`);
      expect(problems).toContain('sections.0.clock.colour: not a section field');
      expect(problems.some((p) => p.startsWith('sections.0.name:'))).toBe(true);
    }
  });

  it('round-trips labels and the label ids of tasks, reads files from before labels, and checks them', () => {
    const label = applyMutation(undefined, {
      id: 'l1',
      taskId: '0193b5a0-0000-7000-8000-0000000000d1',
      hlc: h(5),
      changes: { name: 'errands', colour: 'teal', order: 1, deletedAt: null },
      kind: 'label',
    }).record;
    const task = applyMutation(record(), {
      id: 'm9',
      taskId: ID,
      hlc: h(6),
      changes: { labels: ['errands'], labelIds: [label.id] },
    }).record;
    const file = buildExport([task], '2026-11-26T10:00:00.000Z', [], [], [label]);
    expect(parseExport(serializeExport(file))).toEqual(file);
    const { labels: _labels, ...older } = file;
    expect(parseExport(JSON.stringify(older)).labels).toEqual([]);
    const bad = { ...label, clock: { ...label.clock, archived: h(0) }, colour: '#fff' };
    try {
      parseExport(JSON.stringify({ ...file, labels: [bad] }));
      expect.unreachable();
    } catch (error) {
      const problems = (error as TransferError).details.map((p) => `${p.at}: ${p.message}`);
      expect(problems).toContain('labels.0.clock.archived: not a label field');
      expect(problems.some((p) => p.startsWith('labels.0.colour:'))).toBe(true);
    }
  });

  it('round-trips comments with their clocks, reads files from before comments, and checks them', () => {
    const comment = applyMutation(undefined, {
      id: 'c1',
      taskId: '0193b5a0-0000-7000-8000-0000000000d1',
      hlc: h(5),
      changes: {
        taskId: ID,
        text: 'See https://example.com',
        postedAt: '2026-11-26T09:00:00.000Z',
      },
      kind: 'comment',
    }).record;
    const edited = applyMutation(comment, {
      id: 'c2',
      taskId: comment.id,
      hlc: h(7),
      changes: { text: 'See https://example.org' },
      kind: 'comment',
    }).record;
    const file = buildExport([record()], '2026-11-26T10:00:00.000Z', [], [], [], [edited]);
    const back = parseExport(serializeExport(file));
    expect(back).toEqual(file);
    expect(back.comments?.[0]).toMatchObject({ text: 'See https://example.org', taskId: ID });
    expect(back.comments?.[0].clock).toEqual({ taskId: h(5), text: h(7), postedAt: h(5) });
    const { comments: _comments, ...older } = file;
    expect(parseExport(JSON.stringify(older)).comments).toEqual([]);
    const bad = { ...edited, clock: { ...edited.clock, name: h(0) }, text: 'nul\u0000' };
    try {
      parseExport(JSON.stringify({ ...file, comments: [bad] }));
      expect.unreachable();
    } catch (error) {
      const problems = (error as TransferError).details.map((p) => `${p.at}: ${p.message}`);
      expect(problems).toContain('comments.0.clock.name: not a comment field');
      expect(problems.some((p) => p.startsWith('comments.0.text:'))).toBe(true);
    }
  });

  it('checks project records as the project schema does', () => {
    const bad = {
      id: '0193b5a0-0000-7000-8000-0000000000a1',
      createdAt: '2026-11-26T09:00:00.000Z',
      updatedAt: '2026-11-26T09:00:00.000Z',
      clock: { name: h(0), title: h(0) },
      name: 'nul\u0000',
    };
    const file = { ...buildExport([], '2026-11-26T10:00:00.000Z'), projects: [bad] };
    try {
      parseExport(JSON.stringify(file));
      expect.unreachable();
    } catch (error) {
      const problems = (error as TransferError).details.map((p) => `${p.at}: ${p.message}`);
      expect(problems).toContain('projects.0.clock.title: not a project field');
      expect(problems.some((p) => p.startsWith('projects.0.name:'))).toBe(true);
    }
  });
});
