import { addDays, daysBetween, type EmotionLabel, type EmotionProbabilities } from '@moodiary/core';
import { isValidatedCatalogue, validateCatalogue } from './catalogue.js';
import { DEFAULT_CATALOGUE } from './default-catalogue.js';
import { SongsError } from './errors.js';
import { songLinks } from './links.js';
import { matchSongs, type SongMatch } from './match.js';
import { meanProbabilities, moodTarget, topLabel } from './mood.js';
import { songReason } from './reasons.js';
import type { Catalogue, Song } from './types.js';

/** What the song of a day reads of a diary entry (`@moodiary/store`'s `MoodEntry` fits). */
export interface DayEntry {
  readonly label: EmotionLabel;
  /** The model's probabilities; read for `face` entries (and entries without a `source`). */
  readonly probabilities?: Partial<EmotionProbabilities> | undefined;
  readonly source?: string | undefined;
  /** Songs the user kept with the entry, as the store holds them. */
  readonly songs?: readonly { readonly id: string; readonly played?: boolean | undefined }[] | undefined;
  readonly createdAt?: string | undefined;
}

/**
 * The user's word on songs: liked ones are favoured (see `FAVOUR_BONUS`), hidden ones never picked.
 * Plain data: a diary keeps it as a profile setting named {@link SONG_PREFERENCES_SETTING}.
 */
export interface SongPreferences {
  readonly liked: readonly string[];
  readonly hidden: readonly string[];
}

/** The setting name a diary keeps {@link SongPreferences} under (`store.setSetting(name, value)`). */
export const SONG_PREFERENCES_SETTING = 'songs.preferences';

/** At most this many liked and hidden ids each (the newest kept): a store's setting holds 64 KiB. */
export const MAX_SONG_PREFERENCES = 500;

/** Days before a day whose songs it leaves out, so a run of alike days still hears different songs. */
export const RECENT_DAYS = 7;

const idsOf = (value: unknown): string[] => {
  if (!Array.isArray(value)) return [];
  const ids = [
    ...new Set(
      value.filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 128),
    ),
  ];
  return ids.slice(-MAX_SONG_PREFERENCES);
};

/**
 * Song preferences from a stored setting. Forgiving on purpose: a setting from another version or
 * a hand-edited export reads as what it holds that makes sense (no preferences at worst), never as an error.
 */
export function readSongPreferences(value: unknown): SongPreferences {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const hidden = idsOf(v.hidden);
  const liked = idsOf(v.liked).filter((id) => !hidden.includes(id));
  return { liked, hidden };
}

/**
 * The preferences after the user liked, unliked, hid or unhid a song. Liking a song unhides it and
 * hiding one unlikes it: a song is never both.
 */
export function changeSongPreference(
  preferences: SongPreferences,
  id: string,
  change: 'like' | 'unlike' | 'hide' | 'unhide',
): SongPreferences {
  const liked = preferences.liked.filter((x) => x !== id);
  const hidden = preferences.hidden.filter((x) => x !== id);
  if (change === 'like') liked.push(id);
  if (change === 'hide') hidden.push(id);
  return readSongPreferences({ liked, hidden });
}

/**
 * A day's mood as six probabilities: the mean over its entries. A `face` entry counts its model's
 * probabilities; a `manual` or `corrected` one counts all of its weight on the label the user chose
 * (as the diary's valence does). `null` for a day without entries.
 */
export function dayProbabilities(entries: readonly DayEntry[]): EmotionProbabilities | null {
  if (entries.length === 0) return null;
  return meanProbabilities(
    entries.map((e) =>
      e.probabilities && (e.source === undefined || e.source === 'face') ? e.probabilities : { [e.label]: 1 },
    ),
  );
}

/** A day's song and why it is that one. */
export interface DaySong {
  readonly date: string;
  /** `kept`: the user kept it with an entry of the day; `matched`: picked for the day's mood. */
  readonly kind: 'kept' | 'matched';
  /** The song with its reason and play links (a kept song's reason is worded for the day's mood). */
  readonly match: SongMatch;
}

/** Options of {@link songsOfDays}. */
export interface DaySongOptions {
  /** Part of the seed: two profiles' alike days get different songs (e.g. the profile id). */
  readonly profile?: string;
  /** Default {@link DEFAULT_CATALOGUE}. */
  readonly catalogue?: Catalogue | readonly unknown[];
  /** Preferred language(s), as for `matchSongs`. */
  readonly language?: string | readonly string[];
  readonly preferences?: SongPreferences;
  /** Default {@link RECENT_DAYS}. */
  readonly recentDays?: number;
}

const byId = new WeakMap<Catalogue, ReadonlyMap<string, Song>>();
function songById(catalogue: Catalogue, id: string): Song | undefined {
  let map = byId.get(catalogue);
  if (!map) byId.set(catalogue, (map = new Map(catalogue.map((s) => [s.id, s]))));
  return map.get(id);
}

/**
 * The song of each of `dates`: the song the user kept with an entry of that day (the latest entry's,
 * a played one first), else one matched to the day's mood ({@link dayProbabilities}).
 *
 * A matched song is stable: the same entries, preferences and options give the same song on every
 * call, seeded by the profile and the date. It leaves out hidden songs, favours liked ones, and
 * varies from day to day while depending only on the days around it (never on a chain back to the
 * diary's first entry). What a day leaves out is worked out from its neighbours' moods alone,
 * without likes (so liking today's song never moves it to an earlier day): a liked song may come
 * back on alike days; any other song does not repeat within a week.
 * - days fall in fixed blocks of four times `recentDays` (four weeks by default, counted from
 *   1970-01-01); within a block no matched song repeats (each day leaves out the matched songs of
 *   the block's days before it), as long as the catalogue has songs left near the mood;
 * - each day also leaves out the songs the `recentDays` before it are matched to on their own (their
 *   first pick), which keeps most repeats away across a block's edge too.
 *
 * Kept songs are the user's and are not left out of later days. So a date's song depends only on
 * the moods of the days {@link daySongWindow} names (`probabilities`, `label`, `source`: what a
 * store's `moods()` gives) and on the date's own entries' `songs`. Days without entries get no song.
 *
 * @param entriesOn each day's entries, by `YYYY-MM-DD`.
 * @throws {SongsError} `invalid-options`, `invalid-catalogue` (an unvalidated catalogue),
 *   `invalid-probabilities` (an entry's probabilities).
 */
export function songsOfDays(
  entriesOn: ReadonlyMap<string, readonly DayEntry[]>,
  dates: Iterable<string>,
  options: DaySongOptions = {},
): Map<string, DaySong> {
  const source = options.catalogue ?? DEFAULT_CATALOGUE;
  const catalogue = isValidatedCatalogue(source) ? source : validateCatalogue(source);
  const { liked, hidden } = options.preferences ?? { liked: [], hidden: [] };
  const recentDays = options.recentDays ?? RECENT_DAYS;
  if (!Number.isInteger(recentDays) || recentDays < 0 || recentDays > 366)
    throw new SongsError(
      'invalid-options',
      `recentDays must be a whole number from 0 to 366, got ${recentDays}.`,
      {
        details: { field: 'recentDays', value: recentDays },
      },
    );
  const moods = new Map<string, EmotionProbabilities | null>();
  const moodOf = (date: string) => {
    if (!moods.has(date)) moods.set(date, dayProbabilities(entriesOn.get(date) ?? []));
    return moods.get(date)!;
  };
  const seedOf = (date: string) => `day|${options.profile ?? ''}|${date}`;
  const pick = (
    date: string,
    exclude: Iterable<string>,
    favour: readonly string[] = [],
  ): SongMatch | undefined => {
    const p = moodOf(date);
    return p
      ? matchSongs(p, {
          count: 1,
          catalogue,
          seed: seedOf(date),
          exclude,
          favour,
          ...(options.language === undefined ? {} : { language: options.language }),
        }).songs[0]
      : undefined;
  };
  const firstPicks = new Map<string, string | undefined>();
  const firstPick = (date: string) => {
    if (!firstPicks.has(date)) firstPicks.set(date, pick(date, hidden)?.song.id);
    return firstPicks.get(date);
  };

  // Each day's song as the days after it see it: matched to its mood alone (kept and liked songs
  // aside), so a day depends on its neighbours' moods only (a summary holds those), and liking a
  // song does not move it to an earlier day of the block. `recentOf` is what a day leaves out.
  const matched = new Map<string, SongMatch | undefined>();
  const recents = new Map<string, Set<string>>();
  const recentOf = (date: string): Set<string> => {
    let recent = recents.get(date);
    if (recent) return recent;
    recent = new Set(hidden);
    const inBlock = recentDays ? daysBetween(EPOCH, date) % (recentDays * BLOCK_WEEKS) : 0;
    for (let k = 1; k <= Math.max(inBlock, recentDays); k++) {
      const before = addDays(date, -k);
      const id = k <= inBlock ? matchedOf(before)?.song.id : firstPick(before);
      if (id) recent.add(id);
    }
    recents.set(date, recent);
    return recent;
  };
  const matchedOf = (date: string): SongMatch | undefined => {
    if (matched.has(date)) return matched.get(date);
    // A catalogue too small to leave the recent songs out still gives the day a song.
    const match = moodOf(date) ? (pick(date, recentOf(date)) ?? pick(date, hidden)) : undefined;
    matched.set(date, match);
    return match;
  };

  const out = new Map<string, DaySong>();
  for (const date of dates) {
    const p = moodOf(date);
    if (!p) continue;
    const kept = keptSong(entriesOn.get(date) ?? [], catalogue, hidden);
    if (kept) {
      const target = moodTarget(p);
      const match: SongMatch = {
        song: kept,
        step: 0,
        waypoint: target,
        distance: Math.hypot(kept.valence - target.valence, kept.arousal - target.arousal),
        reason: songReason(kept, topLabel(p), 'match'),
        links: songLinks(kept),
      };
      out.set(date, { date, kind: 'kept', match });
      continue;
    }
    // What the day shows: the same pick with liked songs favoured.
    const match = liked.length
      ? (pick(date, recentOf(date), liked) ?? pick(date, hidden, liked))
      : matchedOf(date);
    if (match) out.set(date, { date, kind: 'matched', match });
  }
  return out;
}

/**
 * The days whose entries the song of `date` depends on ({@link songsOfDays}): from `recentDays`
 * before its block's start (what the block's first day leaves out) to the day itself.
 */
export function daySongWindow(date: string, recentDays = RECENT_DAYS): { from: string; to: string } {
  const inBlock = recentDays ? daysBetween(EPOCH, date) % (recentDays * BLOCK_WEEKS) : 0;
  return { from: addDays(date, -(inBlock + recentDays)), to: date };
}

const EPOCH = '1970-01-01';
/** Blocks are this many times `recentDays` long (four weeks by default). */
const BLOCK_WEEKS = 4;

/** The song kept with the day's latest entry that has one (a played one first), if the catalogue knows it. */
function keptSong(
  entries: readonly DayEntry[],
  catalogue: Catalogue,
  hidden: readonly string[],
): Song | undefined {
  const latestFirst = [...entries].sort((a, b) =>
    (a.createdAt ?? '') < (b.createdAt ?? '') ? 1 : (a.createdAt ?? '') > (b.createdAt ?? '') ? -1 : 0,
  );
  for (const entry of latestFirst) {
    const refs = [...(entry.songs ?? [])].sort(
      (a, b) => Number(Boolean(b.played)) - Number(Boolean(a.played)),
    );
    for (const ref of refs) {
      const song = hidden.includes(ref.id) ? undefined : songById(catalogue, ref.id);
      if (song) return song;
    }
  }
  return undefined;
}

/**
 * A period's day songs as plain text, one line a day: `date  title — artist  link`, oldest first.
 * `link` is the song's first http(s) link of `provider` (default YouTube). For copying or sharing.
 */
export function playlistText(
  days: Iterable<DaySong>,
  options: { readonly title?: string; readonly provider?: keyof SongMatch['links'] } = {},
): string {
  const lines = options.title ? [options.title] : [];
  for (const { date, match } of sorted(days)) {
    const link = webLink(match.links[options.provider ?? 'youtube']);
    lines.push(`${date}  ${match.song.title} — ${match.song.artist}${link ? `  ${link}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * A period's day songs as an extended M3U playlist (UTF-8, `.m3u8`): one `#EXTINF` line a day
 * (`artist - title`, length unknown) and its link at `provider` (default YouTube). Line breaks in
 * titles are flattened, so a song cannot add lines of its own.
 */
export function playlistM3u(
  days: Iterable<DaySong>,
  options: { readonly title?: string; readonly provider?: keyof SongMatch['links'] } = {},
): string {
  const flat = (text: string) => text.replace(/[\r\n]+/g, ' ');
  const lines = ['#EXTM3U'];
  if (options.title) lines.push(`#PLAYLIST:${flat(options.title)}`);
  for (const { match } of sorted(days)) {
    const link = webLink(match.links[options.provider ?? 'youtube']);
    if (!link) continue;
    lines.push(`#EXTINF:-1,${flat(match.song.artist)} - ${flat(match.song.title)}`, link);
  }
  return lines.join('\n') + '\n';
}

const sorted = (days: Iterable<DaySong>) =>
  [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/** Only http(s) links leave the package in a playlist: a host's catalogue could carry any scheme. */
function webLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return ['https:', 'http:'].includes(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}
