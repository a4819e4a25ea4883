import { MoodError, isMoodError } from '@moodiary/core';

/**
 * Stable codes of every error the store throws. Hosts branch on the code; the
 * message is for people and may change between versions.
 *
 * - `invalid-entry`: an entry failed validation (`details.field`, `details.reason`).
 * - `invalid-query`: a query's date, limit or cursor is malformed.
 * - `thumbnail-not-allowed`: an entry carries a photo but the store was not opted in.
 * - `not-found`: no entry (or profile) with that id (`details.id`).
 * - `duplicate-id`: `add()` with an id that already exists (`details.id`).
 * - `conflict`: the entry changed underneath an update (`details.id`).
 * - `storage-quota`: the browser refused to store more; nothing of the write was kept.
 *   `purge` (deletes only) still works on a full disk; moving to the trash
 *   (`delete`) is a small write and may not. Space a purge frees comes back
 *   when the browser compacts its files, which Chromium does later.
 * - `storage-unavailable`: IndexedDB cannot be used (private mode, disabled, broken).
 * - `timeout`: opening the database or a transaction took too long, even after retries.
 * - `blocked`: an upgrade waits for another tab holding an older version; ask to close it.
 * - `version`: another tab runs a newer version of the diary; this one must reload.
 * - `closed`: the store was closed by `close()`.
 * - `locked`: the profile was locked; unlock it again.
 * - `wrong-passphrase`: the passphrase does not open that profile; nothing changed.
 * - `weak-passphrase`: a new passphrase is too short or too easy to guess (`details.score`,
 *   `details.warning`, `details.suggestions`: see `passphraseStrength`); existing ones are never refused.
 * - `profile-exists`: a profile with that name already exists.
 * - `profile-deleted`: the profile was deleted (here or in another tab) while this
 *   store was open; nothing was written and the store locks itself.
 * - `corrupt-record`: a stored record could not be read (`details.id`).
 * - `import-invalid`: an import file or some of its rows are invalid (`details.errors`).
 * - `crypto-unavailable`: WebCrypto is missing (insecure context).
 */
export type StoreErrorCode =
  | 'invalid-entry'
  | 'invalid-query'
  | 'thumbnail-not-allowed'
  | 'not-found'
  | 'duplicate-id'
  | 'conflict'
  | 'storage-quota'
  | 'storage-unavailable'
  | 'timeout'
  | 'blocked'
  | 'version'
  | 'closed'
  | 'locked'
  | 'wrong-passphrase'
  | 'weak-passphrase'
  | 'profile-exists'
  | 'profile-deleted'
  | 'corrupt-record'
  | 'import-invalid'
  | 'crypto-unavailable';

/** Every error thrown by `@moodiary/store`. */
export class StoreError extends MoodError<StoreErrorCode> {
  override readonly name: string = 'StoreError';
}

/** True when `error` is a store error, optionally with the given code. */
export function isStoreError<C extends StoreErrorCode>(error: unknown, code?: C): error is StoreError {
  return isMoodError(error, code) && (error as MoodError).name === 'StoreError';
}

/** Maps a DOMException (or anything thrown by IndexedDB) to a StoreError. */
export function toStoreError(error: unknown, context: string): StoreError {
  if (isStoreError(error)) return error;
  const name = (error as { name?: string } | null)?.name ?? '';
  const raw = (error as { message?: string } | null)?.message ?? String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(raw))
    return new StoreError(
      'storage-quota',
      'The device is out of space for the diary, so this change was not saved. Free some space on the device (other files, apps or site data), then try again. Deleting diary entries for good still works on a full disk, but the browser may give that space back only later.',
      { cause: error, details: { context } },
    );
  if (name === 'VersionError')
    return new StoreError(
      'version',
      'A newer version of the diary is open in another tab. Reload this page to continue.',
      { cause: error, details: { context } },
    );
  return new StoreError(
    'storage-unavailable',
    `The diary storage failed while trying to ${context}: ${raw}`,
    {
      cause: error,
      details: { context, name },
    },
  );
}
