import {
  EMOTION_LABELS,
  EMOTION_VALENCE,
  addDays,
  addMonths,
  daysBetween,
  eachDay,
  entryValence,
  foldText,
  monthOf,
  weekdayOf,
  type EmotionLabel,
  type ValenceInput,
} from '@moodiary/core';
import type {
  Distribution,
  Moments,
  MoodEntry,
  MoodSummary,
  PeriodSummary,
  Streaks,
  WeekdaySummary,
} from './types.js';

/**
 * How pleasant each label is, 0 (very unpleasant) – 1 (very pleasant): anchors
 * for the diary's "mean valence". They follow published valence ratings of
 * the emotion words (pleasantness on a 1–9 scale, rescaled to 0–1), so that
 * happy sits near the top, sad and angry near the bottom and neutral a little
 * above the middle.
 *
 * An entry's valence is `entryValence` of `@moodiary/core`: the chosen label's
 * anchor for `manual` and `corrected` entries, else the expected valence under
 * the model's probabilities.
 */
export const VALENCE: Readonly<Record<EmotionLabel, number>> = EMOTION_VALENCE;

/** The valence of one entry, see `VALENCE`: the one rule of `@moodiary/core`. */
export { entryValence };

/**
 * What summaries read of an entry (search digests hold just this). A host's own entries fit too:
 * without `confidence` an entry weighs nothing in a tie (see `MoodSummary.dominant`).
 */
export type Summarized = ValenceInput &
  Pick<MoodEntry, 'localDate'> & { readonly confidence?: number; readonly deletedAt?: string | undefined };

function emptyCounts(): Record<EmotionLabel, number> {
  return { happy: 0, angry: 0, sad: 0, anxious: 0, neutral: 0, embarrassed: 0 };
}

/** Running aggregate of entries; `finish()` gives the summary. */
class Accumulator {
  count = 0;
  valence = 0;
  min = 1;
  max = 0;
  readonly counts = emptyCounts();
  readonly confidence = emptyCounts();
  readonly days = new Set<string>();

  push(entry: Summarized): void {
    const valence = entryValence(entry);
    this.count += 1;
    this.valence += valence;
    if (valence < this.min) this.min = valence;
    if (valence > this.max) this.max = valence;
    this.counts[entry.label] += 1;
    this.confidence[entry.label] += entry.confidence ?? 0;
    this.days.add(entry.localDate);
  }

  finish(from: string, to: string): MoodSummary {
    let dominant: EmotionLabel | null = null;
    for (const label of EMOTION_LABELS) {
      if (this.counts[label] === 0) continue;
      if (
        dominant === null ||
        this.counts[label] > this.counts[dominant] ||
        (this.counts[label] === this.counts[dominant] && this.confidence[label] > this.confidence[dominant])
      )
        dominant = label;
    }
    return {
      from,
      to,
      count: this.count,
      days: this.days.size,
      dominant,
      meanValence: this.count === 0 ? null : this.valence / this.count,
      minValence: this.count === 0 ? null : this.min,
      maxValence: this.count === 0 ? null : this.max,
      distribution: { ...this.counts },
    };
  }
}

/** Summary of the given entries over `from`–`to` (entries outside are ignored; deleted ones too). */
export function summarize(entries: Iterable<Summarized>, from: string, to: string): MoodSummary {
  const acc = new Accumulator();
  for (const e of entries) if (!e.deletedAt && e.localDate >= from && e.localDate <= to) acc.push(e);
  return acc.finish(from, to);
}

/**
 * A period's summary with one summary per day (and per month for a year), from
 * one pass over the period's entries.
 */
export function summarizePeriod(
  entries: Iterable<Summarized>,
  period: PeriodSummary['period'],
  from: string,
  to: string,
): PeriodSummary {
  const total = new Accumulator();
  const byDay = new Map<string, Accumulator>();
  const byMonth = new Map<string, Accumulator>();
  for (const e of entries) {
    if (e.deletedAt || e.localDate < from || e.localDate > to) continue;
    total.push(e);
    let day = byDay.get(e.localDate);
    if (!day) byDay.set(e.localDate, (day = new Accumulator()));
    day.push(e);
    if (period === 'year') {
      const key = e.localDate.slice(0, 7);
      let month = byMonth.get(key);
      if (!month) byMonth.set(key, (month = new Accumulator()));
      month.push(e);
    }
  }
  const empty = new Accumulator();
  const summary: PeriodSummary = {
    period,
    ...total.finish(from, to),
    byDay: eachDay(from, to).map((d) => (byDay.get(d) ?? empty).finish(d, d)),
  };
  if (period === 'year') {
    summary.byMonth = [];
    for (let m = 1; m <= 12; m++) {
      const { from: mf, to: mt } = monthOf(`${from.slice(0, 4)}-${String(m).padStart(2, '0')}-01`);
      summary.byMonth.push((byMonth.get(mf.slice(0, 7)) ?? empty).finish(mf, mt));
    }
  }
  return summary;
}

/** Mood by weekday, Sunday (0) to Saturday (6). */
export function summarizeWeekdays(entries: Iterable<Summarized>, from: string, to: string): WeekdaySummary[] {
  const accs = Array.from({ length: 7 }, () => new Accumulator());
  for (const e of entries) if (!e.deletedAt) accs[weekdayOf(e.localDate)]!.push(e);
  return accs.map((acc, weekday) => ({ weekday, ...acc.finish(from, to) }));
}

export function distributionOf(
  entries: Iterable<Summarized>,
  from: string | null,
  to: string | null,
): Distribution {
  const counts = emptyCounts();
  let total = 0;
  for (const e of entries) {
    if (e.deletedAt) continue;
    counts[e.label] += 1;
    total += 1;
  }
  const shares = emptyCounts();
  if (total > 0) for (const label of EMOTION_LABELS) shares[label] = counts[label] / total;
  return { from, to, total, counts, shares };
}

/** Streaks from the set of days that have an entry. */
export function streaksOf(days: Iterable<string>, today: string): Streaks {
  const sorted = [...new Set(days)].sort();
  let longest = 0;
  let longestFrom: string | null = null;
  let longestTo: string | null = null;
  let runStart: string | null = null;
  let prev: string | null = null;
  for (const day of sorted) {
    if (day > today) break;
    if (prev === null || daysBetween(prev, day) !== 1) runStart = day;
    const length = daysBetween(runStart!, day) + 1;
    if (length > longest) {
      longest = length;
      longestFrom = runStart;
      longestTo = day;
    }
    prev = day;
  }
  const set = new Set(sorted);
  let end = set.has(today) ? today : set.has(addDays(today, -1)) ? addDays(today, -1) : null;
  let current = 0;
  let currentFrom: string | null = null;
  while (end !== null && set.has(end)) {
    current += 1;
    currentFrom = end;
    end = addDays(end, -1);
  }
  return {
    current,
    currentFrom,
    longest,
    longestFrom,
    longestTo,
    totalDays: sorted.filter((d) => d <= today).length,
  };
}

/** The days `moments()` shows: today, yesterday, the same day a month ago and a year ago. */
export function momentDates(today: string): Record<keyof Moments, string> {
  return {
    today,
    yesterday: addDays(today, -1),
    monthAgo: addMonths(today, -1),
    yearAgo: addMonths(today, -12),
  };
}

/** Lower-cases and strips accents and width differences, for search: `@moodiary/core`'s rule. */
export { foldText };

/**
 * A `#word` in a note: `#` then letters, marks, digits or `_` (any script: `#산책`, `#café`). The one
 * rule for tags typed in a note; `tagsOf` joins them to the entry's own tags.
 */
const NOTE_TAG = /(?:^|[^\p{L}\p{M}\p{N}_&])#([\p{L}\p{M}\p{N}_]+)/gu;

/** The `#words` of a note, each once, without the `#`, in the order written. */
export function noteTags(note: string | undefined): string[] {
  const out: string[] = [];
  if (!note) return out;
  for (const m of note.matchAll(NOTE_TAG)) if (!out.includes(m[1]!)) out.push(m[1]!);
  return out;
}

/** An entry's tags: its own, then the `#words` of its note, each once (compared as search folds them). */
export function tagsOf(entry: { readonly tags?: readonly string[]; readonly note?: string }): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tag of [...(entry.tags ?? []), ...noteTags(entry.note)]) {
    const key = foldText(tag);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** How mood goes with one tag over a period: days are compared, each by its mean valence. */
export interface TagInsight {
  /** The tag as first written in the period. */
  readonly tag: string;
  /** Days with an entry carrying the tag, and the entries that do. */
  readonly daysWith: number;
  readonly entriesWith: number;
  /** Days with entries but none carrying the tag. */
  readonly daysWithout: number;
  /** Mean of the days' mean valence, with and without the tag; `null` when that side has fewer than `minDays` days. */
  readonly meanWith: number | null;
  readonly meanWithout: number | null;
}

/** What `tagInsights` reads of an entry. */
export type Tagged = Summarized & { readonly tags?: readonly string[]; readonly note?: string };

/**
 * Mean pleasantness on days with each tag against days without it, over `from`–`to` (deleted entries
 * left out). Tags in notes count (`tagsOf`). A side with fewer than `minDays` days gets no mean: too few
 * to say. Most-used tags first, then by name.
 */
export function tagInsights(entries: Iterable<Tagged>, from: string, to: string, minDays = 3): TagInsight[] {
  const dayValence = new Map<string, { sum: number; n: number }>();
  const tags = new Map<string, { tag: string; days: Set<string>; entries: number }>();
  for (const e of entries) {
    if (e.deletedAt || e.localDate < from || e.localDate > to) continue;
    const v = entryValence(e);
    const day = dayValence.get(e.localDate);
    if (day) {
      day.sum += v;
      day.n += 1;
    } else dayValence.set(e.localDate, { sum: v, n: 1 });
    for (const tag of tagsOf(e)) {
      const key = foldText(tag);
      let t = tags.get(key);
      if (!t) tags.set(key, (t = { tag, days: new Set(), entries: 0 }));
      t.days.add(e.localDate);
      t.entries += 1;
    }
  }
  let allSum = 0;
  for (const { sum, n } of dayValence.values()) allSum += sum / n;
  const out: TagInsight[] = [];
  for (const t of tags.values()) {
    let withSum = 0;
    for (const d of t.days) {
      const { sum, n } = dayValence.get(d)!;
      withSum += sum / n;
    }
    const daysWith = t.days.size;
    const daysWithout = dayValence.size - daysWith;
    out.push({
      tag: t.tag,
      daysWith,
      entriesWith: t.entries,
      daysWithout,
      meanWith: daysWith >= minDays ? withSum / daysWith : null,
      meanWithout: daysWithout >= minDays ? (allSum - withSum) / daysWithout : null,
    });
  }
  return out.sort(
    (a, b) =>
      b.daysWith - a.daysWith ||
      b.entriesWith - a.entriesWith ||
      (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0),
  );
}
