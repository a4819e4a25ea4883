// What search reads: one sealed row a year holding the ids, days and folded words of the
// year's live entries in date order. Built from the month digests, checked against the
// year's calendar rows (any write anywhere changes them), and found newest first.
import { within, type MonthCalendar } from './backend.js';

/** 1: ids, days and texts, index by index, in date order. */
export const YEAR_TEXT_VERSION = 1;

export interface YearText {
  v: typeof YEAR_TEXT_VERSION;
  /** The year's calendar signature when it was made (`yearSignature`). */
  sig: string;
  ids: string[];
  days: string[];
  texts: string[];
}

/** Names the versions of a year's live entries: its months' calendar signatures, in order. */
export function yearSignature(calendar: readonly MonthCalendar[], year: string): string {
  return calendar
    .filter((m) => m.month.startsWith(`${year}-`))
    .map((m) => `${m.month}=${m.sig.n}:${m.sig.a}:${m.sig.b}`)
    .join(',');
}

/** A year's text from its months' entries (each month in date order, oldest month first). */
export function yearTextOf(
  sig: string,
  months: readonly { entries: readonly { id: string; localDate: string; text: string }[] }[],
): YearText {
  const out: YearText = { v: YEAR_TEXT_VERSION, sig, ids: [], days: [], texts: [] };
  for (const { entries } of months)
    for (const e of entries) {
      out.ids.push(e.id);
      out.days.push(e.localDate);
      out.texts.push(e.text);
    }
  return out;
}

export function isYearText(value: unknown, sig: string): value is YearText {
  const y = value as YearText | undefined;
  return (
    y?.v === YEAR_TEXT_VERSION &&
    y.sig === sig &&
    Array.isArray(y.ids) &&
    Array.isArray(y.days) &&
    Array.isArray(y.texts) &&
    y.ids.length === y.days.length &&
    y.ids.length === y.texts.length
  );
}

/**
 * Adds to `found` the ids of a year's entries, newest first, whose text holds every term
 * and whose day lies within the bounds, until `found` holds `limit`.
 */
export function findInYear(
  year: YearText,
  terms: readonly string[],
  bounds: { from?: string | undefined; to?: string | undefined },
  limit: number,
  found: string[],
): void {
  for (let i = year.ids.length - 1; i >= 0 && found.length < limit; i--) {
    const text = year.texts[i]!;
    if (terms.every((t) => text.includes(t)) && within(year.days[i]!, bounds.from, bounds.to))
      found.push(year.ids[i]!);
  }
}
