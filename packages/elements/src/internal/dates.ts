/**
 * Between the diary's days (`YYYY-MM-DD`, the user's local calendar) and the `Date`s that the
 * page's clock and `Intl` formatting use. Day arithmetic is `@moodiary/core`'s.
 */

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD` → a local Date at noon (safe from DST edges). */
export function parseDate(value: string): Date {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y!, (m ?? 1) - 1, d ?? 1, 12);
}

export function todayIso(): string {
  return isoDate(new Date());
}
