import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isMoodError } from '@moodiary/core';
import {
  DEEZER_SOURCE,
  MUSE_SOURCE,
  SongsError,
  fromDeezerCsv,
  fromMuseCsv,
  isValidatedCatalogue,
  matchSongs,
  percentileRanks,
  songLinks,
} from '@moodiary/songs';

const fixture = (name: string): string =>
  readFileSync(new URL(`../test-fixtures/${name}`, import.meta.url), 'utf8');
const DEEZER = fixture('deezer-sample.csv');
const MUSE = fixture('muse-sample.csv');
const DEEZER_HEADER = 'dzr_sng_id,MSD_sng_id,MSD_track_id,valence,arousal,artist_name,track_name';

test('percentileRanks gives mid-ranks on 0–1; ties share a rank', () => {
  assert.deepEqual(percentileRanks([10, 20, 20, 40]), [0.125, 0.5, 0.5, 0.875]);
  assert.deepEqual(percentileRanks([3, 1, 2]), [5 / 6, 1 / 6, 0.5]);
  assert.deepEqual(percentileRanks([7]), [0.5]);
  assert.deepEqual(percentileRanks([]), []);
  assert.deepEqual(percentileRanks([-1, -1, -1]), [0.5, 0.5, 0.5]);
});

test('fromDeezerCsv turns z-scores into percentile ranks and keeps the Deezer id', () => {
  const catalogue = fromDeezerCsv(DEEZER);
  assert.ok(isValidatedCatalogue(catalogue));
  assert.deepEqual(
    catalogue.map((s) => [s.id, s.title, s.artist, s.valence, s.arousal]),
    [
      ['deezer:1001', 'Quiet, Please', 'Artist A', 0.125, 0.625],
      ['deezer:1002', 'Song B', 'Artist B', 0.5, 0.125],
      ['deezer:1003', 'Song C', 'Artist C', 0.5, 0.875],
      ['deezer:1004', 'Song D', 'Artist D', 0.875, 0.375],
    ],
  );
  const [first] = catalogue;
  assert.equal(first!.language, 'und');
  assert.deepEqual(first!.source, DEEZER_SOURCE);
  assert.deepEqual(first!.ids, { deezer: '1001' });
  assert.equal(songLinks(first!).deezer, 'https://www.deezer.com/track/1001');
  assert.equal(fromDeezerCsv(DEEZER, { language: 'en' })[0]!.language, 'en');
});

test('an imported catalogue feeds the matcher', () => {
  const catalogue = fromDeezerCsv(DEEZER);
  // happy (0.93, 0.63): Song D (0.875, 0.375) is 0.26 away, C 0.49; sad (0.14, 0.31): A 0.32, B 0.41.
  assert.equal(matchSongs({ happy: 1 }, { catalogue, count: 1 }).songs[0]!.song.id, 'deezer:1004');
  assert.equal(matchSongs({ sad: 1 }, { catalogue, count: 1 }).songs[0]!.song.id, 'deezer:1001');
});

test('fromDeezerCsv: a bad row throws with its line, or is skipped and reported with skipInvalid', () => {
  const text = `${DEEZER_HEADER}\n1,S1,T1,0.1,0.2,A,One\n2,S2,T2,n/a,0.2,B,Two\n3,S3,T3,0.3,0.4,C,Three\n`;
  assert.throws(
    () => fromDeezerCsv(text),
    (e: unknown) =>
      isMoodError(e, 'invalid-catalogue') && e.details.line === 3 && e.details.field === 'valence',
  );
  const skipped: SongsError[] = [];
  const catalogue = fromDeezerCsv(text, { skipInvalid: true, onSkip: (e) => skipped.push(e) });
  assert.deepEqual(
    catalogue.map((s) => s.id),
    ['deezer:1', 'deezer:3'],
  );
  // Ranks are taken among the rows kept.
  assert.deepEqual(
    catalogue.map((s) => s.valence),
    [0.25, 0.75],
  );
  assert.equal(skipped.length, 1);
  assert.equal(skipped[0]!.details.line, 3);
});

test('fromDeezerCsv: a missing title, a repeated id or a missing column give typed errors', () => {
  assert.throws(
    () => fromDeezerCsv(`${DEEZER_HEADER}\n1,S1,T1,0.1,0.2,A,\n`),
    (e: unknown) =>
      isMoodError(e, 'invalid-catalogue') && e.details.field === 'title' && e.details.line === 2,
  );
  const repeated = `${DEEZER_HEADER}\n1,S1,T1,0.1,0.2,A,One\n1,S2,T2,0.3,0.4,B,Two\n`;
  assert.throws(
    () => fromDeezerCsv(repeated),
    (e: unknown) => isMoodError(e, 'duplicate-id') && e.details.line === 3,
  );
  assert.equal(fromDeezerCsv(repeated, { skipInvalid: true }).length, 1);
  assert.throws(
    () => fromDeezerCsv('dzr_sng_id,valence,arousal,artist_name,track_name\n1,0,0,A,B'),
    (e: unknown) => isMoodError(e, 'invalid-csv') && e.details.field === 'MSD_sng_id',
  );
});

test('fromMuseCsv ranks valence/arousal tags, keeps seeds, genre and ids, and credits MuSe', () => {
  const catalogue = fromMuseCsv(MUSE);
  assert.deepEqual(
    catalogue.map((s) => [s.id, s.title, s.valence, s.arousal]),
    [
      ['muse:3n3Ppam7vgaVa1iaRUc9Lp', 'Track X', 1 / 6, 1 / 6],
      ['muse:mb:0c7b1b0e-8c2d-4b8a-9b8b-2b7b0e3d9f11', 'Track Y', 5 / 6, 5 / 6],
      ['muse:artist-z-track-z', 'Track Z!', 0.5, 0.5],
    ],
  );
  const [x, y, z] = catalogue;
  assert.deepEqual(x!.tags, ['sad', 'melancholy']);
  assert.equal(x!.genre, 'indie');
  assert.deepEqual(x!.ids, { spotify: '3n3Ppam7vgaVa1iaRUc9Lp' });
  assert.equal(songLinks(x!).spotify, 'https://open.spotify.com/track/3n3Ppam7vgaVa1iaRUc9Lp');
  assert.deepEqual(y!.tags, ['happy']);
  assert.deepEqual(y!.ids, { musicbrainz: '0c7b1b0e-8c2d-4b8a-9b8b-2b7b0e3d9f11' });
  assert.deepEqual(z!.tags, []);
  assert.equal(z!.genre, undefined);
  assert.equal(z!.ids, undefined);
  assert.deepEqual(x!.source, MUSE_SOURCE);
  assert.equal(MUSE_SOURCE.licence, 'CC BY 4.0');
});

test('fromMuseCsv needs only track, artist, valence_tags and arousal_tags', () => {
  const catalogue = fromMuseCsv('track,artist,valence_tags,arousal_tags\nA,B,1,2\nC,D,3,4\n', {
    language: 'en',
  });
  assert.deepEqual(
    catalogue.map((s) => [s.id, s.valence, s.arousal, s.language]),
    [
      ['muse:b-a', 0.25, 0.25, 'en'],
      ['muse:d-c', 0.75, 0.75, 'en'],
    ],
  );
  assert.throws(
    () => fromMuseCsv('track,artist,valence_tags\nA,B,1'),
    (e: unknown) => isMoodError(e, 'invalid-csv') && e.details.field === 'arousal_tags',
  );
  assert.throws(
    () => fromMuseCsv('track,artist,valence_tags,arousal_tags\nA,B,1,loud'),
    (e: unknown) =>
      isMoodError(e, 'invalid-catalogue') && e.details.line === 2 && e.details.field === 'arousal_tags',
  );
});
