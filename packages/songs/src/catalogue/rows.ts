import type { MoodSource } from '../types.js';

/** Mood source of every song of the default catalogue: the team's own ratings (rubric in the README). */
export const TEAM_SOURCE: MoodSource = Object.freeze({
  name: 'Moodiary team rating (rubric v1)',
  licence: 'MIT',
});

/**
 * One song of the default catalogue in a compact form:
 * `[id, title, artist, year, language, genre, valence, arousal, tags]`, tags separated by spaces.
 * Titles and artists as released; ratings made with the README's rubric.
 */
export type Row = readonly [
  id: string,
  title: string,
  artist: string,
  year: number,
  language: string,
  genre: string,
  valence: number,
  arousal: number,
  tags: string,
];

/** A song object before validation (the shape {@link validateCatalogue} takes). */
export interface SongInput {
  readonly id: string;
  readonly title: string;
  readonly artist: string;
  readonly year: number;
  readonly language: string;
  readonly genre: string;
  readonly valence: number;
  readonly arousal: number;
  readonly tags: readonly string[];
  readonly source: MoodSource;
}

/** Turns compact rows into song objects rated by the team. */
export function fromRows(rows: readonly Row[]): SongInput[] {
  return rows.map(([id, title, artist, year, language, genre, valence, arousal, tags]) => ({
    id,
    title,
    artist,
    year,
    language,
    genre,
    valence,
    arousal,
    tags: tags.split(' ').filter(Boolean),
    source: TEAM_SOURCE,
  }));
}
