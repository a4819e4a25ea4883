import { _validateSong, catalogueFromRows } from './catalogue.js';
import { parseCsv, requireColumns, type CsvRecord } from './csv.js';
import { SongsError } from './errors.js';
import type { Catalogue, MoodSource, Song } from './types.js';

/** Options of the data-set adapters {@link fromDeezerCsv} and {@link fromMuseCsv}. */
export interface ImportOptions {
  /**
   * Skip rows that cannot become a song (a missing title, a non-numeric score, a repeated id)
   * instead of throwing. Each skipped row is reported to `onSkip`. Default false.
   */
  readonly skipInvalid?: boolean;
  /** Called with the error of each skipped row when `skipInvalid` is true. */
  readonly onSkip?: (error: SongsError) => void;
  /** Language given to every imported song (the data sets do not say); default `und` (unknown). */
  readonly language?: string;
}

/**
 * Percentile rank of each value among `values`, on 0–1: the share of values below it plus half
 * the share equal to it (the mid-rank), so ties share one rank and the middle value maps to 0.5.
 *
 * @example
 * percentileRanks([10, 20, 20, 40]) // [0.125, 0.5, 0.5, 0.875]
 */
export function percentileRanks(values: readonly number[]): number[] {
  const n = values.length;
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(n);
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && values[order[end + 1]!] === values[order[start]!]) end++;
    const rank = (start + (end - start + 1) / 2) / n;
    for (let k = start; k <= end; k++) ranks[order[k]!] = rank;
    start = end + 1;
  }
  return ranks;
}

/** A data-set row turned into song fields, with its raw scores still on the data set's scale. */
interface Draft {
  readonly line: number;
  readonly fields: Record<string, unknown>;
  readonly valence: number;
  readonly arousal: number;
}

function number(record: CsvRecord, column: string): number {
  const raw = record.cells[column]?.trim() ?? '';
  const value = raw === '' ? NaN : Number(raw);
  if (!Number.isFinite(value)) {
    throw new SongsError(
      'invalid-catalogue',
      `Line ${record.line}: ${column} must be a number, got ${JSON.stringify(record.cells[column] ?? '')}.`,
      { details: { line: record.line, field: column, value: record.cells[column] ?? '' } },
    );
  }
  return value;
}

/** Runs `build` on each record, skipping (and reporting) failures when asked to. */
function drafts(
  records: readonly CsvRecord[],
  options: ImportOptions,
  build: (r: CsvRecord) => Draft,
): Draft[] {
  const out: Draft[] = [];
  for (const record of records) {
    try {
      out.push(build(record));
    } catch (error) {
      if (!options.skipInvalid || !(error instanceof SongsError)) throw error;
      options.onSkip?.(error);
    }
  }
  return out;
}

/** Ranks the drafts' scores, validates each song and returns the catalogue. */
function finish(list: Draft[], source: MoodSource, options: ImportOptions): Catalogue {
  const valence = percentileRanks(list.map((d) => d.valence));
  const arousal = percentileRanks(list.map((d) => d.arousal));
  const songs: Song[] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  list.forEach((draft, k) => {
    try {
      const song = _validateSong(
        {
          ...draft.fields,
          valence: valence[k],
          arousal: arousal[k],
          source,
          language: options.language ?? 'und',
        },
        { line: draft.line },
      );
      const first = seen.get(song.id);
      if (first !== undefined) {
        throw new SongsError(
          'duplicate-id',
          `Line ${draft.line}: id "${song.id}" is already used by line ${first}.`,
          {
            details: { line: draft.line, field: 'id', value: song.id, first: { line: first } },
          },
        );
      }
      seen.set(song.id, draft.line);
      songs.push(song);
      lines.push(draft.line);
    } catch (error) {
      if (!options.skipInvalid || !(error instanceof SongsError)) throw error;
      options.onSkip?.(error);
    }
  });
  return catalogueFromRows(songs, lines);
}

/** Mood source of songs imported from the Deezer mood detection data set. */
export const DEEZER_SOURCE: MoodSource = Object.freeze({
  name: 'Deezer mood detection dataset (Delbouys et al., ISMIR 2018), percentile-ranked',
  licence: 'none stated; for evaluation only, do not redistribute',
  url: 'https://github.com/deezer/deezer_mood_detection_dataset',
});

/** Columns of the Deezer mood detection data set's CSV files. */
export const DEEZER_COLUMNS = [
  'dzr_sng_id',
  'MSD_sng_id',
  'MSD_track_id',
  'valence',
  'arousal',
  'artist_name',
  'track_name',
] as const;

/**
 * Imports the Deezer mood detection data set's CSV (`dzr_sng_id, MSD_sng_id, MSD_track_id,
 * valence, arousal, artist_name, track_name`). Its valence and arousal are z-scores; they become
 * percentile ranks on 0–1 within the file. Ids are `deezer:<dzr_sng_id>`, with the Deezer id
 * kept for a direct link. The data set has no licence: use it to evaluate, never ship it.
 *
 * @throws {SongsError} `invalid-csv` for malformed CSV or a missing column; `invalid-catalogue`
 *   or `duplicate-id` naming the line, unless `skipInvalid` is set.
 */
export function fromDeezerCsv(csv: string, options: ImportOptions = {}): Catalogue {
  const table = parseCsv(csv);
  requireColumns(table, DEEZER_COLUMNS, 'Deezer mood');
  const list = drafts(table.records, options, (record) => {
    const deezer = record.cells.dzr_sng_id!.trim();
    return {
      line: record.line,
      valence: number(record, 'valence'),
      arousal: number(record, 'arousal'),
      fields: {
        id: deezer ? `deezer:${deezer}` : '',
        title: record.cells.track_name,
        artist: record.cells.artist_name,
        ...(/^\d+$/.test(deezer) ? { ids: { deezer } } : {}),
      },
    };
  });
  return finish(list, DEEZER_SOURCE, options);
}

/** Mood source of songs imported from MuSe. */
export const MUSE_SOURCE: MoodSource = Object.freeze({
  name: 'MuSe: the Musical Sentiment dataset (Akiki & Burghardt 2021), percentile-ranked',
  licence: 'CC BY 4.0',
  url: 'https://www.kaggle.com/datasets/cakiki/muse-the-musical-sentiment-dataset',
});

/** Columns of the MuSe CSV that the adapter reads (others, such as `dominance_tags`, are ignored). */
export const MUSE_COLUMNS = ['track', 'artist', 'valence_tags', 'arousal_tags'] as const;

/** Tags from MuSe's `seeds` cell, a Python list literal such as `['aggressive', 'sad']`. */
function museSeeds(cell: string | undefined): string[] {
  if (!cell) return [];
  return [...cell.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter(Boolean);
}

function slug(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Imports the MuSe data set's CSV (`lastfm_url, track, artist, seeds, number_of_emotion_tags,
 * valence_tags, arousal_tags, dominance_tags, mbid, spotify_id, genre`; only `track, artist,
 * valence_tags, arousal_tags` are required). Valence and arousal (word-norm means of each song's
 * Last.fm tags) become percentile ranks on 0–1 within the file. The `seeds` become tags, `genre`
 * the genre; `spotify_id` and `mbid` are kept as provider ids. Ids are `muse:<spotify_id>`, else
 * `muse:mb:<mbid>`, else `muse:<artist>-<track>`. MuSe is licensed CC BY 4.0: credit it.
 *
 * @throws {SongsError} `invalid-csv` for malformed CSV or a missing column; `invalid-catalogue`
 *   or `duplicate-id` naming the line, unless `skipInvalid` is set.
 */
export function fromMuseCsv(csv: string, options: ImportOptions = {}): Catalogue {
  const table = parseCsv(csv);
  requireColumns(table, MUSE_COLUMNS, 'MuSe');
  const list = drafts(table.records, options, (record) => {
    const c = record.cells;
    const spotify = c.spotify_id?.trim() ?? '';
    const mbid = c.mbid?.trim() ?? '';
    const id = spotify
      ? `muse:${spotify}`
      : mbid
        ? `muse:mb:${mbid}`
        : `muse:${slug(c.artist ?? '')}-${slug(c.track ?? '')}`;
    const ids: Record<string, string> = {};
    if (spotify) ids.spotify = spotify;
    if (mbid) ids.musicbrainz = mbid;
    return {
      line: record.line,
      valence: number(record, 'valence_tags'),
      arousal: number(record, 'arousal_tags'),
      fields: {
        id,
        title: c.track,
        artist: c.artist,
        tags: museSeeds(c.seeds),
        ...(c.genre?.trim() ? { genre: c.genre } : {}),
        ...(Object.keys(ids).length ? { ids } : {}),
      },
    };
  });
  return finish(list, MUSE_SOURCE, options);
}
