import type { EmotionLabel, EmotionProbabilities } from '@moodiary/core';
import { isValidatedCatalogue, validateCatalogue } from './catalogue.js';
import { DEFAULT_CATALOGUE } from './default-catalogue.js';
import { SongsError } from './errors.js';
import { songLinks, type SongLinks } from './links.js';
import { LIFT_GOAL, moodTarget, normalizeProbabilities, topLabel } from './mood.js';
import { songReason, type Reason } from './reasons.js';
import type { Catalogue, MoodPoint, Song, SongTitle } from './types.js';

/** `match` expresses the mood; `lift` walks from it toward calm (the iso principle). */
export type MatchMode = 'match' | 'lift';

/**
 * How a `lift` path moves: `energy-first` lowers arousal before raising valence (angry, anxious),
 * `valence-first` raises valence before lowering arousal (sad), `direct` goes straight (a mood
 * already near the goal on either axis, or one that is neither tense nor sad).
 */
export type LiftRoute = 'energy-first' | 'valence-first' | 'direct';

/** Options of {@link matchSongs}. Every field is optional. */
export interface MatchOptions {
  /** `match` (default) picks songs that express the mood; `lift` a path from it toward calm. */
  readonly mode?: MatchMode;
  /** Number of songs: 1–100 for `match` (default 5), 3–5 for `lift` (default 4). */
  readonly count?: number;
  /**
   * Songs to pick from; default {@link DEFAULT_CATALOGUE}. A catalogue from {@link validateCatalogue}
   * or an adapter is used as is (and indexed once); a plain array or `{ songs }` is validated on
   * every call, so validate once and reuse the result.
   */
  readonly catalogue?: Catalogue | readonly unknown[] | { readonly songs: readonly unknown[] };
  /**
   * Preferred language(s) as ISO 639-1 codes. Songs in other languages rank as if
   * {@link LANGUAGE_PENALTY} further away, so they fill in only where no preferred song is close.
   */
  readonly language?: string | readonly string[];
  /** With `language`, drop songs in other languages altogether (default false). */
  readonly strictLanguage?: boolean;
  /** Song ids never to return, e.g. those played recently. Unknown ids are ignored. */
  readonly exclude?: Iterable<string>;
  /**
   * Song ids the user likes: they rank as if {@link FAVOUR_BONUS} closer, so a liked song wins over
   * a slightly nearer one but never over a clearly better fit. Unknown ids are ignored.
   */
  readonly favour?: Iterable<string>;
  /** At most one song per artist in a result (default true). */
  readonly onePerArtist?: boolean;
  /**
   * Seed of the random tie-break. Without it results are deterministic (ties go to catalogue
   * order). With it, songs whose distances differ by less than `variety` may swap places, so
   * different seeds give different, equally fitting picks; the same seed gives the same picks.
   */
  readonly seed?: number | string;
  /** How close two songs must be, in valence/arousal distance, to count as a tie (default 0.03). */
  readonly variety?: number;
  /** Goal of `lift` paths (default {@link LIFT_GOAL}). */
  readonly goal?: MoodPoint;
}

/**
 * A suggested song as a view shows it: the song, why, and where to play it. Every {@link SongMatch} is
 * one; a host's own {@link SongMatcher} returns these.
 */
export interface SongSuggestion {
  readonly song: SongTitle;
  /** Why it was picked, in Korean and English (or one text). */
  readonly reason?: Reason | string;
  /** Where to play it. */
  readonly links: Partial<SongLinks>;
}

/**
 * {@link matchSongs}, or a host's own function called the same way: what `@moodiary/elements`'
 * `<mood-songs>` asks for suggestions.
 */
export type SongMatcher = (
  probabilities: EmotionProbabilities,
  options: MatchOptions,
) => { readonly songs: readonly SongSuggestion[] } | Promise<{ readonly songs: readonly SongSuggestion[] }>;

/** One picked song, with the point it was matched against, why, and where to play it. */
export interface SongMatch extends SongSuggestion {
  readonly song: Song;
  /** Position in the result, from 0. */
  readonly step: number;
  /** The mood point this song was matched to: the target (`match`) or the path's waypoint (`lift`). */
  readonly waypoint: MoodPoint;
  /** Valence/arousal distance between the song and its waypoint. */
  readonly distance: number;
  /** Why it was picked, in Korean and English. */
  readonly reason: Reason;
  /** Search (or direct) links at YouTube, Spotify, Apple Music and Melon. */
  readonly links: SongLinks;
}

/** The answer of {@link matchSongs}: plain data, safe to store or post. */
export interface MatchResult {
  readonly mode: MatchMode;
  /** The mood expressed: the probability-weighted mix of the label anchors. */
  readonly target: MoodPoint;
  /** The label with the highest probability, which words the reasons. */
  readonly label: EmotionLabel;
  /** `lift` only: the goal of the path. */
  readonly goal?: MoodPoint;
  /** `lift` only: how the path moves. */
  readonly route?: LiftRoute;
  /**
   * `lift` only: true when each song is closer to the goal than the one before. A path may fall
   * short of this when the catalogue has no such song near a waypoint.
   */
  readonly monotonic?: boolean;
  /** The songs, best first (`match`) or in path order (`lift`). Fewer than `count` when the catalogue runs out. */
  readonly songs: readonly SongMatch[];
}

/** Extra distance, in valence/arousal units, given to songs outside the preferred languages. */
export const LANGUAGE_PENALTY = 0.15;

/** Distance, in valence/arousal units, taken off liked songs (`favour`): about one step of the rating rubric. */
export const FAVOUR_BONUS = 0.05;

const DEFAULT_VARIETY = 0.03;

/** Packed numbers of a validated catalogue, built once per catalogue. */
interface CatalogueIndex {
  readonly valence: Float64Array;
  readonly arousal: Float64Array;
  /** A small integer per distinct artist (case- and space-insensitive). */
  readonly artist: Int32Array;
  readonly language: readonly string[];
  readonly byId: ReadonlyMap<string, number>;
  readonly artists: number;
}

const INDEXES = new WeakMap<Catalogue, CatalogueIndex>();

function indexOf(catalogue: Catalogue): CatalogueIndex {
  let index = INDEXES.get(catalogue);
  if (index) return index;
  const n = catalogue.length;
  const valence = new Float64Array(n);
  const arousal = new Float64Array(n);
  const artist = new Int32Array(n);
  const artistIds = new Map<string, number>();
  const byId = new Map<string, number>();
  catalogue.forEach((song, i) => {
    valence[i] = song.valence;
    arousal[i] = song.arousal;
    const key = song.artist.toLowerCase().replace(/\s+/g, ' ');
    let a = artistIds.get(key);
    if (a === undefined) artistIds.set(key, (a = artistIds.size));
    artist[i] = a;
    byId.set(song.id, i);
  });
  index = {
    valence,
    arousal,
    artist,
    language: catalogue.map((s) => s.language),
    byId,
    artists: artistIds.size,
  };
  INDEXES.set(catalogue, index);
  return index;
}

/** mulberry32 seeded by a 32-bit hash of the seed: small, fast and good enough for tie-breaks. */
function random(seed: number | string): () => number {
  let h = 2166136261;
  const s = String(seed);
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  let t = h >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function invalid(field: string, message: string, value: unknown): never {
  throw new SongsError('invalid-options', `${field} ${message}, got ${JSON.stringify(value)}.`, {
    details: { field, value },
  });
}

function checkPoint(point: unknown, field: string): MoodPoint {
  const p = point as MoodPoint;
  if (
    typeof p !== 'object' ||
    p === null ||
    ![p.valence, p.arousal].every((x) => typeof x === 'number' && x >= 0 && x <= 1)
  ) {
    invalid(field, 'must be { valence, arousal } with both from 0 to 1', point);
  }
  return { valence: p.valence, arousal: p.arousal };
}

/** Everything a selection pass needs, prepared once per call. */
interface Pass {
  readonly index: CatalogueIndex;
  /** 1 where a song may be picked (not excluded, language allowed). */
  readonly allowed: Uint8Array;
  /** Added to each song's distance (language preference). */
  readonly penalty: Float64Array | undefined;
  /** Random tie-break per song in [0, 1), or undefined for catalogue order. */
  readonly tie: Float64Array | undefined;
  readonly variety: number;
  readonly onePerArtist: boolean;
}

function prepare(catalogue: Catalogue, options: MatchOptions): Pass {
  const index = indexOf(catalogue);
  const n = catalogue.length;
  const allowed = new Uint8Array(n).fill(1);
  if (options.exclude !== undefined) {
    if (
      typeof options.exclude !== 'object' ||
      options.exclude === null ||
      !(Symbol.iterator in options.exclude)
    ) {
      invalid('exclude', 'must be a list or set of song ids', options.exclude);
    }
    for (const id of options.exclude) {
      const i = index.byId.get(id);
      if (i !== undefined) allowed[i] = 0;
    }
  }
  let penalty: Float64Array | undefined;
  if (options.language !== undefined) {
    const wanted = (typeof options.language === 'string' ? [options.language] : [...options.language]).map(
      (l) => {
        if (typeof l !== 'string' || l.trim() === '')
          invalid('language', 'must be language codes such as "ko"', options.language);
        return l.trim().toLowerCase();
      },
    );
    if (wanted.length > 0) {
      const set = new Set(wanted);
      if (!options.strictLanguage) penalty = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        if (set.has(index.language[i]!)) continue;
        if (penalty) penalty[i] = LANGUAGE_PENALTY;
        else allowed[i] = 0;
      }
    }
  }
  if (options.favour !== undefined) {
    if (typeof options.favour !== 'object' || options.favour === null || !(Symbol.iterator in options.favour))
      invalid('favour', 'must be a list or set of song ids', options.favour);
    for (const id of new Set(options.favour)) {
      const i = index.byId.get(id);
      if (i === undefined) continue;
      penalty ??= new Float64Array(n);
      penalty[i] = penalty[i]! - FAVOUR_BONUS;
    }
  }
  let tie: Float64Array | undefined;
  const variety = options.variety ?? DEFAULT_VARIETY;
  if (typeof variety !== 'number' || !(variety >= 0 && variety <= 1))
    invalid('variety', 'must be a number from 0 to 1', variety);
  if (options.seed !== undefined) {
    if (typeof options.seed !== 'number' && typeof options.seed !== 'string') {
      invalid('seed', 'must be a number or a string', options.seed);
    }
    const next = random(options.seed);
    tie = new Float64Array(n);
    for (let i = 0; i < n; i++) tie[i] = next();
  }
  const onePerArtist = options.onePerArtist ?? true;
  if (typeof onePerArtist !== 'boolean') invalid('onePerArtist', 'must be true or false', onePerArtist);
  return { index, allowed, penalty, tie, variety, onePerArtist };
}

/** Ranking key of song `i` for `point`: distance, plus the language penalty (less a liked song's bonus) and the seeded jitter. */
function keyOf(pass: Pass, i: number, point: MoodPoint): number {
  const dv = pass.index.valence[i]! - point.valence;
  const da = pass.index.arousal[i]! - point.arousal;
  let key = Math.sqrt(dv * dv + da * da);
  if (pass.penalty) key += pass.penalty[i]!;
  if (pass.tie) key += pass.variety * pass.tie[i]!;
  return key;
}

/** True when song i ranks before song j (lower key; ties to the random draw, then catalogue order). */
function before(pass: Pass, ki: number, i: number, kj: number, j: number): boolean {
  if (ki !== kj) return ki < kj;
  if (pass.tie && pass.tie[i] !== pass.tie[j]) return pass.tie[i]! < pass.tie[j]!;
  return i < j;
}

/**
 * The `m` best allowed songs for `point`, best first, found with a bounded max-heap so a match
 * over n songs costs O(n log m) rather than a full sort.
 */
function best(pass: Pass, point: MoodPoint, m: number): number[] {
  const n = pass.allowed.length;
  const heap: number[] = [];
  const keys: number[] = [];
  const worse = (a: number, b: number): boolean => before(pass, keys[b]!, heap[b]!, keys[a]!, heap[a]!);
  const swap = (a: number, b: number): void => {
    [heap[a], heap[b]] = [heap[b]!, heap[a]!];
    [keys[a], keys[b]] = [keys[b]!, keys[a]!];
  };
  for (let i = 0; i < n; i++) {
    if (!pass.allowed[i]) continue;
    const key = keyOf(pass, i, point);
    if (heap.length === m) {
      if (!before(pass, key, i, keys[0]!, heap[0]!)) continue;
      heap[0] = i;
      keys[0] = key;
      for (let k = 0; ;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let top = k;
        if (l < m && worse(l, top)) top = l;
        if (r < m && worse(r, top)) top = r;
        if (top === k) break;
        swap(k, top);
        k = top;
      }
    } else {
      heap.push(i);
      keys.push(key);
      for (let k = heap.length - 1; k > 0;) {
        const parent = (k - 1) >> 1;
        if (!worse(k, parent)) break;
        swap(k, parent);
        k = parent;
      }
    }
  }
  const order = heap.map((i, k) => ({ i, key: keys[k]! }));
  order.sort((a, b) => (before(pass, a.key, a.i, b.key, b.i) ? -1 : 1));
  return order.map((o) => o.i);
}

function pickMatches(pass: Pass, target: MoodPoint, count: number): number[] {
  const allowedCount = pass.allowed.reduce((s, x) => s + x, 0);
  for (let m = Math.min(allowedCount, count * 4 + 16); ; m = Math.min(allowedCount, m * 4)) {
    const picked: number[] = [];
    const artists = new Set<number>();
    for (const i of best(pass, target, m)) {
      if (pass.onePerArtist) {
        if (artists.has(pass.index.artist[i]!)) continue;
        artists.add(pass.index.artist[i]!);
      }
      picked.push(i);
      if (picked.length === count) return picked;
    }
    if (m >= allowedCount) return picked;
  }
}

/** Chooses how a lift path moves from `start`, given the mood mix. */
function liftRoute(p: EmotionProbabilities, start: MoodPoint, goal: MoodPoint): LiftRoute {
  const excess = start.arousal - goal.arousal;
  const deficit = goal.valence - start.valence;
  if (excess <= 0.1 || deficit <= 0.1) return 'direct';
  // Tense moods (high arousal, low valence) calm down first; sadness is lifted first; a mood
  // with neither (e.g. plain neutral) walks straight.
  const tense = p.angry + p.anxious + p.embarrassed;
  if (tense === p.sad) return 'direct';
  return tense > p.sad ? 'energy-first' : 'valence-first';
}

/** `count` points spaced evenly along the route's polyline from `start` to `goal`. */
function waypoints(start: MoodPoint, goal: MoodPoint, route: LiftRoute, count: number): MoodPoint[] {
  const corners =
    route === 'energy-first'
      ? [start, { valence: start.valence, arousal: goal.arousal }, goal]
      : route === 'valence-first'
        ? [start, { valence: goal.valence, arousal: start.arousal }, goal]
        : [start, goal];
  const lengths = corners
    .slice(1)
    .map((c, k) => Math.hypot(c.valence - corners[k]!.valence, c.arousal - corners[k]!.arousal));
  const total = lengths.reduce((s, x) => s + x, 0);
  const points: MoodPoint[] = [];
  for (let s = 0; s < count; s++) {
    // The ends are exactly the mood and the goal (no rounding from the interpolation).
    if (s === 0 || s === count - 1) {
      const end = s === 0 ? start : goal;
      points.push({ valence: end.valence, arousal: end.arousal });
      continue;
    }
    let along = (total * s) / (count - 1);
    let k = 0;
    while (k < lengths.length - 1 && along > lengths[k]!) along -= lengths[k++]!;
    const t = lengths[k]! > 0 ? Math.min(1, along / lengths[k]!) : 0;
    const a = corners[k]!;
    const b = corners[k + 1]!;
    points.push({
      valence: a.valence + t * (b.valence - a.valence),
      arousal: a.arousal + t * (b.arousal - a.arousal),
    });
  }
  return points;
}

/**
 * Picks the songs of a lift path: for each waypoint the best allowed song, preferring one that
 * is closer to the goal than the song before it (so the path moves steadily toward the goal).
 */
function pickPath(
  pass: Pass,
  points: readonly MoodPoint[],
  goal: MoodPoint,
): { picked: number[]; monotonic: boolean } {
  const { valence, arousal, artist } = pass.index;
  const n = pass.allowed.length;
  // Songs still free to pick (allowed, not yet in the path, artist not yet used), and each song's
  // distance to the goal, both computed once: a path is a few scans of packed arrays.
  const free = Uint8Array.from(pass.allowed);
  const toGoal = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const dv = valence[i]! - goal.valence;
    const da = arousal[i]! - goal.arousal;
    toGoal[i] = Math.sqrt(dv * dv + da * da);
  }
  const picked: number[] = [];
  let monotonic = true;
  let previous = Infinity;
  for (const point of points) {
    let bestAny = -1;
    let keyAny = Infinity;
    let bestCloser = -1;
    let keyCloser = Infinity;
    for (let i = 0; i < n; i++) {
      if (!free[i]) continue;
      const key = keyOf(pass, i, point);
      if (bestAny < 0 || before(pass, key, i, keyAny, bestAny)) {
        bestAny = i;
        keyAny = key;
      }
      if (toGoal[i]! < previous && (bestCloser < 0 || before(pass, key, i, keyCloser, bestCloser))) {
        bestCloser = i;
        keyCloser = key;
      }
    }
    const i = bestCloser >= 0 ? bestCloser : bestAny;
    if (i < 0) break;
    if (bestCloser < 0) monotonic = false;
    free[i] = 0;
    if (pass.onePerArtist) {
      const a = artist[i]!;
      for (let j = 0; j < n; j++) if (artist[j] === a) free[j] = 0;
    }
    picked.push(i);
    previous = toGoal[i]!;
  }
  return { picked, monotonic };
}

/**
 * Picks songs for a mood. The mood is the probability-weighted mix of the labels'
 * valence/arousal anchors ({@link moodTarget}); pass one entry's probabilities or a day's
 * summary ({@link meanProbabilities}) — the shape is the same.
 *
 * - `match` returns the `count` songs nearest the mood, one per artist.
 * - `lift` returns a path of 3–5 songs that starts near the mood and moves toward calm
 *   ({@link LIFT_GOAL}): energy down first for angry or anxious moods, valence up first for sad
 *   ones (the iso principle of music therapy).
 *
 * Each song comes with a short reason in Korean and English and links to play it.
 *
 * @throws {SongsError} `invalid-probabilities`, `invalid-options`, or (for an unvalidated
 *   `catalogue`) `invalid-catalogue` / `duplicate-id`.
 *
 * @example
 * const { songs } = matchSongs(entry.probabilities, { mode: 'lift', language: 'ko', exclude: recentIds });
 * songs.map((s) => `${s.song.title} — ${s.reason.en}`);
 */
export function matchSongs(
  probabilities: Partial<EmotionProbabilities>,
  options: MatchOptions = {},
): MatchResult {
  if (typeof options !== 'object' || options === null) invalid('options', 'must be an object', options);
  const mode = options.mode ?? 'match';
  if (mode !== 'match' && mode !== 'lift') invalid('mode', 'must be "match" or "lift"', mode);
  const count = options.count ?? (mode === 'lift' ? 4 : 5);
  const [min, max] = mode === 'lift' ? [3, 5] : [1, 100];
  if (!Number.isInteger(count) || count < min || count > max) {
    invalid('count', `must be a whole number from ${min} to ${max} in ${mode} mode`, count);
  }
  const p = normalizeProbabilities(probabilities);
  const target = moodTarget(p);
  const label = topLabel(p);
  const source = options.catalogue ?? DEFAULT_CATALOGUE;
  const catalogue = isValidatedCatalogue(source) ? source : validateCatalogue(source);
  const pass = prepare(catalogue, options);
  const describe = (
    i: number,
    step: number,
    waypoint: MoodPoint,
    role: Parameters<typeof songReason>[2],
  ): SongMatch => {
    const song = catalogue[i]!;
    return {
      song,
      step,
      waypoint,
      distance: Math.hypot(song.valence - waypoint.valence, song.arousal - waypoint.arousal),
      reason: songReason(song, label, role),
      links: songLinks(song),
    };
  };
  if (mode === 'match') {
    const songs = pickMatches(pass, target, count).map((i, step) => describe(i, step, target, 'match'));
    return { mode, target, label, songs };
  }
  const goal = options.goal === undefined ? LIFT_GOAL : checkPoint(options.goal, 'goal');
  const route = liftRoute(p, target, goal);
  const points = waypoints(target, goal, route, count);
  const { picked, monotonic } = pickPath(pass, points, goal);
  const songs = picked.map((i, step) =>
    describe(
      i,
      step,
      points[step]!,
      step === 0 ? 'lift-start' : step === picked.length - 1 ? 'lift-end' : 'lift-step',
    ),
  );
  return { mode, target, label, goal, route, monotonic, songs };
}
