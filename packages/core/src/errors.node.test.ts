import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MoodError, isMoodError } from '@moodiary/core';

class StoreError extends MoodError<'storage-quota' | 'not-found'> {
  override readonly name = 'StoreError';
}

test('a MoodError carries a stable code, a message, details and its cause', () => {
  const cause = new RangeError('quota');
  const error = new StoreError('storage-quota', 'The diary is full.', { cause, details: { bytes: 12 } });
  assert.ok(error instanceof Error);
  assert.ok(error instanceof MoodError);
  assert.equal(error.code, 'storage-quota');
  assert.equal(error.message, 'The diary is full.');
  assert.equal(error.name, 'StoreError');
  assert.equal(error.cause, cause);
  assert.deepEqual(error.details, { bytes: 12 });
  assert.ok(Object.isFrozen(error.details));
  assert.match(String(error.stack), /StoreError: The diary is full\./);
});

test('toJSON gives plain data that survives structured cloning', () => {
  const error = new MoodError('bad-image', 'Not an image.', { details: { type: 'text/plain' } });
  const copy = structuredClone(error.toJSON());
  assert.deepEqual(copy, {
    name: 'MoodError',
    code: 'bad-image',
    message: 'Not an image.',
    details: { type: 'text/plain' },
  });
  assert.equal(JSON.parse(JSON.stringify(error)).code, 'bad-image');
});

test('isMoodError recognises Moodiary errors by code, and nothing else', () => {
  const error = new StoreError('not-found', 'No such entry.');
  assert.ok(isMoodError(error));
  assert.ok(isMoodError(error, 'not-found'));
  assert.ok(!isMoodError(error, 'storage-quota'));
  const systemError = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  for (const other of [
    systemError,
    new TypeError('x'),
    { code: 'not-found' },
    'not-found',
    null,
    undefined,
  ]) {
    assert.ok(!isMoodError(other), `should reject ${String(other)}`);
  }
});

test('isMoodError recognises an error from another copy of the class', () => {
  // A second bundle of @moodiary/core defines its own class; the shared brand still matches.
  const Other = new Function(
    'brand',
    `
    class MoodError extends Error { constructor(code, msg) { super(msg); this.code = code; } }
    Object.defineProperty(MoodError.prototype, brand, { value: true });
    return MoodError;`,
  )(Symbol.for('moodiary.error')) as new (code: string, msg: string) => Error;
  const foreign = new Other('no-face', 'No face found.');
  assert.ok(!(foreign instanceof MoodError));
  assert.ok(isMoodError(foreign, 'no-face'));
});
