import { isEmotionLabel, monthOf, yearOf } from '@moodiary/core';
import type {
  EntryStore,
  MoodEntry,
  MoodStore,
  MoodSummary,
  PeriodSummary,
  WeekdaySummary,
} from '@moodiary/store';
import {
  momentDates,
  streaksOf,
  summarize,
  summarizePeriod,
  summarizeWeekdays,
} from '@moodiary/store/summaries';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Host-supplied entries split into those the tracker can show and the ids of those it cannot: a label
 * outside the six or a malformed date never reaches a class name, a key or a chart. A store's entries
 * pass unchanged (the store validated them).
 */
export function readableEntries(entries: readonly MoodEntry[]): {
  entries: readonly MoodEntry[];
  rejected: string[];
} {
  const rejected: string[] = [];
  for (const e of entries)
    if (!isEmotionLabel(e?.label) || typeof e.localDate !== 'string' || !ISO_DATE.test(e.localDate))
      rejected.push(String(e?.id));
  if (rejected.length === 0) return { entries, rejected };
  const bad = new Set(rejected);
  return { entries: entries.filter((e) => !bad.has(String(e?.id))), rejected };
}

export type MomentKey = 'today' | 'yesterday' | 'monthAgo' | 'yearAgo';

/** One of the four moments: its day, the store's summary of it and its entries whole, oldest first. */
export interface Moment {
  readonly date: string;
  readonly summary: MoodSummary;
  readonly entries: readonly MoodEntry[];
}

/**
 * Every figure the tracker shows, as `@moodiary/store` says it: the period's summary (each day's
 * colour and range, the mix), mood by weekday, the diary's streaks and count, and the four moments.
 */
export interface Figures {
  readonly period: PeriodSummary;
  readonly weekdays: readonly WeekdaySummary[];
  readonly streak: { readonly current: number; readonly longest: number };
  readonly count: number;
  readonly moments: Readonly<Record<MomentKey, Moment>>;
}

/** A store that answers the tracker's questions itself (`@moodiary/store`'s `MoodStore` does; a host's own may). */
export type PeriodStore = EntryStore &
  Pick<
    MoodStore,
    'range' | 'moments' | 'streaks' | 'count' | 'monthSummary' | 'yearSummary' | 'byWeekday' | 'search'
  >;

const PERIOD_METHODS = [
  'range',
  'moments',
  'streaks',
  'count',
  'monthSummary',
  'yearSummary',
  'byWeekday',
  'search',
] as const;

export function readsByPeriod(store: EntryStore): store is PeriodStore {
  return PERIOD_METHODS.every((m) => typeof (store as Partial<PeriodStore>)[m] === 'function');
}

const periodOf = (view: 'month' | 'year', anchor: string) =>
  view === 'year' ? yearOf(anchor) : monthOf(anchor);

/** Oldest first: how a day lists its entries. */
export const byTime = (a: MoodEntry, b: MoodEntry) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;

/** The figures of a store that answers them: nothing is folded here. */
export async function readFigures(
  store: PeriodStore,
  view: 'month' | 'year',
  anchor: string,
  today: string,
): Promise<Figures> {
  const [period, weekdays, streak, count, moments] = await Promise.all([
    view === 'year' ? store.yearSummary(anchor) : store.monthSummary(anchor),
    store.byWeekday(periodOf(view, anchor)),
    store.streaks(today),
    store.count(), // from small per-month rows: no entry is opened to count them
    store.moments(today),
  ]);
  const moment = ({ date, summary, entries }: Moment) => ({
    date,
    summary,
    entries: [...entries].sort(byTime),
  });
  return {
    period,
    weekdays,
    streak,
    count,
    moments: {
      today: moment(moments.today),
      yesterday: moment(moments.yesterday),
      monthAgo: moment(moments.monthAgo),
      yearAgo: moment(moments.yearAgo),
    },
  };
}

/**
 * The same figures of entries given whole (a host's `entries`, or a store with only `all()`): the
 * store's own summary rules (`@moodiary/store/summaries`), run over them.
 */
export function figuresOf(
  entries: readonly MoodEntry[],
  view: 'month' | 'year',
  anchor: string,
  today: string,
): Figures {
  const { from, to } = periodOf(view, anchor);
  const dates = momentDates(today);
  const momentOf = new Map(Object.entries(dates).map(([key, date]) => [date, key as MomentKey]));
  const byMoment: Record<MomentKey, MoodEntry[]> = {
    today: [],
    yesterday: [],
    monthAgo: [],
    yearAgo: [],
  };
  const live: MoodEntry[] = [];
  const inPeriod: MoodEntry[] = [];
  for (const e of entries) {
    if (e.deletedAt) continue;
    live.push(e);
    if (e.localDate >= from && e.localDate <= to) inPeriod.push(e);
    const key = momentOf.get(e.localDate);
    if (key) byMoment[key].push(e);
  }
  const moment = (key: MomentKey): Moment => ({
    date: dates[key],
    summary: summarize(byMoment[key], dates[key], dates[key]),
    entries: byMoment[key].sort(byTime),
  });
  return {
    period: summarizePeriod(inPeriod, view, from, to),
    weekdays: summarizeWeekdays(inPeriod, from, to),
    streak: streaksOf(
      live.map((e) => e.localDate),
      today,
    ),
    count: live.length,
    moments: {
      today: moment('today'),
      yesterday: moment('yesterday'),
      monthAgo: moment('monthAgo'),
      yearAgo: moment('yearAgo'),
    },
  };
}
