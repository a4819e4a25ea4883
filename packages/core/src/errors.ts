/** Marks Moodiary errors so they are recognised across bundles and realms. */
const BRAND = Symbol.for('moodiary.error');

/**
 * Base of every error Moodiary throws. `code` is stable across versions, so hosts
 * branch on it; `message` is for people and may change.
 *
 * @example
 * try { await detector.estimate(file) } catch (e) {
 *   if (isMoodError(e, 'bad-image')) showHint(e.message);
 * }
 */
export class MoodError<Code extends string = string> extends Error {
  override readonly name: string = 'MoodError';
  readonly code: Code;
  /** Plain data that helps a host explain or log the failure (a URL, a row number…). */
  readonly details: Readonly<Record<string, unknown>>;
  declare readonly [BRAND]: true;

  constructor(
    code: Code,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = Object.freeze({ ...options.details });
  }

  /** A plain object safe to post to a worker, store or log. */
  toJSON(): { name: string; code: Code; message: string; details: Record<string, unknown> } {
    return { name: this.name, code: this.code, message: this.message, details: { ...this.details } };
  }
}

Object.defineProperty(MoodError.prototype, BRAND, { value: true });

/**
 * True when `error` is a MoodError, optionally with the given code. Works across
 * duplicated bundles, where `instanceof` would not, through a shared brand.
 */
export function isMoodError<Code extends string>(error: unknown, code?: Code): error is MoodError<Code> {
  if (typeof error !== 'object' || error === null || (error as { [BRAND]?: unknown })[BRAND] !== true)
    return false;
  return code === undefined || (error as MoodError).code === code;
}
