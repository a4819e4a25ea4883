import type { EntryStore, MoodEntry, MoodStore } from '@moodiary/store';
import type { DaySong, SongPreferences, SongTitle } from '@moodiary/songs';
import { eachDay } from '@moodiary/core';
import { songsSdk } from './defaults.js';

/**
 * The song of each day, as the tracker's cards and day dialog, its playlist and the diary's
 * Today recap show it: one place reads the liked and hidden songs and the moods around each day,
 * then asks `@moodiary/songs`' `songsOfDays`.
 */

/** A store that keeps per-profile settings (`@moodiary/store`'s does): where liked and hidden songs live. */
export type SettingsStore = EntryStore & Pick<MoodStore, 'settings' | 'setSetting'>;

export function keepsSettings(store: EntryStore | null): store is SettingsStore {
  const s = store as Partial<SettingsStore> | null;
  return typeof s?.settings === 'function' && typeof s.setSetting === 'function';
}

/** A store whose entries can be read by period, page by page (`@moodiary/store`'s can; a host's may). */
type RangeStore = EntryStore & Pick<MoodStore, 'range'>;

const readsRanges = (store: EntryStore | null): store is RangeStore =>
  typeof (store as Partial<RangeStore> | null)?.range === 'function';

/** Every entry of a period, page by page. */
export async function readEntries(
  store: RangeStore,
  period: { from: string; to: string },
): Promise<MoodEntry[]> {
  const out: MoodEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.range({ ...period, limit: 1000, ...(cursor ? { cursor } : {}) });
    out.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** What a day's song reads of an entry: its mood, and the songs kept with it (when read whole). */
type DayMoodEntry = Pick<MoodEntry, 'label' | 'probabilities' | 'source' | 'createdAt'> &
  Partial<Pick<MoodEntry, 'songs'>>;

/**
 * Each day's entries over some periods, as the song of a day reads them: from the store's `moods()`
 * where it has them (month digests: no entry is opened), else its entries by period; or from the
 * entries given whole (a host's, or a store with only `all()`).
 */
async function readDayMoods(
  store: EntryStore | null,
  given: readonly MoodEntry[],
  periods: readonly { from: string; to: string }[],
): Promise<Map<string, DayMoodEntry[]>> {
  const byDay = new Map<string, DayMoodEntry[]>();
  const add = (e: DayMoodEntry & { localDate: string }) => {
    const list = byDay.get(e.localDate);
    if (list) list.push(e);
    else byDay.set(e.localDate, [e]);
  };
  const unique = [...new Map(periods.map((p) => [`${p.from}|${p.to}`, p])).values()];
  if (!store || !readsRanges(store)) {
    for (const e of given)
      if (!e.deletedAt && unique.some((p) => e.localDate >= p.from && e.localDate <= p.to)) add(e);
    return byDay;
  }
  const moods = (store as Partial<Pick<MoodStore, 'moods'>>).moods;
  const read = await Promise.all(unique.map((p) => (moods ? moods.call(store, p) : readEntries(store, p))));
  const seen = new Set<string>();
  for (const list of read)
    for (const e of list) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      add(e as DayMoodEntry & { localDate: string });
    }
  return byDay;
}

/** The liked and hidden songs kept in a store's profile setting (none for a store without settings). */
export async function readSongPreferences(store: EntryStore | null): Promise<SongPreferences> {
  const [sdk, settings] = await Promise.all([songsSdk(), keepsSettings(store) ? store.settings() : {}]);
  return sdk.readSongPreferences((settings as Record<string, unknown>)[sdk.SONG_PREFERENCES_SETTING]);
}

/** How every day's song is picked: the same on the cards, in a day, in the playlist and in the recap. */
export interface DaySongChoice {
  /** Part of each song's seed: the store's profile id ('' for entries given whole). */
  readonly profile: string;
  readonly preferences: SongPreferences;
  readonly language: string;
  /** A host's catalogue (used when it is a validated one); default `@moodiary/songs`' own. */
  readonly catalogue?: readonly SongTitle[] | null;
}

/**
 * The song of each day shown: of `days` (some dates), or of every day of a period that has entries
 * (a playlist). It reads the moods of the days around each (its song window), with the days in
 * `whole` read whole (the songs kept with their entries count). `store` is one that reads by period;
 * `null` reads the entries `given`.
 */
export async function songsOfShownDays(
  store: EntryStore | null,
  given: readonly MoodEntry[],
  days: readonly string[] | { readonly from: string; readonly to: string },
  whole: ReadonlyMap<string, readonly MoodEntry[]>,
  choice: DaySongChoice,
): Promise<Map<string, DaySong>> {
  const sdk = await songsSdk();
  const period = 'from' in days ? days : null;
  const windows = period
    ? [{ from: sdk.daySongWindow(period.from).from, to: period.to }]
    : (days as readonly string[]).map((d) => sdk.daySongWindow(d));
  const around = await readDayMoods(store, given, windows);
  for (const [date, entries] of whole) around.set(date, [...entries]);
  const dates = period
    ? eachDay(period.from, period.to).filter((d) => around.has(d))
    : (days as readonly string[]);
  const catalogue =
    choice.catalogue && sdk.isValidatedCatalogue(choice.catalogue) ? choice.catalogue : undefined;
  return sdk.songsOfDays(around, dates, {
    profile: choice.profile,
    preferences: choice.preferences,
    language: choice.language === 'ko' ? ['ko', 'en'] : ['en', 'ko'],
    ...(catalogue ? { catalogue } : {}),
  });
}
