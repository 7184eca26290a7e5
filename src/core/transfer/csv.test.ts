import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { TransferError } from './errors';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('splits plain rows and ignores a trailing line break', () => {
    expect(fields('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fields('')).toEqual([]);
  });

  it('reads quoted fields with delimiters, escaped quotes and line breaks', () => {
    const rows = parseCsv('TYPE,CONTENT\ntask,"Say ""hi"", then\nleave"\r\ntask,"",x\n');
    expect(rows.map((r) => r.fields)).toEqual([
      ['TYPE', 'CONTENT'],
      ['task', 'Say "hi", then\nleave'],
      ['task', '', 'x'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('keeps empty fields and empty lines, and handles CR-only line ends', () => {
    expect(fields('a,,b\r\rc')).toEqual([['a', '', 'b'], [''], ['c']]);
  });

  it('drops a byte-order mark and supports another delimiter', () => {
    expect(parseCsv('\uFEFFa;b', ';')[0].fields).toEqual(['a', 'b']);
  });

  it('treats a quote inside an unquoted field as text, and text after a closing quote as part of the field', () => {
    expect(fields('5" screen,"a"b')).toEqual([['5" screen', 'ab']]);
  });

  it('names the line of a quoted field that never closes', () => {
    expect(() => parseCsv('a\n\n"oops,\nmore')).toThrow(TransferError);
    expect(() => parseCsv('a\n\n"oops,\nmore')).toThrow('line 3: a quoted field is never closed');
  });
});
