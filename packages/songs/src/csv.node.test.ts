import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMoodError } from '@moodiary/core';
import { parseCsv, requireColumns } from './csv.js';

test('parseCsv reads quoted fields, escaped quotes, CRLF, a BOM, and skips blank lines', () => {
  const table = parseCsv('\uFEFFa, b ,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,,\n');
  assert.deepEqual(table.header, ['a', 'b', 'c']);
  assert.deepEqual(table.records, [
    { line: 2, cells: { a: '1', b: 'x, y', c: 'say "hi"' } },
    { line: 4, cells: { a: '2', b: '', c: '' } },
  ]);
});

test('parseCsv counts lines inside quoted fields and fills short rows with empty cells', () => {
  const table = parseCsv('a,b\n"multi\nline",1\n3\n');
  assert.deepEqual(table.records, [
    { line: 2, cells: { a: 'multi\nline', b: '1' } },
    { line: 4, cells: { a: '3', b: '' } },
  ]);
});

test('parseCsv rejects an unclosed quote, too many cells, a bad header and empty text with invalid-csv', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['a,b\n1,2\n"open,3', { line: 3 }],
    ['a,b\n1,2,3', { line: 2 }],
    ['a,a\n1,2', { line: 1, field: 'a' }],
    ['a,,c\n1,2,3', { line: 1 }],
    ['', {}],
  ];
  for (const [text, details] of cases) {
    assert.throws(
      () => parseCsv(text),
      (error: unknown) => {
        assert.ok(isMoodError(error, 'invalid-csv'), String(error));
        for (const [key, value] of Object.entries(details)) assert.equal(error.details?.[key], value);
        return true;
      },
      text,
    );
  }
});

test('requireColumns names the first missing column and what was found', () => {
  const table = parseCsv('x,y\n1,2');
  assert.doesNotThrow(() => requireColumns(table, ['x', 'y'], 'Test'));
  assert.throws(
    () => requireColumns(table, ['x', 'z'], 'Test'),
    (error: unknown) =>
      isMoodError(error, 'invalid-csv') && error.details?.field === 'z' && /found x, y/.test(error.message),
  );
});
