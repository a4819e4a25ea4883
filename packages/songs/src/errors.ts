import { MoodError } from '@moodiary/core';

/**
 * Stable codes of {@link SongsError}. Hosts branch on these; messages may change.
 *
 * - `invalid-csv`: the text is not well-formed CSV (an unclosed quote, a missing header).
 * - `invalid-catalogue`: a song misses a field or holds a value of the wrong type or out of range.
 * - `duplicate-id`: two songs share one id.
 * - `invalid-probabilities`: the emotion probabilities are not six non-negative numbers with a positive sum.
 * - `invalid-options`: a matcher option is out of range or of the wrong type.
 */
export type SongsErrorCode =
  'invalid-csv' | 'invalid-catalogue' | 'duplicate-id' | 'invalid-probabilities' | 'invalid-options';

/**
 * The error every `@moodiary/songs` function throws. `details` names where the problem is:
 * `field`, and `index` (position in a JSON array, from 0) or `line` (line in a CSV file, from 1),
 * plus the offending `value` where there is one.
 *
 * @example
 * try { parseCatalogueCsv(text) } catch (e) {
 *   if (isMoodError(e, 'invalid-catalogue')) console.warn(e.details.line, e.details.field);
 * }
 */
export class SongsError extends MoodError<SongsErrorCode> {
  override readonly name: string = 'SongsError';
}
