import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStoreError } from './errors.js';
import { readCsvExport, readJsonExport, toCsv, toJsonExport } from './exchange.js';
import { makeDiary, makeEntry } from './testing/fixtures.js';

test('JSON export is versioned and round-trips exactly', () => {
  const entries = makeDiary(30);
  const text = toJsonExport(entries, new Date('2026-01-01T00:00:00Z'));
  const doc = JSON.parse(text);
  assert.equal(doc.format, 'moodiary-diary');
  assert.equal(doc.version, 1);
  assert.equal(doc.count, 30);
  assert.deepEqual(readJsonExport(text), entries);
});

test('CSV export opens in Excel: BOM, CRLF, Korean names, formulas neutralised', () => {
  const csv = toCsv([makeEntry('2026-01-01', 9, { label: 'happy', note: '=HYPERLINK("x")' })]);
  assert.ok(csv.startsWith('\uFEFFid,local_date,'));
  assert.ok(csv.includes('\r\n'));
  assert.ok(csv.includes(',기쁨,Happy,'));
  assert.ok(csv.includes(`"'=HYPERLINK(""x"")"`));
  assert.deepEqual(readCsvExport(csv)[0]!.note, '=HYPERLINK("x")');
});

test('CSV round-trips exactly', () => {
  const entries = makeDiary(60);
  assert.deepEqual(readCsvExport(toCsv(entries)), entries);
});

test('import errors name every bad row (spreadsheet rows: header is row 1)', () => {
  const entries = makeDiary(5);
  const lines = toCsv(entries).split('\r\n');
  lines[2] = lines[2]!.replace(',manual,', ',by-hand,').replace(',face,', ',by-hand,');
  lines[4] = lines[4]!.replace(/^([^,]*),2016-01-0\d/, '$1,2016-02-31');
  try {
    readCsvExport(lines.join('\r\n'));
    assert.fail('should throw');
  } catch (error) {
    assert.ok(isStoreError(error, 'import-invalid'));
    const rows = (error.details.errors as { row: number; field?: string }[]).map((e) => [e.row, e.field]);
    assert.deepEqual(rows, [
      [3, 'source'],
      [5, 'localDate'],
    ]);
    assert.match(error.message, /2 rows .* nothing was imported\. Row 3/);
  }
});

test('duplicate ids inside one file are an error; missing columns and foreign JSON too', () => {
  const e = makeEntry('2026-01-01', 9);
  assert.throws(
    () => readJsonExport(toJsonExport([e, e])),
    (x: unknown) => isStoreError(x, 'import-invalid'),
  );
  assert.throws(
    () => readCsvExport('id,note\r\n1,x\r\n'),
    (x: unknown) => isStoreError(x, 'import-invalid'),
  );
  assert.throws(
    () => readJsonExport('{"entries":[]}'),
    (x: unknown) => isStoreError(x, 'import-invalid'),
  );
  assert.throws(
    () => readJsonExport('not json'),
    (x: unknown) => isStoreError(x, 'import-invalid'),
  );
  assert.throws(
    () => readJsonExport(JSON.stringify({ format: 'moodiary-diary', version: 99, entries: [] })),
    (x: unknown) => isStoreError(x, 'import-invalid') && /newer/.test(x.message),
  );
});
