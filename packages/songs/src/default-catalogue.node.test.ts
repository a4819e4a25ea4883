import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_CATALOGUE,
  TEAM_SOURCE,
  isValidatedCatalogue,
  songLinks,
  validateCatalogue,
} from '@moodiary/songs';

const share = (count: number): number => count / DEFAULT_CATALOGUE.length;

test('the shipped catalogue is validated, frozen, and passes its own validation again from plain copies', () => {
  assert.ok(isValidatedCatalogue(DEFAULT_CATALOGUE));
  assert.ok(Object.isFrozen(DEFAULT_CATALOGUE));
  assert.ok(DEFAULT_CATALOGUE.every((song) => Object.isFrozen(song)));
  // A deep copy is a new, unvalidated array: validation runs in full and must accept it unchanged.
  const copy = validateCatalogue(JSON.parse(JSON.stringify(DEFAULT_CATALOGUE)));
  assert.deepEqual(copy, DEFAULT_CATALOGUE);
});

test('the shipped catalogue holds at least 300 songs with unique ids and unique title/artist pairs', () => {
  assert.ok(DEFAULT_CATALOGUE.length >= 300, `only ${DEFAULT_CATALOGUE.length} songs`);
  assert.equal(new Set(DEFAULT_CATALOGUE.map((s) => s.id)).size, DEFAULT_CATALOGUE.length);
  const pairs = DEFAULT_CATALOGUE.map((s) => `${s.title.toLowerCase()}|${s.artist.toLowerCase()}`);
  assert.equal(new Set(pairs).size, pairs.length);
  for (const song of DEFAULT_CATALOGUE) assert.match(song.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, song.id);
});

test('at least 40% of the shipped songs are Korean, across ballad, K-pop, indie, OST and hip-hop', () => {
  const korean = DEFAULT_CATALOGUE.filter((s) => s.language === 'ko');
  assert.ok(share(korean.length) >= 0.4, `Korean share ${share(korean.length)}`);
  const genres = new Set(korean.map((s) => s.genre));
  for (const genre of ['ballad', 'k-pop', 'indie', 'ost', 'hip-hop']) assert.ok(genres.has(genre), genre);
  assert.ok(DEFAULT_CATALOGUE.some((s) => s.language === 'en'));
});

test('every valence/arousal quadrant (split at 0.5) holds at least 15% of the shipped songs', () => {
  const quadrants = { pleasantCalm: 0, pleasantEnergetic: 0, unpleasantCalm: 0, unpleasantEnergetic: 0 };
  for (const s of DEFAULT_CATALOGUE) {
    const key = `${s.valence >= 0.5 ? 'pleasant' : 'unpleasant'}${s.arousal >= 0.5 ? 'Energetic' : 'Calm'}`;
    quadrants[key as keyof typeof quadrants]++;
  }
  for (const [name, count] of Object.entries(quadrants)) {
    assert.ok(share(count) >= 0.15, `${name}: ${count} songs (${(share(count) * 100).toFixed(1)}%)`);
  }
});

test('every shipped song is a team rating with a year, a genre and tags, and has play links', () => {
  for (const s of DEFAULT_CATALOGUE) {
    assert.deepEqual(s.source, TEAM_SOURCE, s.id);
    assert.ok(s.year !== undefined && s.year >= 1930 && s.year <= new Date().getFullYear(), s.id);
    assert.ok(s.genre, s.id);
    assert.ok(s.tags.length > 0, s.id);
    const links = songLinks(s);
    assert.ok(links.melon.includes(encodeURIComponent(s.title)), s.id);
  }
});
