export { VERSION } from './version.js';
export { MoodCamera, type MoodCameraState } from './mood-camera/mood-camera.js';
export { MoodSongs } from './mood-songs/mood-songs.js';
export { MoodEntryForm, type MoodEntryFormState } from './mood-entry-form/mood-entry-form.js';
export { MoodTracker } from './mood-tracker/mood-tracker.js';
export { MoodSignIn, type MoodSignInMode } from './mood-sign-in/mood-sign-in.js';
export { MoodAccount, type MoodAccountMode } from './mood-account/mood-account.js';
export {
  MoodSettings,
  type MoodDiaryDeleter,
  type MoodPassphraseChanger,
} from './mood-settings/mood-settings.js';
export { MoodDiary, type MoodDiaryScreen, type MoodDiaryTab } from './mood-diary/mood-diary.js';
export {
  ElementsError,
  isElementsError,
  toElementsError,
  type ElementsErrorCode,
  type CameraErrorCode,
} from './internal/errors.js';
export {
  DEFAULT_STRINGS,
  resolveLang,
  type MoodLang,
  type MoodStrings,
  type StringKey,
} from './internal/i18n.js';
export * from './internal/events.js';
export type * from './internal/types.js';
export {
  setDefaultDetectorConfig,
  setDefaultDetectorWorker,
  type DetectorFactory,
  type DetectorOptions,
} from './internal/defaults.js';
