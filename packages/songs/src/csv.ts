import { SongsError } from './errors.js';

/** One data row of a CSV file: its cells by header name, and the line it starts on (from 1). */
export interface CsvRecord {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/** A parsed CSV file: the trimmed header names and the data rows. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

/**
 * Parses RFC 4180 CSV: comma-separated, fields optionally in double quotes (`""` escapes a quote,
 * quoted fields may hold commas and line breaks), LF or CRLF line ends, an optional UTF-8 BOM.
 * The first row is the header; blank lines are skipped. Throws `invalid-csv` on an unclosed
 * quote, a missing or duplicate header, or a row with more cells than the header.
 */
export function parseCsv(text: string): CsvTable {
  if (typeof text !== 'string') {
    throw new SongsError('invalid-csv', `CSV input must be a string, got ${typeof text}.`);
  }
  const rows: { line: number; cells: string[] }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            throw new SongsError('invalid-csv', `Line ${startLine}: a quoted field is never closed.`, {
              details: { line: startLine },
            });
          }
          const chunk = text.slice(i, q);
          for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) line++;
          cell += chunk;
          if (text[q + 1] === '"') {
            cell += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Tolerate stray characters after a closing quote (`"a"b` → `ab`), as most tools do.
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push({ line: startLine, cells });
  }
  const first = rows.shift();
  if (!first) throw new SongsError('invalid-csv', 'The CSV text is empty: a header row is required.');
  const header = first.cells.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (name === '')
      throw new SongsError('invalid-csv', 'Line 1: the header has an empty column name.', {
        details: { line: 1 },
      });
    if (seen.has(name)) {
      throw new SongsError('invalid-csv', `Line 1: the header names column "${name}" twice.`, {
        details: { line: 1, field: name },
      });
    }
    seen.add(name);
  }
  const records = rows.map(({ line: rowLine, cells }) => {
    if (cells.length > header.length) {
      throw new SongsError(
        'invalid-csv',
        `Line ${rowLine}: ${cells.length} cells but the header has ${header.length} columns.`,
        { details: { line: rowLine } },
      );
    }
    const record: Record<string, string> = {};
    header.forEach((name, k) => (record[name] = cells[k] ?? ''));
    return { line: rowLine, cells: record };
  });
  return { header, records };
}

/** Throws `invalid-csv` naming the first of `columns` missing from `table`'s header. */
export function requireColumns(table: CsvTable, columns: readonly string[], format: string): void {
  for (const column of columns) {
    if (!table.header.includes(column)) {
      throw new SongsError(
        'invalid-csv',
        `The ${format} CSV has no "${column}" column (expected ${columns.join(', ')}; found ${table.header.join(', ')}).`,
        { details: { line: 1, field: column } },
      );
    }
  }
}
