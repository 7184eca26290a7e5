import { describe, expect, it } from 'vitest';
import { moveTo, storeOrder } from './reorder';

const list = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, order: i + 1 }));
const ids = (l: { id: string }[]) => l.map((p) => p.id).join('');

describe('moving a project to another one’s place', () => {
  it('moves down and up, and leaves the list as it was for itself or an unknown id', () => {
    expect(ids(moveTo(list, 'a', 'c'))).toBe('bcad');
    expect(ids(moveTo(list, 'd', 'b'))).toBe('adbc');
    expect(ids(moveTo(list, 'b', 'b'))).toBe('abcd');
    expect(ids(moveTo(list, 'x', 'b'))).toBe('abcd');
  });

  it('stores the new order as 1..n, writing only what changed', async () => {
    const writes: [string, number][] = [];
    const store = {
      updateProject: async (id: string, changes: { order?: number }) => {
        writes.push([id, changes.order!]);
        return {} as never;
      },
    };
    await storeOrder(store, moveTo(list, 'a', 'c'));
    expect(writes).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
    ]);
  });
});
