export type {
  CorruptRecord,
  DayMoment,
  Distribution,
  EntrySource,
  EntryStore,
  ImportResult,
  Moments,
  MoodEntry,
  MoodEntryPatch,
  MoodPoint,
  MoodStore,
  MoodSummary,
  NewMoodEntry,
  PeriodSummary,
  RangePage,
  RangeQuery,
  SearchQuery,
  SongRef,
  StoreEvent,
  StoreListener,
  Streaks,
  WeekdaySummary,
} from './types.js';
export { StoreError, isStoreError } from './errors.js';
export type { StoreErrorCode } from './errors.js';
export { ENTRY_LIMITS, ENTRY_SOURCES, createEntry, validateEntry } from './entry.js';
export type { ValidateOptions } from './entry.js';
export { VALENCE, entryValence } from './summaries.js';
export { addDays, addMonths, isLocalDate, localDateOf } from '@moodiary/core';
export { createIndexedDbStore, createMemoryStore } from './factories.js';
export type { IndexedDbOptions, IndexedDbStoreOptions } from './factories.js';
export type { StoreOptions } from './store.js';
export { openDiary } from './profiles.js';
export type {
  Diary,
  DiaryEvent,
  DiaryOptions,
  ProfileDirectory,
  ProfileEntryStore,
  ProfileInfo,
  ProfileStore,
} from './profiles.js';
export { DEFAULT_KDF_ITERATIONS } from './crypto.js';
export {
  MIN_PASSPHRASE_LENGTH,
  MIN_PASSPHRASE_SCORE,
  PASSPHRASE_SUGGESTIONS,
  PASSPHRASE_WARNINGS,
  passphraseStrength,
} from './passphrase.js';
export type {
  PassphraseRule,
  PassphraseScore,
  PassphraseStrength,
  PassphraseSuggestion,
  PassphraseWarning,
} from './passphrase.js';
export {
  CSV_COLUMNS,
  ENCRYPTED_EXPORT_FORMAT,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  decryptJsonExport,
  encryptJsonExport,
  exportCsv,
  exportEncryptedJson,
  exportJson,
  importCsv,
  importEncryptedJson,
  importJson,
  isEncryptedJsonExport,
  readCsvExport,
  readJsonExport,
  toCsv,
  toJsonExport,
} from './exchange.js';
export type {
  EncryptedExportOptions,
  EncryptedJsonExport,
  ExportOptions,
  ImportRowError,
  JsonExport,
} from './exchange.js';
export { thumbnailFromBlob } from './thumbnail.js';
