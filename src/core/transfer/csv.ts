// RFC 4180 CSV reading: quoted fields with "" escapes and line breaks inside, CRLF/LF/CR row ends,
// a UTF-8 byte-order mark (Excel and Todoist write one) ignored.
import { TransferError } from './errors';

interface CsvRow {
  /** 1-based line of the file where the row starts, for error messages. */
  line: number;
  fields: string[];
}

export function parseCsv(text: string, delimiter = ','): CsvRow[] {
  const rows: CsvRow[] = [];
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push({ line: rowLine, fields });
    fields = [];
  };

  while (i < input.length) {
    const ch = input[i];
    if (ch === '"' && field === '') {
      const start = line;
      i += 1;
      for (;;) {
        if (i >= input.length) {
          throw new TransferError('invalid_csv', 'The CSV file is not valid', [
            { at: `line ${start}`, message: 'a quoted field is never closed' },
          ]);
        }
        const c = input[i];
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (c === '\n' || (c === '\r' && input[i + 1] !== '\n')) line += 1;
        field += c;
        i += 1;
      }
      // Lenient like spreadsheets: text after a closing quote joins the field.
      continue;
    }
    if (ch === delimiter) {
      endField();
      i += 1;
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
      rowLine = line;
    } else {
      field += ch;
      i += 1;
    }
  }
  // A final row without a line break; an empty file or a trailing newline adds no empty row.
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}
