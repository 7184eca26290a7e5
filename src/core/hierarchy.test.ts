import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_DEPTH,
  checkParent,
  descendantsOf,
  effectiveParents,
  flattenTree,
  parentLinks,
} from './hierarchy';

const links = (pairs: Record<string, string | null>) => new Map(Object.entries(pairs));

describe('checkParent', () => {
  const tree = links({ a: null, b: 'a', c: 'b', d: 'c', x: null, y: 'x' });

  it('accepts a parent within the depth limit, and moving to top level', () => {
    expect(checkParent(tree, 'y', 'c')).toBeNull();
    expect(checkParent(tree, 'd', null)).toBeNull();
  });

  it('rejects itself, any descendant (a cycle), and a tree deeper than MAX_DEPTH', () => {
    expect(checkParent(tree, 'a', 'a')).toBe('self');
    expect(checkParent(tree, 'a', 'd')).toBe('cycle');
    expect(checkParent(tree, 'b', 'c')).toBe('cycle');
    expect(MAX_DEPTH).toBe(4);
    expect(checkParent(tree, 'y', 'd')).toBe('too_deep'); // y would be level 5
    expect(checkParent(tree, 'x', 'c')).toBe('too_deep'); // x level 4, its child y level 5
    expect(checkParent(tree, 'x', 'b')).toBeNull(); // x level 3, y level 4
  });

  it('does not loop on a cycle already above the parent (made by concurrent edits)', () => {
    const cyclic = links({ p: 'q', q: 'p', t: null });
    expect(checkParent(cyclic, 't', 'p')).toBeNull();
    expect(checkParent(links({ p: 'p', t: null }), 't', 'p')).toBeNull();
  });

  it('counts the whole sub-tree of the moved task against the depth, and lists descendants nearest first', () => {
    expect(checkParent(tree, 'c', 'y')).toBeNull(); // c and d at levels 3 and 4
    expect(checkParent(tree, 'b', 'y')).toBe('too_deep'); // b, c and d at levels 3 to 5
    expect(checkParent(tree, 'a', 'x')).toBe('too_deep'); // a's four levels from level 2
    expect(descendantsOf(tree, 'a')).toEqual(['b', 'c', 'd']);
    expect(descendantsOf(links({ p: 'q', q: 'p' }), 'p')).toEqual(['q']);
  });
});

describe('effectiveParents (what replicas show after any merge)', () => {
  it('keeps valid links', () => {
    const shown = effectiveParents([
      { id: 'a', parentId: null },
      { id: 'b', parentId: 'a' },
    ]);
    expect(shown).toEqual(links({ a: null, b: 'a' }));
  });

  it('lifts a task whose parent is not shown (deleted on another device) to top level', () => {
    expect(effectiveParents([{ id: 'b', parentId: 'gone' }])).toEqual(links({ b: null }));
  });

  it('cuts a cycle at its smallest id, whatever the input order', () => {
    const nodes = [
      { id: 'c', parentId: 'a' },
      { id: 'a', parentId: 'b' },
      { id: 'b', parentId: 'c' },
    ];
    const expected = links({ a: null, b: 'c', c: 'a' });
    expect(effectiveParents(nodes)).toEqual(expected);
    expect(effectiveParents([...nodes].reverse())).toEqual(expected);
  });

  it('starts a new top level below MAX_DEPTH', () => {
    const chain = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i, all) => ({
      id,
      parentId: i === 0 ? null : all[i - 1],
    }));
    const shown = effectiveParents(chain);
    expect(shown.get('d')).toBe('c');
    expect(shown.get('e')).toBeNull();
    expect(shown.get('f')).toBe('e');
  });

  it('always yields a forest of depth <= MAX_DEPTH, independent of order (property)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const arb = fc.array(
      fc.record({ id: fc.constantFrom(...ids), parentId: fc.option(fc.constantFrom(...ids)) }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const nodes = [...new Map(raw.map((n) => [n.id, n])).values()];
        const shown = effectiveParents(nodes);
        expect(effectiveParents([...nodes].reverse())).toEqual(shown);
        for (const node of nodes) {
          let depth = 1;
          for (let at = shown.get(node.id); at; at = shown.get(at)) {
            expect(shown.has(at)).toBe(true);
            depth += 1;
            expect(depth).toBeLessThanOrEqual(MAX_DEPTH);
          }
        }
      }),
    );
  });
});

describe('flattenTree', () => {
  const tasks = [
    { id: 'a', parentId: null },
    { id: 'c', parentId: 'a' },
    { id: 'x', parentId: null },
    { id: 'b', parentId: 'a' },
    { id: 'd', parentId: 'c' },
  ];

  it('puts sub-tasks under their parent, siblings in the given order', () => {
    expect(flattenTree(tasks).map((e) => `${e.task.id}${e.level}:${e.children}`)).toEqual([
      'a1:2',
      'c2:1',
      'd3:0',
      'b2:0',
      'x1:0',
    ]);
  });

  it('leaves out the sub-tree of a collapsed task', () => {
    expect(flattenTree(tasks, new Set(['c'])).map((e) => e.task.id)).toEqual(['a', 'c', 'b', 'x']);
    expect(flattenTree(tasks, new Set(['a'])).map((e) => e.task.id)).toEqual(['a', 'x']);
  });

  it('parentLinks maps ids to parents', () => {
    expect(parentLinks(tasks).get('d')).toBe('c');
  });
});
