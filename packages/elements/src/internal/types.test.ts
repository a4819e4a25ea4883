import { expect } from '@open-wc/testing';
import type { EmotionDetector, EmotionWorkerDetector } from '@moodiary/emotion';
import type { Diary, MoodStore, ProfileStore } from '@moodiary/store';
import { DEFAULT_CATALOGUE, matchSongs } from '@moodiary/songs';
import type {
  DetectorLike,
  DiaryLike,
  EntryStoreLike,
  ProfileStoreLike,
  SongLike,
  SongMatcher,
} from './types.js';
import type { PeriodStore } from '../mood-tracker/mood-tracker.data.js';

// Compile-time checks (tsc -p tsconfig.check.json): the real packages plug into the elements'
// structural types without casts. A change on either side that breaks this fails type-checking.
type Assignable<T, U extends T> = U;
export type Checks = [
  Assignable<DetectorLike, EmotionDetector>,
  Assignable<DetectorLike, EmotionWorkerDetector>,
  Assignable<EntryStoreLike, MoodStore>,
  // The tracker asks such a store for its summaries and search (a host's own store may offer them too).
  Assignable<PeriodStore, MoodStore>,
  Assignable<PeriodStore, ProfileStore>,
  Assignable<ProfileStoreLike, ProfileStore>,
  Assignable<DiaryLike, Diary>,
  Assignable<SongMatcher, typeof matchSongs>,
  Assignable<readonly SongLike[], typeof DEFAULT_CATALOGUE>,
];

describe('structural types', () => {
  it('match the real packages (checked by tsc; this run checks the song matcher at runtime)', async () => {
    const matcher: SongMatcher = matchSongs;
    const result = await matcher(
      { happy: 1, angry: 0, sad: 0, anxious: 0, neutral: 0, embarrassed: 0 },
      { mode: 'match', count: 2 },
    );
    expect(result.songs).to.have.length(2);
    expect(result.songs[0]!.links.youtube).to.match(/^https:\/\//);
  });
});
