// Calendar arithmetic on local dates written `YYYY-MM-DD`. A local date names a
// day of the user's calendar, not an instant, so all arithmetic runs in UTC
// where every day has 24 hours.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar day written `YYYY-MM-DD` (years 1000–9999). */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The local date of an instant for a UTC offset in minutes east of UTC. */
export function localDateOf(instant: Date, utcOffset: number): string {
  return fromUtc(new Date(instant.getTime() + utcOffset * 60_000));
}

/** The local date and UTC offset of an instant in this device's time zone. */
export function deviceLocal(instant: Date): { localDate: string; utcOffset: number } {
  const utcOffset = -instant.getTimezoneOffset() || 0;
  return { localDate: localDateOf(instant, utcOffset), utcOffset };
}

export function addDays(date: string, days: number): string {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** Adds months, clamping to the last day (Mar 31 − 1 month = Feb 28 or 29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return toUtc(date).getUTCDay();
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / DAY_MS);
}

/** The week containing `date`, starting on `weekStartsOn` (0 Sunday, 1 Monday). */
export function weekOf(date: string, weekStartsOn: number): { from: string; to: string } {
  const back = (weekdayOf(date) - weekStartsOn + 7) % 7;
  const from = addDays(date, -back);
  return { from, to: addDays(from, 6) };
}

export function monthOf(date: string): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const prefix = date.slice(0, 7);
  return { from: `${prefix}-01`, to: `${prefix}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

export function yearOf(date: string): { from: string; to: string } {
  const y = date.slice(0, 4);
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** Every day from `from` to `to`, inclusive. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = toUtc(from).getTime(), end = toUtc(to).getTime(); t <= end; t += DAY_MS)
    out.push(fromUtc(new Date(t)));
  return out;
}
