import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEntry, validateEntry } from './entry.js';
import { isStoreError } from './errors.js';
import { makeEntry, probabilitiesFor } from './testing/fixtures.js';

const now = new Date('2026-03-31T03:00:00.000Z');
const code = (fn: () => unknown, expected: string, field?: string) =>
  assert.throws(
    fn,
    (e: unknown) => isStoreError(e, expected as never) && (field === undefined || e.details.field === field),
  );

test('createEntry normalises times to canonical UTC and derives the local date from the offset', () => {
  const e = createEntry({ label: 'happy', createdAt: '2026-01-01T08:30:00+09:00', utcOffset: 540 }, now);
  assert.equal(e.createdAt, '2025-12-31T23:30:00.000Z');
  assert.equal(e.localDate, '2026-01-01');
  assert.equal(e.updatedAt, now.toISOString());
  const at = createEntry({ label: 'sad', createdAt: new Date('2026-02-01T00:00:00Z'), utcOffset: -300 }, now);
  assert.equal(at.localDate, '2026-01-31');
});

test('validateEntry returns a clean copy with a fixed field order and no absent fields', () => {
  const input = { ...makeEntry('2026-01-01', 9), note: 'x', thumbnail: undefined };
  const out = validateEntry(input);
  assert.notEqual(out, input);
  assert.deepEqual(Object.keys(out), [
    'id',
    'createdAt',
    'utcOffset',
    'localDate',
    'source',
    'label',
    'confidence',
    'note',
    'tags',
    'songs',
    'updatedAt',
  ]);
});

test('times must be canonical UTC so that their order is their string order', () => {
  const e = makeEntry('2026-01-01', 9);
  code(() => validateEntry({ ...e, createdAt: '2026-01-01T00:00:00Z' }), 'invalid-entry', 'createdAt');
  code(
    () => validateEntry({ ...e, createdAt: '2026-01-01T09:00:00.000+09:00' }),
    'invalid-entry',
    'createdAt',
  );
  code(() => validateEntry({ ...e, updatedAt: '2026-02-30T00:00:00.000Z' }), 'invalid-entry', 'updatedAt');
  code(() => validateEntry({ ...e, deletedAt: 'yesterday' }), 'invalid-entry', 'deletedAt');
});

test('face entries need probabilities and a model; manual ones must not have them', () => {
  const e = makeEntry('2026-01-01', 9);
  code(() => validateEntry({ ...e, source: 'face' }), 'invalid-entry', 'probabilities');
  code(
    () => validateEntry({ ...e, source: 'face', probabilities: probabilitiesFor('sad') }),
    'invalid-entry',
    'modelVersion',
  );
  code(() => validateEntry({ ...e, modelVersion: 'x' }), 'invalid-entry', 'modelVersion');
  const p = { ...probabilitiesFor('sad'), bored: 0 };
  code(
    () => validateEntry({ ...e, source: 'face', modelVersion: 'm', probabilities: p }),
    'invalid-entry',
    'probabilities',
  );
  code(() => validateEntry({ ...e, thumbnail: 'data:image/png;base64,AA==' }), 'thumbnail-not-allowed');
  assert.equal(
    validateEntry({ ...e, thumbnail: 'data:image/png;base64,AA==' }, { allowThumbnails: true }).thumbnail,
    'data:image/png;base64,AA==',
  );
  code(() => validateEntry(null), 'invalid-entry', 'value');
  code(() => validateEntry({ ...e, id: ' padded ' }), 'invalid-entry', 'id');
});
