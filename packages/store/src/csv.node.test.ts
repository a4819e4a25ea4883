import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsvSyntaxError, parseCsv, writeCsv } from './csv.js';

test('writes RFC 4180: quotes only where needed, doubles quotes, CRLF', () => {
  assert.equal(
    writeCsv([['a', 'b,c', 'say "hi"', 'two\nlines', ' pad', '기쁨']]),
    'a,"b,c","say ""hi""","two\nlines"," pad",기쁨\r\n',
  );
});

test('parses what it writes, for awkward values', () => {
  const rows = [
    ['id', 'note'],
    ['1', ''],
    ['2', '"'],
    ['3', ',,,'],
    ['4', 'line\r\nbreak\rand\nmore'],
    ['5', '한국어, "인용"'],
    ['', ''],
  ];
  assert.deepEqual(parseCsv(writeCsv(rows)), rows);
});

test('accepts a BOM, LF or CR line ends and no final line end; skips blank lines', () => {
  assert.deepEqual(parseCsv('\uFEFFa,b\nc,d'), [
    ['a', 'b'],
    ['c', 'd'],
  ]);
  assert.deepEqual(parseCsv('a,b\r\rc,d\r'), [
    ['a', 'b'],
    ['c', 'd'],
  ]);
  assert.deepEqual(parseCsv('a,\n'), [['a', '']]);
});

test('reports broken quoting with the row number', () => {
  assert.throws(
    () => parseCsv('a,b\n"open,c\n'),
    (e: unknown) => e instanceof CsvSyntaxError && e.row === 2,
  );
  assert.throws(
    () => parseCsv('a,b\nx"y,c\n'),
    (e: unknown) => e instanceof CsvSyntaxError && e.row === 2,
  );
  assert.throws(
    () => parseCsv('a,b\n"x"y,c\n'),
    (e: unknown) => e instanceof CsvSyntaxError && e.row === 2,
  );
});
