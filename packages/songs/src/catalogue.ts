import { parseCsv } from './csv.js';
import { SongsError } from './errors.js';
import type { Catalogue, MoodSource, ProviderIds, Song } from './types.js';

/** Validated catalogues, so matching a frozen catalogue again skips validation. */
const VALIDATED = new WeakSet<object>();

/** Where a problem was found: an array index (JSON) or a file line (CSV). */
type Where = { index: number } | { line: number };

function place(where: Where): string {
  return 'line' in where ? `Line ${where.line}` : `songs[${where.index}]`;
}

function fail(where: Where, field: string, problem: string, value?: unknown, id?: string): never {
  const who = id ? ` ("${id}")` : '';
  const got = value === undefined ? '' : `, got ${JSON.stringify(value)}`;
  throw new SongsError('invalid-catalogue', `${place(where)}${who}: ${field} ${problem}${got}.`, {
    details: { ...where, field, ...(value === undefined ? {} : { value }), ...(id ? { id } : {}) },
  });
}

const PROVIDERS: readonly (keyof ProviderIds)[] = [
  'spotify',
  'appleMusic',
  'melon',
  'youtube',
  'deezer',
  'musicbrainz',
];
const LANGUAGE = /^([a-z]{2}|zxx|und)$/;
const MAX_YEAR = 2100;

/** Default mood source of songs that do not name one. */
export const UNKNOWN_SOURCE: MoodSource = Object.freeze({ name: 'unknown', licence: 'unknown' });

function text(raw: Record<string, unknown>, field: string, where: Where, id?: string): string {
  const value = raw[field];
  if (value === undefined || value === null || value === '') fail(where, field, 'is missing', undefined, id);
  if (typeof value !== 'string') fail(where, field, 'must be a string', value, id);
  const trimmed = value.trim();
  if (trimmed === '') fail(where, field, 'is empty', undefined, id);
  return trimmed;
}

function unit(raw: Record<string, unknown>, field: string, where: Where, id: string): number {
  const value = raw[field];
  if (value === undefined || value === null || value === '') fail(where, field, 'is missing', undefined, id);
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, field, 'must be a number', value, id);
  if (value < 0 || value > 1) fail(where, field, 'must be from 0 to 1', value, id);
  return value;
}

/**
 * Checks one song-like object and returns a clean, frozen {@link Song}: strings trimmed,
 * language and tags lower-cased, `tags` defaulting to `[]` and `source` to "unknown".
 * Throws `invalid-catalogue` naming the place and field.
 */
function validateSong(input: unknown, where: Where): Song {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail(where, 'song', 'must be an object', input);
  }
  const raw = input as Record<string, unknown>;
  const id = text(raw, 'id', where);
  const title = text(raw, 'title', where, id);
  const artist = text(raw, 'artist', where, id);
  const language = text(raw, 'language', where, id).toLowerCase();
  if (!LANGUAGE.test(language))
    fail(
      where,
      'language',
      'must be an ISO 639-1 code such as "ko" or "en", or "zxx"/"und"',
      raw.language,
      id,
    );
  const valence = unit(raw, 'valence', where, id);
  const arousal = unit(raw, 'arousal', where, id);
  const song: { -readonly [K in keyof Song]: Song[K] } = {
    id,
    title,
    artist,
    language,
    valence,
    arousal,
    tags: [],
    source: UNKNOWN_SOURCE,
  };
  if (raw.year !== undefined && raw.year !== null && raw.year !== '') {
    if (
      typeof raw.year !== 'number' ||
      !Number.isInteger(raw.year) ||
      raw.year < 1000 ||
      raw.year > MAX_YEAR
    ) {
      fail(where, 'year', `must be a whole number from 1000 to ${MAX_YEAR}`, raw.year, id);
    }
    song.year = raw.year;
  }
  if (raw.genre !== undefined && raw.genre !== null && raw.genre !== '') {
    song.genre = text(raw, 'genre', where, id).toLowerCase();
  }
  if (raw.tags !== undefined && raw.tags !== null) {
    if (!Array.isArray(raw.tags) || raw.tags.some((t) => typeof t !== 'string')) {
      fail(where, 'tags', 'must be a list of strings', raw.tags, id);
    }
    song.tags = Object.freeze([
      ...new Set((raw.tags as string[]).map((t) => t.trim().toLowerCase()).filter((t) => t !== '')),
    ]);
  }
  if (raw.source !== undefined && raw.source !== null) {
    const s = raw.source as Record<string, unknown>;
    if (typeof s !== 'object' || Array.isArray(s))
      fail(where, 'source', 'must be an object with name and licence', raw.source, id);
    const name = s.name;
    const licence = s.licence;
    if (typeof name !== 'string' || name.trim() === '')
      fail(where, 'source.name', 'must be a non-empty string', name, id);
    if (typeof licence !== 'string' || licence.trim() === '') {
      fail(where, 'source.licence', 'must be a non-empty string', licence, id);
    }
    if (s.url !== undefined && typeof s.url !== 'string')
      fail(where, 'source.url', 'must be a string', s.url, id);
    song.source = Object.freeze({
      name: name.trim(),
      licence: licence.trim(),
      ...(typeof s.url === 'string' && s.url.trim() ? { url: s.url.trim() } : {}),
    });
  }
  if (raw.ids !== undefined && raw.ids !== null) {
    const ids = raw.ids as Record<string, unknown>;
    if (typeof ids !== 'object' || Array.isArray(ids))
      fail(where, 'ids', 'must be an object of provider ids', raw.ids, id);
    const clean: { -readonly [K in keyof ProviderIds]: string } = {};
    for (const [key, value] of Object.entries(ids)) {
      if (!(PROVIDERS as readonly string[]).includes(key)) {
        fail(where, `ids.${key}`, `is not a known provider (${PROVIDERS.join(', ')})`, undefined, id);
      }
      if (value === undefined || value === '') continue;
      if (typeof value !== 'string' || !/^[A-Za-z0-9_-]+$/.test(value)) {
        fail(where, `ids.${key}`, 'must be a plain id of letters, digits, "-" or "_"', value, id);
      }
      clean[key as keyof ProviderIds] = value;
    }
    if (Object.keys(clean).length > 0) song.ids = Object.freeze(clean);
  }
  return Object.freeze(song);
}

/**
 * Checks a host's catalogue and returns it as a frozen {@link Catalogue}, with every song
 * cleaned (strings trimmed, language, genre and tags lower-cased, defaults filled).
 * Accepts an array of songs or an object `{ songs: [...] }`. Validate a catalogue once and
 * pass the result to {@link matchSongs}: a validated catalogue is not checked again.
 *
 * @throws {SongsError} `invalid-catalogue` naming the song's index and the field (missing,
 *   wrong type, out of range) or an empty list; `duplicate-id` when two songs share an id.
 *
 * @example
 * const catalogue = validateCatalogue(await (await fetch('/songs.json')).json());
 */
export function validateCatalogue(data: unknown): Catalogue {
  if (Array.isArray(data) && VALIDATED.has(data)) return data as Catalogue;
  const list =
    typeof data === 'object' && data !== null && !Array.isArray(data) && 'songs' in data
      ? (data as { songs: unknown }).songs
      : data;
  if (!Array.isArray(list)) {
    throw new SongsError(
      'invalid-catalogue',
      'A catalogue must be an array of songs or an object { songs: [...] }.',
      {
        details: { field: 'songs' },
      },
    );
  }
  return finish(
    list.map((song, index) => validateSong(song, { index })),
    (k) => ({ index: k }),
  );
}

function finish(songs: Song[], whereOf: (k: number) => Where): Catalogue {
  if (songs.length === 0) {
    throw new SongsError('invalid-catalogue', 'The catalogue holds no songs.', {
      details: { field: 'songs' },
    });
  }
  const first = new Map<string, number>();
  songs.forEach((song, k) => {
    const earlier = first.get(song.id);
    if (earlier !== undefined) {
      const a = whereOf(earlier);
      const b = whereOf(k);
      throw new SongsError(
        'duplicate-id',
        `${place(b)}: id "${song.id}" is already used by ${place(a).replace(/^L/, 'l')}.`,
        { details: { ...b, field: 'id', value: song.id, first: a } },
      );
    }
    first.set(song.id, k);
  });
  const catalogue = Object.freeze(songs);
  VALIDATED.add(catalogue);
  return catalogue;
}

/** True when `catalogue` came from {@link validateCatalogue} or an adapter of this package. */
export function isValidatedCatalogue(catalogue: unknown): catalogue is Catalogue {
  return typeof catalogue === 'object' && catalogue !== null && VALIDATED.has(catalogue);
}

/**
 * Parses a JSON catalogue (an array of songs or `{ songs: [...] }`) and validates it.
 * @throws {SongsError} `invalid-catalogue` for malformed JSON or a bad song; `duplicate-id`.
 */
export function parseCatalogueJson(json: string): Catalogue {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (cause) {
    throw new SongsError(
      'invalid-catalogue',
      `The catalogue is not valid JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
  return validateCatalogue(data);
}

/** Columns of a host's catalogue CSV. `id, title, artist, language, valence, arousal` are required. */
export const CATALOGUE_CSV_COLUMNS = [
  'id',
  'title',
  'artist',
  'year',
  'language',
  'valence',
  'arousal',
  'genre',
  'tags',
  'source',
  'licence',
  'source_url',
  'spotify_id',
  'apple_music_id',
  'melon_id',
  'youtube_id',
  'deezer_id',
  'musicbrainz_id',
] as const;

const REQUIRED_CSV = ['id', 'title', 'artist', 'language', 'valence', 'arousal'] as const;
const ID_COLUMNS: Record<string, keyof ProviderIds> = {
  spotify_id: 'spotify',
  apple_music_id: 'appleMusic',
  melon_id: 'melon',
  youtube_id: 'youtube',
  deezer_id: 'deezer',
  musicbrainz_id: 'musicbrainz',
};

function csvNumber(value: string | undefined, field: string, where: Where, id?: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value.trim());
  if (!Number.isFinite(number)) fail(where, field, 'must be a number', value, id);
  return number;
}

/**
 * Parses a host's catalogue from CSV with the columns of {@link CATALOGUE_CSV_COLUMNS} (header
 * names as written; unknown columns are ignored; `id, title, artist, language, valence, arousal`
 * are required). `tags` are separated by `|` or `;`. `source` and `licence` describe where the
 * mood values came from; leave them empty and the song's source is "unknown".
 *
 * @throws {SongsError} `invalid-csv` for malformed CSV or a missing required column;
 *   `invalid-catalogue` naming the line and field; `duplicate-id` naming both lines.
 *
 * @example
 * const catalogue = parseCatalogueCsv('id,title,artist,language,valence,arousal\na,Song,Band,en,0.7,0.3');
 */
export function parseCatalogueCsv(csv: string): Catalogue {
  const table = parseCsv(csv);
  for (const column of REQUIRED_CSV) {
    if (!table.header.includes(column)) {
      throw new SongsError(
        'invalid-csv',
        `The catalogue CSV has no "${column}" column (required: ${REQUIRED_CSV.join(', ')}).`,
        {
          details: { line: 1, field: column },
        },
      );
    }
  }
  const songs = table.records.map(({ line, cells }) => {
    const where = { line };
    const id = cells.id?.trim() || undefined;
    const raw: Record<string, unknown> = {
      id: cells.id,
      title: cells.title,
      artist: cells.artist,
      language: cells.language,
      valence: csvNumber(cells.valence, 'valence', where, id),
      arousal: csvNumber(cells.arousal, 'arousal', where, id),
      year: csvNumber(cells.year, 'year', where, id),
      genre: cells.genre,
      tags: (cells.tags ?? '').split(/[|;]/),
    };
    const name = cells.source?.trim();
    const licence = cells.licence?.trim();
    if (name || licence) {
      if (!name) fail(where, 'source', 'is missing while licence is given', undefined, id);
      if (!licence) fail(where, 'licence', 'is missing while source is given', undefined, id);
      raw.source = { name, licence, ...(cells.source_url?.trim() ? { url: cells.source_url.trim() } : {}) };
    }
    const ids: Record<string, string> = {};
    for (const [column, key] of Object.entries(ID_COLUMNS)) {
      const value = cells[column]?.trim();
      if (value) ids[key] = value;
    }
    if (Object.keys(ids).length) raw.ids = ids;
    return validateSong(raw, where);
  });
  const lines = table.records.map((r) => r.line);
  return finish(songs, (k) => ({ line: lines[k]! }));
}

/** Builds an adapter's catalogue from already-valid songs (ids checked for duplicates). */
export function catalogueFromRows(songs: Song[], lines: readonly number[]): Catalogue {
  return finish(songs, (k) => ({ line: lines[k]! }));
}

export { validateSong as _validateSong };
