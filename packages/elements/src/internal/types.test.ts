import { expect } from '@open-wc/testing';
import type { EmotionDetector, EmotionWorkerDetector, Estimator } from '@moodiary/emotion';
import type {
  Diary,
  EntryStore,
  MoodStore,
  ProfileDirectory,
  ProfileEntryStore,
  ProfileStore,
} from '@moodiary/store';
import { DEFAULT_CATALOGUE, matchSongs, type SongMatcher, type SongTitle } from '@moodiary/songs';
import type { PeriodStore } from '../mood-tracker/mood-tracker.data.js';

// Compile-time checks (tsc -p tsconfig.check.json): the SDK's own detector, stores, diary and matcher
// fit the interfaces the elements take (the classes also declare `implements`). A change on either
// side that breaks this fails type-checking.
type Assignable<T, U extends T> = U;
export type Checks = [
  Assignable<Estimator, EmotionDetector>,
  Assignable<Estimator, EmotionWorkerDetector>,
  Assignable<EntryStore, MoodStore>,
  // The tracker asks such a store for its summaries and search (a host's own store may offer them too).
  Assignable<PeriodStore, MoodStore>,
  Assignable<PeriodStore, ProfileStore>,
  Assignable<ProfileEntryStore, ProfileStore>,
  Assignable<ProfileDirectory, Diary>,
  Assignable<SongMatcher, typeof matchSongs>,
  Assignable<readonly SongTitle[], typeof DEFAULT_CATALOGUE>,
];

describe('the SDK fits the elements', () => {
  it('matchSongs is a SongMatcher (checked by tsc; this run checks it at runtime)', async () => {
    const matcher: SongMatcher = matchSongs;
    const result = await matcher(
      { happy: 1, angry: 0, sad: 0, anxious: 0, neutral: 0, embarrassed: 0 },
      { mode: 'match', count: 2 },
    );
    expect(result.songs).to.have.length(2);
    expect(result.songs[0]!.links.youtube).to.match(/^https:\/\//);
  });
});
