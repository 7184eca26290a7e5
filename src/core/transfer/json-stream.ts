// Reads a Tend export a piece at a time: the header fields, then each element of `tasks` as soon as
// its closing brace arrives, so a file of 100,000 tasks (90 MB) is never one string or one parse.
// Any JSON object with a `tasks` array is read; parseExport's rules decide whether it is an export.
import { TransferError } from './errors';

interface ExportReader {
  /** Feeds the next piece of text; returns the task elements it completed, parsed, in file order. */
  push(text: string): unknown[];
  /** The file ended: the header fields (everything but `tasks`); throws if the JSON is incomplete. */
  end(): Record<string, unknown>;
}

const invalid = (message: string) =>
  new TransferError('invalid_json', `The file is not JSON (${message})`);

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid((error as Error).message);
  }
}

export function createExportReader(): ExportReader {
  let buffer = '';
  /** Where scanning resumes in `buffer`. */
  let at = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let finished = false;
  let sawTasks = false;
  /** Inside the top-level `tasks` array. */
  let inTasks = false;
  /** Start in `buffer` of the value being captured (a header value or a task element), or -1. */
  let start = -1;
  /** Start of the string being read at depth 1 (a key, or a string value), or -1. */
  let stringStart = -1;
  /** The last key read at depth 1, once its colon has been seen. */
  let key: string | null = null;
  let lastString: string | null = null;
  const header: Record<string, unknown> = {};

  const headerValue = (end: number) => {
    if (key !== null) header[key] = parse(buffer.slice(start, end).trim());
    start = -1;
    key = null;
  };

  function push(text: string): unknown[] {
    const out: unknown[] = [];
    buffer += text;
    for (let i = at; i < buffer.length; i++) {
      const ch = buffer[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') {
          inString = false;
          if (depth === 1 && start >= 0 && key !== null) headerValue(i + 1);
          else if (depth === 1 && stringStart >= 0) {
            lastString = parse(buffer.slice(stringStart, i + 1)) as string;
            stringStart = -1;
          }
        }
        continue;
      }
      if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
      if (finished) throw invalid('text after the end of the export');
      if (depth === 0) {
        if (ch !== '{') throw invalid('an export is one JSON object');
        depth = 1;
        continue;
      }
      if (depth === 1) {
        if (ch === '}') {
          if (start >= 0) headerValue(i);
          depth = 0;
          finished = true;
        } else if (ch === ',') {
          if (start >= 0) headerValue(i);
        } else if (ch === ':') {
          key = lastString;
          lastString = null;
        } else if (key === null) {
          if (ch !== '"') throw invalid(`unexpected "${ch}"`);
          inString = true;
          stringStart = i;
        } else if (start < 0 && key === 'tasks' && ch === '[') {
          inTasks = true;
          sawTasks = true;
          depth = 2;
          key = null;
        } else if (start < 0) {
          start = i;
          if (ch === '"') inString = true;
          else if (ch === '{' || ch === '[') depth += 1;
        }
        continue;
      }
      // Deeper: inside a header value or the tasks array.
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') {
        if (inTasks && depth === 2) start = i;
        depth += 1;
      } else if (ch === '}' || ch === ']') {
        depth -= 1;
        if (inTasks && depth === 2 && start >= 0) {
          out.push(parse(buffer.slice(start, i + 1)));
          start = -1;
        } else if (inTasks && depth === 1) {
          inTasks = false;
        } else if (depth === 1 && start >= 0) {
          headerValue(i + 1);
        }
      } else if (inTasks && depth === 2 && ch !== ',') {
        // A number, string or literal where a task record belongs: keep it, the checks name it.
        let end = i;
        while (end < buffer.length && !/[,\]\s]/.test(buffer[end])) end += 1;
        if (end === buffer.length) {
          at = i;
          keep(i);
          return out;
        }
        out.push(parse(buffer.slice(i, end)));
        i = end - 1;
      }
    }
    at = buffer.length;
    keep(-1);
    return out;
  }

  /** Drops the text already consumed, keeping what a value or string still being read needs. */
  function keep(from: number) {
    const cut = Math.min(...[from, start, stringStart].filter((n) => n >= 0), buffer.length);
    buffer = buffer.slice(cut);
    at -= cut;
    if (start >= 0) start -= cut;
    if (stringStart >= 0) stringStart -= cut;
  }

  function end(): Record<string, unknown> {
    if (!finished) throw invalid('the file ends before the export does');
    if (!sawTasks) throw new TransferError('invalid_export', 'The file is not a Tend export');
    return header;
  }

  return { push, end };
}
