import { MoodError, isMoodError } from '@moodiary/core';

/**
 * Stable codes of the errors `@moodiary/store/sync` reports (thrown by the account calls,
 * and sent as `{ type: 'error' }` events by a running sync). Store errors (`weak-passphrase`,
 * `profile-exists`…) pass through as `StoreError`s.
 *
 * - `network`: the server cannot be reached (offline, DNS, TLS); a running sync retries with back-off.
 * - `server`: the server failed (5xx); retried with back-off.
 * - `too-many-requests`: the server throttles this account or address (`details.retryAfterSeconds`).
 * - `unauthorized`: the session ended (logged out everywhere, expired, account deleted): log in again.
 * - `bad-credentials`: wrong username or passphrase at log-in.
 * - `username-taken`: sign-up with a name that exists.
 * - `rejected`: the server refused a request or an entry (`details.code`, `details.id`).
 * - `insecure-server`: the server asks for a weaker key derivation than the client accepts.
 * - `bad-key`: the diary key from the server does not open with this passphrase.
 * - `corrupt-entry`: an entry from the server does not decrypt (tampered or damaged); skipped (`details.id`).
 * - `not-connected`: the profile is not linked to a server, or the link was closed.
 */
export type SyncErrorCode =
  | 'network'
  | 'server'
  | 'too-many-requests'
  | 'unauthorized'
  | 'bad-credentials'
  | 'username-taken'
  | 'rejected'
  | 'insecure-server'
  | 'bad-key'
  | 'corrupt-entry'
  | 'not-connected';

export class SyncError extends MoodError<SyncErrorCode> {
  override readonly name: string = 'SyncError';
}

/** True when `error` is a sync error, optionally with the given code. */
export function isSyncError<C extends SyncErrorCode>(error: unknown, code?: C): error is SyncError {
  return isMoodError(error, code) && (error as MoodError).name === 'SyncError';
}
