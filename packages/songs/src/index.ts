/**
 * `@moodiary/songs`: a song catalogue and a matcher that expresses or lifts a mood.
 *
 * @example
 * import { matchSongs } from '@moodiary/songs';
 * const { songs } = matchSongs(entry.probabilities, { mode: 'lift', language: 'ko' });
 */
export type { Catalogue, MoodPoint, MoodSource, ProviderIds, Song, SongTitle } from './types.js';
export { SongsError, type SongsErrorCode } from './errors.js';
export {
  CATALOGUE_CSV_COLUMNS,
  UNKNOWN_SOURCE,
  isValidatedCatalogue,
  parseCatalogueCsv,
  parseCatalogueJson,
  validateCatalogue,
} from './catalogue.js';
export {
  DEEZER_COLUMNS,
  DEEZER_SOURCE,
  MUSE_COLUMNS,
  MUSE_SOURCE,
  fromDeezerCsv,
  fromMuseCsv,
  percentileRanks,
  type ImportOptions,
} from './adapters.js';
export { DEFAULT_CATALOGUE, TEAM_SOURCE } from './default-catalogue.js';
export { SEARCH_LINK_TEMPLATES, songLinks, type SongLinks } from './links.js';
export {
  LABEL_ANCHORS,
  LIFT_GOAL,
  meanProbabilities,
  moodDistance,
  moodTarget,
  normalizeProbabilities,
  topLabel,
} from './mood.js';
export { songReason, type Reason, type ReasonRole } from './reasons.js';
export {
  MAX_SONG_PREFERENCES,
  RECENT_DAYS,
  SONG_PREFERENCES_SETTING,
  changeSongPreference,
  dayProbabilities,
  daySongWindow,
  playlistM3u,
  playlistText,
  readSongPreferences,
  songsOfDays,
  type DayEntry,
  type DaySong,
  type DaySongOptions,
  type SongPreferences,
} from './day.js';
export {
  FAVOUR_BONUS,
  LANGUAGE_PENALTY,
  matchSongs,
  type LiftRoute,
  type MatchMode,
  type MatchOptions,
  type MatchResult,
  type SongMatch,
  type SongMatcher,
  type SongSuggestion,
} from './match.js';
