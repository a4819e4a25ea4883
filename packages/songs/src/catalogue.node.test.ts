import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MoodError, isMoodError } from '@moodiary/core';
import {
  CATALOGUE_CSV_COLUMNS,
  SongsError,
  UNKNOWN_SOURCE,
  isValidatedCatalogue,
  parseCatalogueCsv,
  parseCatalogueJson,
  validateCatalogue,
} from '@moodiary/songs';

const good = (extra: Record<string, unknown> = {}) => ({
  id: 'a',
  title: 'Song',
  artist: 'Band',
  language: 'en',
  valence: 0.5,
  arousal: 0.5,
  ...extra,
});

/** Asserts `fn` throws a SongsError with `code` and the given details. */
const rejects = (fn: () => unknown, code: string, details: Record<string, unknown> = {}): SongsError => {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof SongsError, `expected a SongsError, got ${String(caught)}`);
  assert.ok(caught instanceof MoodError);
  assert.ok(isMoodError(caught, code), `expected ${code}, got ${caught.code}: ${caught.message}`);
  for (const [key, value] of Object.entries(details)) assert.deepEqual(caught.details?.[key], value, key);
  return caught;
};

test('validateCatalogue cleans songs: trims, lower-cases, fills defaults, freezes', () => {
  const catalogue = validateCatalogue([
    good({
      id: ' a ',
      title: ' Song ',
      language: 'EN',
      genre: 'Ballad',
      tags: [' Calm', 'calm', 'Rainy-Day', ''],
      year: 2001,
      ids: { spotify: 'abc123', melon: '' },
    }),
  ]);
  const [song] = catalogue;
  assert.equal(song!.id, 'a');
  assert.equal(song!.title, 'Song');
  assert.equal(song!.language, 'en');
  assert.equal(song!.genre, 'ballad');
  assert.deepEqual(song!.tags, ['calm', 'rainy-day']);
  assert.equal(song!.year, 2001);
  assert.deepEqual(song!.ids, { spotify: 'abc123' });
  assert.equal(song!.source, UNKNOWN_SOURCE);
  assert.ok(Object.isFrozen(catalogue) && Object.isFrozen(song));
  assert.ok(isValidatedCatalogue(catalogue));
  assert.equal(validateCatalogue(catalogue), catalogue, 'a validated catalogue is returned as is');
  const bare = validateCatalogue([good()])[0]!;
  assert.deepEqual(bare.tags, []);
  assert.equal(bare.genre, undefined);
  assert.equal(bare.year, undefined);
});

test('validateCatalogue accepts { songs: [...] } and keeps a given source', () => {
  const source = { name: 'Our panel', licence: 'CC0', url: 'https://example.org/ratings' };
  const catalogue = validateCatalogue({ songs: [good({ source })] });
  assert.deepEqual(catalogue[0]!.source, source);
  rejects(() => validateCatalogue([good({ source: { name: 'x' } })]), 'invalid-catalogue', {
    field: 'source.licence',
  });
});

test('missing fields give invalid-catalogue naming the song and the field', () => {
  for (const field of ['id', 'title', 'artist', 'language', 'valence', 'arousal']) {
    const raw: Record<string, unknown> = good();
    delete raw[field];
    const error = rejects(() => validateCatalogue([good({ id: 'first' }), raw]), 'invalid-catalogue', {
      index: 1,
      field,
    });
    assert.match(error.message, /^songs\[1\]/);
    assert.match(error.message, /is missing/);
  }
  rejects(() => validateCatalogue([good({ title: '   ' })]), 'invalid-catalogue', { field: 'title' });
});

test('values out of range or of the wrong type give invalid-catalogue with the value', () => {
  rejects(() => validateCatalogue([good({ valence: 1.2 })]), 'invalid-catalogue', {
    field: 'valence',
    value: 1.2,
    index: 0,
    id: 'a',
  });
  rejects(() => validateCatalogue([good({ arousal: -0.1 })]), 'invalid-catalogue', {
    field: 'arousal',
    value: -0.1,
  });
  rejects(() => validateCatalogue([good({ valence: '0.5' })]), 'invalid-catalogue', { field: 'valence' });
  rejects(() => validateCatalogue([good({ arousal: Number.NaN })]), 'invalid-catalogue', {
    field: 'arousal',
  });
  rejects(() => validateCatalogue([good({ language: 'korean' })]), 'invalid-catalogue', {
    field: 'language',
  });
  rejects(() => validateCatalogue([good({ year: 1999.5 })]), 'invalid-catalogue', { field: 'year' });
  rejects(() => validateCatalogue([good({ tags: 'calm' })]), 'invalid-catalogue', { field: 'tags' });
  rejects(() => validateCatalogue([good({ ids: { napster: '1' } })]), 'invalid-catalogue', {
    field: 'ids.napster',
  });
  rejects(() => validateCatalogue([good({ ids: { youtube: 'a b' } })]), 'invalid-catalogue', {
    field: 'ids.youtube',
  });
  rejects(() => validateCatalogue(['a song']), 'invalid-catalogue', { field: 'song', index: 0 });
  // Boundaries are allowed.
  assert.equal(validateCatalogue([good({ valence: 0, arousal: 1 })]).length, 1);
});

test('duplicate ids give duplicate-id naming both places', () => {
  const error = rejects(
    () => validateCatalogue([good({ id: 'x' }), good({ id: 'y' }), good({ id: 'x' })]),
    'duplicate-id',
    { index: 2, field: 'id', value: 'x', first: { index: 0 } },
  );
  assert.match(error.message, /songs\[2\].*"x".*songs\[0\]/);
});

test('an empty list or a non-list is not a catalogue', () => {
  rejects(() => validateCatalogue([]), 'invalid-catalogue', { field: 'songs' });
  rejects(() => validateCatalogue({ tracks: [] }), 'invalid-catalogue', { field: 'songs' });
  rejects(() => validateCatalogue(null), 'invalid-catalogue');
});

test('parseCatalogueJson parses and validates; malformed JSON is invalid-catalogue with the cause', () => {
  assert.equal(parseCatalogueJson(JSON.stringify({ songs: [good()] }))[0]!.id, 'a');
  const error = rejects(() => parseCatalogueJson('[{"id": "a",'), 'invalid-catalogue');
  assert.ok(error.cause instanceof SyntaxError);
  rejects(() => parseCatalogueJson(JSON.stringify([good({ valence: 3 })])), 'invalid-catalogue', {
    field: 'valence',
  });
});

const CSV = [
  'id,title,artist,year,language,valence,arousal,genre,tags,source,licence,spotify_id,melon_id,extra',
  'a,"Hello, World",Band,2001,en,0.7,0.3,Pop,calm|Rainy-Day,Our panel,CC0,abc123,,ignored',
  'b,"Say ""hi""",Other,,KO,0.2,0.9,,,,,,12345,',
  '',
].join('\r\n');

test('parseCatalogueCsv reads the documented columns (quotes, tags, ids, source) and ignores others', () => {
  const [a, b] = parseCatalogueCsv(CSV);
  assert.equal(a!.title, 'Hello, World');
  assert.equal(a!.year, 2001);
  assert.equal(a!.genre, 'pop');
  assert.deepEqual(a!.tags, ['calm', 'rainy-day']);
  assert.deepEqual(a!.source, { name: 'Our panel', licence: 'CC0' });
  assert.deepEqual(a!.ids, { spotify: 'abc123' });
  assert.equal(b!.title, 'Say "hi"');
  assert.equal(b!.language, 'ko');
  assert.equal(b!.year, undefined);
  assert.deepEqual(b!.tags, []);
  assert.equal(b!.source, UNKNOWN_SOURCE);
  assert.deepEqual(b!.ids, { melon: '12345' });
  assert.ok(CATALOGUE_CSV_COLUMNS.includes('melon_id'));
});

test('parseCatalogueCsv errors name the CSV line and field', () => {
  const header = 'id,title,artist,language,valence,arousal';
  rejects(() => parseCatalogueCsv(`${header}\na,T,A,en,0.5,0.5\nb,T,,en,0.5,0.5`), 'invalid-catalogue', {
    line: 3,
    field: 'artist',
  });
  rejects(() => parseCatalogueCsv(`${header}\na,T,A,en,high,0.5`), 'invalid-catalogue', {
    line: 2,
    field: 'valence',
    value: 'high',
  });
  rejects(() => parseCatalogueCsv(`${header}\na,T,A,en,0.5,7`), 'invalid-catalogue', {
    line: 2,
    field: 'arousal',
  });
  rejects(() => parseCatalogueCsv(`${header}\na,T,A,en,0.5,0.5\n\na,U,B,en,0.1,0.1`), 'duplicate-id', {
    line: 4,
    first: { line: 2 },
  });
  rejects(() => parseCatalogueCsv('id,title,artist,language,valence\na,T,A,en,0.5'), 'invalid-csv', {
    line: 1,
    field: 'arousal',
  });
  rejects(() => parseCatalogueCsv(`${header},source\na,T,A,en,0.5,0.5,Panel`), 'invalid-catalogue', {
    field: 'licence',
  });
  rejects(() => parseCatalogueCsv(`${header}\na,"T,A,en,0.5,0.5`), 'invalid-csv', { line: 2 });
});
