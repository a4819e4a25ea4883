import type { ReactiveControllerHost } from 'lit';
import type { EntryStore, MoodEntry } from '@moodiary/store';
import type { SongTitle } from '@moodiary/songs';
import type { LocalizedElement } from '../internal/localized-element.js';
import type { Figures, PeriodStore } from './mood-tracker.data.js';

/**
 * What the tracker's parts (day dialog, songs, playlist, search, grids) read of `<mood-tracker>`:
 * its properties and the figures it read live in the tracker, once; a part asks through this
 * and keeps only its own state. Functions, so that the tracker's members stay private.
 */
export interface TrackerContext {
  readonly host: LocalizedElement & ReactiveControllerHost;
  store(): EntryStore | null;
  /** The store, when it answers the tracker's questions itself; `null`: entries are held whole. */
  periodStore(): PeriodStore | null;
  /** The figures of the period shown (the store's, or the same rules over the entries given). */
  figures(): Figures;
  /** The entries held whole that the tracker can show (a host's `entries`, or a simple store's). */
  readable(): readonly MoodEntry[];
  /** The figures the store answered, once read (`null` before, or without such a store). */
  storeFigures(): Figures | null;
  /** Changes the host's `entries` (an edit or delete without a store). */
  editEntries(change: (entries: readonly MoodEntry[]) => readonly MoodEntry[]): void;
  view(): 'month' | 'year';
  period(): { from: string; to: string };
  today(): string;
  readonly(): boolean;
  catalogue(): readonly SongTitle[] | null;
  locale(): string;
  formatDate(date: string, options: Intl.DateTimeFormatOptions): string;
  /** Reads the store again. */
  reload(): Promise<void>;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are slow to create: one per locale and options, shared by every tracker. */
export function formatterOf(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let format = FORMATTERS.get(key);
  if (!format) FORMATTERS.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** A notice under a part: a failure (alert) or how something went (status). */
export interface Notice {
  readonly text: string;
  readonly alert: boolean;
}
