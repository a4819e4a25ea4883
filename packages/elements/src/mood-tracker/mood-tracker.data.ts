import {
  EMOTION_LABELS,
  addDays,
  daysBetween,
  entryValence,
  isEmotionLabel,
  type EmotionLabel,
} from '@moodiary/core';
import type { EntryStoreLike, MoodEntryLike } from '../internal/types.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Host-supplied entries split into those the tracker can show and the ids of those it cannot: a label
 * outside the six or a malformed date never reaches a class name, a key or a chart. A store's entries
 * pass unchanged (the store validated them).
 */
export function readableEntries(entries: readonly MoodEntryLike[]): {
  entries: readonly MoodEntryLike[];
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

export interface DayInfo {
  readonly date: string;
  readonly entries: readonly MoodEntryLike[];
  readonly dominant: EmotionLabel;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

export interface Streak {
  current: number;
  longest: number;
}

/** Everything the tracker draws, indexed once per entries array. */
export class DiaryIndex {
  readonly days = new Map<string, DayInfo>();
  /** Sorted dates with entries. */
  readonly dates: string[];
  readonly count: number;

  constructor(entries: readonly MoodEntryLike[]) {
    const byDate = new Map<string, MoodEntryLike[]>();
    let count = 0;
    for (const entry of entries) {
      if (entry.deletedAt) continue;
      count++;
      const list = byDate.get(entry.localDate);
      if (list) list.push(entry);
      else byDate.set(entry.localDate, [entry]);
    }
    this.count = count;
    for (const [date, list] of byDate) {
      list.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
      const counts = new Map<EmotionLabel, number>();
      let sum = 0;
      let min = 1;
      let max = 0;
      let dominant: EmotionLabel = list[list.length - 1]!.label;
      let best = 0;
      for (const entry of list) {
        const n = (counts.get(entry.label) ?? 0) + 1;
        counts.set(entry.label, n);
        // Most frequent; ties go to the latest entry.
        if (n >= best) {
          best = n;
          dominant = entry.label;
        }
        const v = entryValence(entry);
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      this.days.set(date, { date, entries: list, dominant, mean: sum / list.length, min, max });
    }
    this.dates = [...byDate.keys()].sort();
  }

  /** Days with entries from `from` to `to` (inclusive), in order. */
  range(from: string, to: string): DayInfo[] {
    const out: DayInfo[] = [];
    // Binary search the start.
    let lo = 0;
    let hi = this.dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.dates[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.dates.length && this.dates[i]! <= to; i++)
      out.push(this.days.get(this.dates[i]!)!);
    return out;
  }

  /** Entries per label over a range. */
  distribution(from: string, to: string): { counts: Record<EmotionLabel, number>; total: number } {
    const counts = Object.fromEntries(EMOTION_LABELS.map((l) => [l, 0])) as Record<EmotionLabel, number>;
    let total = 0;
    for (const day of this.range(from, to))
      for (const entry of day.entries) {
        counts[entry.label]++;
        total++;
      }
    return { counts, total };
  }

  /** Mean valence and dominant label per weekday (0 = Sunday) over a range. */
  byWeekday(
    from: string,
    to: string,
  ): { weekday: number; mean: number | null; count: number; dominant: EmotionLabel | null }[] {
    const acc = Array.from({ length: 7 }, () => ({
      sum: 0,
      count: 0,
      labels: new Map<EmotionLabel, number>(),
    }));
    for (const day of this.range(from, to)) {
      const [y, m, d] = day.date.split('-').map(Number);
      const weekday = new Date(y!, m! - 1, d!).getDay();
      const a = acc[weekday]!;
      for (const entry of day.entries) {
        a.sum += entryValence(entry);
        a.count++;
        a.labels.set(entry.label, (a.labels.get(entry.label) ?? 0) + 1);
      }
    }
    return acc.map((a, weekday) => {
      let dominant: EmotionLabel | null = null;
      let best = 0;
      for (const [label, n] of a.labels)
        if (n > best) {
          best = n;
          dominant = label;
        }
      return { weekday, mean: a.count ? a.sum / a.count : null, count: a.count, dominant };
    });
  }

  /** Consecutive days with an entry ending today (or yesterday when today has none yet), and the longest run. */
  streak(today: string): Streak {
    let longest = 0;
    let run = 0;
    let prev: string | null = null;
    for (const date of this.dates) {
      if (date > today) break;
      run = prev !== null && daysBetween(prev, date) === 1 ? run + 1 : 1;
      if (run > longest) longest = run;
      prev = date;
    }
    let current = 0;
    let day = this.days.has(today) ? today : addDays(today, -1);
    while (this.days.has(day)) {
      current++;
      day = addDays(day, -1);
    }
    return { current, longest };
  }
}

/** A store that answers the tracker's questions itself (`@moodiary/store`'s `MoodStore` does). */
export type PeriodStore = EntryStoreLike &
  Required<Pick<EntryStoreLike, 'range' | 'moments' | 'streaks' | 'entriesPerDay' | 'search'>>;

export function readsByPeriod(store: EntryStoreLike): store is PeriodStore {
  return (['range', 'moments', 'streaks', 'entriesPerDay', 'search'] as const).every(
    (m) => typeof store[m] === 'function',
  );
}

/** Every entry of a period, page by page (a store without `moods`, or a day opened). */
export async function readEntries(
  store: PeriodStore,
  period: { from: string; to: string },
): Promise<MoodEntryLike[]> {
  const out: MoodEntryLike[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.range({ ...period, limit: 1000, ...(cursor ? { cursor } : {}) });
    out.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/**
 * What the tracker shows of a large diary, read without opening every entry: the period's moods
 * (or entries, for a store without `moods`), the four moments' entries whole, and the diary's count
 * and streaks. `whole`: the ids whose entries were read whole (the moments', or all).
 */
export async function readWindow(
  store: PeriodStore,
  period: { from: string; to: string },
  today: string,
): Promise<{ entries: MoodEntryLike[]; whole: Set<string> | null; count: number; streak: Streak }> {
  const [inPeriod, moments, streaks, perDay] = await Promise.all([
    store.moods ? store.moods(period) : readEntries(store, period),
    store.moments(today),
    store.streaks(today),
    store.entriesPerDay(), // small per-month rows: no entry is opened to count them
  ]);
  const count = Object.values(perDay).reduce((sum, n) => sum + n, 0);
  // The moments' entries are whole: they replace their moods.
  const byId = new Map(inPeriod.map((e) => [e.id, e]));
  const whole = store.moods ? new Set<string>() : null;
  for (const moment of Object.values(moments))
    for (const e of moment.entries) {
      byId.set(e.id, e);
      whole?.add(e.id);
    }
  return {
    entries: [...byId.values()],
    whole,
    count,
    streak: { current: streaks.current, longest: streaks.longest },
  };
}
