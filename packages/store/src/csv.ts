// A small RFC 4180 CSV writer and parser.

/** Thrown by `parseCsv` with the 1-based record (spreadsheet row) where the problem is. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message);
  }
}

/** Quotes a field when it holds a comma, quote, CR or LF, or starts or ends with a space. */
function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows → CSV text with CRLF line ends (RFC 4180), no BOM. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * CSV text → rows of fields. Accepts CRLF, LF or CR line ends, a leading UTF-8
 * BOM and a missing final line end; skips empty lines. Throws `CsvSyntaxError`
 * on a stray quote or an unterminated quoted field.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let quoted = false;
  let afterQuote = false;
  let fieldStarted = false;
  const endRow = () => {
    if (fieldStarted || row.length > 0) {
      row.push(field);
      rows.push(row);
    }
    row = [];
    field = '';
    fieldStarted = false;
    afterQuote = false;
  };
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      fieldStarted = true;
      afterQuote = false;
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (afterQuote) throw new CsvSyntaxError('Unexpected text after a closing quote.', rows.length + 1);
    if (c === '"') {
      if (field !== '') throw new CsvSyntaxError('A quote inside an unquoted field.', rows.length + 1);
      quoted = true;
      fieldStarted = true;
      i += 1;
      continue;
    }
    field += c;
    fieldStarted = true;
    i += 1;
  }
  if (quoted) throw new CsvSyntaxError('A quoted field is never closed.', rows.length + 1);
  endRow();
  return rows;
}
