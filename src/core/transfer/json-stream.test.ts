import { describe, expect, it } from 'vitest';
import { createExportReader } from './json-stream';
import { TransferError } from './errors';

const file = {
  format: 'tend-export',
  version: 1,
  exportedAt: '2026-12-02T10:00:00.000Z',
  extra: { nested: ['a', { b: '}]"' }], n: null },
  tasks: [
    { id: 'a', title: 'Quote " and brace } and bracket ]', labels: ['x', 'y'], clock: {} },
    { id: 'b', title: 'Back\\slash \\" and \u00e9 \ud83c\udf31', notes: '', clock: { title: '1' } },
    7,
    { id: 'c', nested: { deep: [[{}]] } },
  ],
};

function readInPieces(text: string, size: number) {
  const reader = createExportReader();
  const tasks: unknown[] = [];
  for (let i = 0; i < text.length; i += size) tasks.push(...reader.push(text.slice(i, i + size)));
  return { tasks, header: reader.end() };
}

describe('export reader', () => {
  const { tasks, ...header } = file;
  it.each([
    ['compact', JSON.stringify(file)],
    ['indented', JSON.stringify(file, null, 1)],
    ['tabs and CRLF', JSON.stringify(file, null, '\t').replace(/\n/g, '\r\n')],
  ])('reads %s text in pieces of any size like JSON.parse', (_, text) => {
    for (const size of [1, 2, 7, 64, text.length]) {
      expect(readInPieces(text, size)).toEqual({ tasks, header });
    }
  });

  it('gives each task as soon as it is complete, keeping only the unfinished text', () => {
    const reader = createExportReader();
    expect(reader.push('{"format":"tend-export","tasks":[{"id":"a"},{"id"')).toEqual([{ id: 'a' }]);
    expect(reader.push(':"b"}')).toEqual([{ id: 'b' }]);
    expect(reader.push(']}')).toEqual([]);
    expect(reader.end()).toEqual({ format: 'tend-export' });
  });

  it('refuses what is not one complete JSON object with tasks', () => {
    const fails = (text: string, code: string) => {
      const reader = createExportReader();
      try {
        reader.push(text);
        reader.end();
      } catch (error) {
        expect(error).toBeInstanceOf(TransferError);
        expect((error as TransferError).code).toBe(code);
        return;
      }
      throw new Error(`accepted ${text}`);
    };
    fails('{"format":"tend-export","tasks":[{"id":"a"}', 'invalid_json');
    fails('[1,2]', 'invalid_json');
    fails('{"tasks":[]} {}', 'invalid_json');
    fails('{"tasks":[{"id":}]}', 'invalid_json');
    fails('{"format":"tend-export"}', 'invalid_export');
  });
});
