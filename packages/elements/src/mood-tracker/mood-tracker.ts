import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { cssom } from '../internal/cssom-style.js';
import { drawn } from '../internal/picture.js';
import { EMOTION_LABELS } from '@moodiary/core';
import { LocalizedElement } from '../internal/localized-element.js';
import type { MoodEntryForm } from '../mood-entry-form/mood-entry-form.js';
import { tokens } from '../internal/styles.js';
import { styles } from './mood-tracker.styles.js';
import {
  byTime,
  figuresOf,
  keepsSettings,
  readDayMoods,
  readableEntries,
  readEntries,
  readFigures,
  readsByPeriod,
  type Figures,
  type MomentKey,
  type PeriodStore,
} from './mood-tracker.data.js';
import type { EntryStore, MoodEntry, MoodSummary } from '@moodiary/store';
import { addDays, addMonths, daysInMonth, eachDay, monthOf, yearOf } from '@moodiary/core';
import { parseDate, todayIso } from '../internal/dates.js';
import {
  MoodDeletedEvent,
  MoodEntrySelectEvent,
  MoodErrorEvent,
  MoodUpdatedEvent,
  type MoodEntryChangeEvent,
} from '../internal/events.js';
import { ElementsError, toElementsError } from '../internal/errors.js';
import { defaultCatalogue, songsSdk } from '../internal/defaults.js';
import { PROVIDERS, isWebLink } from '../internal/links.js';
import type { DaySong, SongPreferences } from '@moodiary/songs';
import { bookIcon } from '../internal/icons.js';
import type { StringKey } from '../internal/i18n.js';
import { formatTags, matchesSearch, searchTerms } from '../internal/tags.js';
import type { MoodEntryValue } from '../internal/types.js';
import type { SongTitle } from '@moodiary/songs';

const pad = (n: number) => String(n).padStart(2, '0');
/** One empty list, so a summarising store's "no entries whole" is the same value on every update. */
const NO_ENTRIES: readonly MoodEntry[] = Object.freeze([]);

/**
 * What is being done to one entry of the open day: edited (with the words as typed, whether the store
 * is writing them, and why it refused), or its delete awaiting a yes. One at a time.
 */
type EntryAction =
  | {
      readonly kind: 'edit';
      readonly id: string;
      readonly words: MoodEntryValue;
      readonly saving: boolean;
      readonly error: string;
    }
  | { readonly kind: 'confirm-delete'; readonly id: string };

/** A day (or, for a year, a week) on the chart: its mean mood and range, from the store's summaries. */
interface ChartDay {
  readonly date: string;
  readonly dominant: MoodSummary['dominant'];
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** The days of a period summary that have entries, as the chart draws them. */
function chartDays(byDay: readonly MoodSummary[]): ChartDay[] {
  const out: ChartDay[] = [];
  for (const d of byDay)
    if (d.count)
      out.push({
        date: d.from,
        dominant: d.dominant,
        mean: d.meanValence!,
        min: d.minValence!,
        max: d.maxValence!,
      });
  return out;
}

/** Entries whose note or tags hold every word of `search`, newest first; `null` when there is no search. */
function findEntries(entries: readonly MoodEntry[], search: string): MoodEntry[] | null {
  const terms = searchTerms(search);
  if (terms.length === 0) return null;
  return entries
    .filter((e) => !e.deletedAt && matchesSearch(e, terms))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
/** A year's days binned by 7 (from the first of January), to draw: mean of means, lowest low, highest high. */
function weekly(days: ChartDay[], from: string): ChartDay[] {
  const start = parseDate(from).getTime();
  const bins = new Map<number, ChartDay[]>();
  for (const day of days) {
    const bin = Math.floor(Math.round((parseDate(day.date).getTime() - start) / 86_400_000) / 7);
    const list = bins.get(bin);
    if (list) list.push(day);
    else bins.set(bin, [day]);
  }
  return [...bins.entries()].map(([bin, list]) => ({
    date: addDays(from, bin * 7 + 3),
    dominant: list[list.length - 1]!.dominant,
    mean: list.reduce((s, d) => s + d.mean, 0) / list.length,
    min: Math.min(...list.map((d) => d.min)),
    max: Math.max(...list.map((d) => d.max)),
  }));
}

/**
 * The diary at a glance: a month calendar coloured by mood, a year in pixels,
 * today / yesterday / a month ago / a year ago, mood over time with each day's
 * range, mood by weekday, the mix of moods and the current streak. Any day opens
 * its entries, with note, songs and (if kept) thumbnail, to edit or delete.
 *
 * Give it `entries` (plain data) or a `store`, kept fresh with `subscribe()`. A store that
 * summarises (`@moodiary/store`'s does) is asked for every figure: the month's or year's summary,
 * mood by weekday, streaks, count, the four moments and search hits; a day's entries are read when
 * it opens. A store with only `all()` is read whole. Given entries are summed up by the same rules
 * (`@moodiary/store/summaries`), so both show the same figures. Fast with ten years of entries.
 *
 * @tagname mood-tracker
 * @summary Month calendar, year in pixels and mood statistics of a diary.
 *
 * @event mood-entry-select - A day was opened. `detail: { date, entry }` (the day's latest entry, or null).
 * @event mood-updated - An entry was edited (after the store confirmed it, when there is one). `detail.entry`.
 * @event mood-deleted - An entry was deleted. `detail.id`.
 * @event mood-error - Loading, editing or deleting failed. `detail.code`: `load-failed`, `update-failed`, `delete-failed`.
 *
 * @csspart base - Everything.
 * @csspart moments - The four "today / yesterday / a month ago / a year ago" cards.
 * @csspart moment - One of those cards.
 * @csspart day-song - A day's song (on a moment card and in a day's detail): title, reason, play links, like and hide.
 * @csspart song-link - A play link of a day's song.
 * @csspart playlist - The period's songs, one a day: copy, save as M3U, share.
 * @csspart calendar - The month grid.
 * @csspart year - The year-in-pixels grid.
 * @csspart day - A day cell (calendar or year).
 * @csspart chart - The mood-over-time chart.
 * @csspart weekdays - Mood by weekday.
 * @csspart distribution - The mix of moods.
 * @csspart streak - The streak.
 * @csspart empty - Shown when the diary has no entries.
 * @csspart detail - The open day's dialog.
 * @csspart entry - One entry in the dialog.
 *
 * @cssproperty --mood-color-happy - Mood colours: also `--mood-color-angry`, `-sad`, `-anxious`, `-neutral`, `-embarrassed`.
 * @cssproperty --mood-color-empty - A day without entries.
 * @cssproperty --mood-tracker-cell-size - Calendar cell size.
 * @cssproperty --mood-tracker-pixel-size - Year-in-pixels cell size.
 */
export class MoodTracker extends LocalizedElement {
  static override styles = [tokens, styles];

  /** The diary's entries (plain data). Ignored when `store` is set. */
  @property({ attribute: false }) entries: readonly MoodEntry[] = [];

  /** A store to read from, edit and delete through. */
  @property({ attribute: false }) store: EntryStore | null = null;

  /** `month` (calendar) or `year` (year in pixels). */
  @property({ reflect: true }) view: 'month' | 'year' = 'month';

  /** A day in the month or year shown, `YYYY-MM-DD` (default: today). */
  @property() date = '';

  /** What counts as today, `YYYY-MM-DD` (default: the device's date). */
  @property() today = '';

  /** Songs to show titles for song ids in entries. Default: looked up from `@moodiary/songs` when needed. */
  @property({ attribute: false }) catalogue: readonly SongTitle[] | null = null;

  /** Hide edit and delete. */
  @property({ type: Boolean }) readonly = false;

  /** Words to find in notes and tags (`#` optional); the matching entries are listed, newest first. */
  @property() search = '';

  /** From a store with only `all()`: every entry. */
  @state() private loaded: readonly MoodEntry[] | null = null;
  /** From a store that summarises: the figures of the period shown (see `readFigures`). */
  @state() private read: Figures | null = null;
  /** The open day's entries read whole from the store (a summarising store's day outside the moments). */
  @state() private dayRead: { date: string; entries: readonly MoodEntry[] } | null = null;
  private dayRun = 0;
  @state() private status: 'ready' | 'loading' | 'error' = 'ready';
  @state() private openDate: string | null = null;
  @state() private action: EntryAction | null = null;
  @state() private focusDate = '';
  /** What the day dialog says after a delete: a failure (alert) or how it was done (status). */
  @state() private dayNotice: { text: string; alert: boolean; undo?: string } | null = null;
  @state() private songTitles = new Map<string, SongTitle>();
  /** The song of each day shown (the four moments, the open day), from `@moodiary/songs`' `songsOfDays`. */
  @state() private daySongs: ReadonlyMap<string, DaySong> = new Map();
  /** Liked and hidden songs: the store's profile setting, or kept here for entries given whole. */
  @state() private songPrefs: SongPreferences = { liked: [], hidden: [] };
  /** A song just hidden, to say so with an undo. */
  @state() private songNotice: { readonly id: string; readonly title: string } | null = null;
  /** The period's songs, one a day, once the playlist is opened (for the period in `key`). */
  @state() private playlist: { readonly key: string; readonly songs: readonly DaySong[] } | null = null;
  @state() private playlistNotice: { readonly text: string; readonly alert: boolean } | null = null;
  private playlistRun = 0;
  private playlistInputs: readonly unknown[] = [];
  /** What the day songs were last worked out from (compared by identity). */
  private songInputs: readonly unknown[] = [];
  private songsRun = 0;
  private prefsRun = 0;
  /** Whether the store's liked and hidden songs have been read: no song is picked before (it would flash). */
  @state() private prefsRead = true;

  @query('dialog') private dialog?: HTMLDialogElement;

  private checkedFrom: readonly MoodEntry[] | null = null;
  /** The entries given whole (host's, or a simple store's) that the tracker can draw (see `readableEntries`). */
  private readable: readonly MoodEntry[] = [];
  /** The figures of `readable`, kept while neither they nor the period change. */
  private summed: {
    readonly key: string;
    readonly from: readonly MoodEntry[];
    readonly figures: Figures;
  } | null = null;
  /** Each day of the shown period by date, for the figures it was built from. */
  private days: { readonly of: Figures; readonly byDate: Map<string, MoodSummary> } | null = null;
  /** The entries the search finds, newest first (`null`: no search); redone when either changes. */
  @state() private hits: readonly MoodEntry[] | null = null;
  private unsubscribe: (() => void) | null = null;
  private loadRun = 0;
  private searchRun = 0;
  /** The period and day the figures were read for (`view|from|to|today`). */
  private windowKey = '';
  /**
   * The period being read now: any update meanwhile (a song worked out, a state change) must not
   * start the same read again, or each would make the one before stale and none would ever land.
   */
  private loadingWindow = '';

  /**
   * The entries the tracker holds whole: `entries`, or a store's. A store that summarises gives only
   * the four moments' entries (a period is drawn from its summaries; a day is read when opened).
   */
  get shownEntries(): readonly MoodEntry[] {
    if (!this.store) return this.entries;
    if (this.loaded) return this.loaded;
    return this.read ? Object.values(this.read.moments).flatMap((m) => m.entries) : [];
  }

  /** What the tracker shows: the store's figures, or the same rules over the entries given whole. */
  private get figures(): Figures {
    const store = this.store;
    if (store && readsByPeriod(store) && this.read) return this.read;
    const key = this.wantedWindow;
    if (this.summed?.key !== key || this.summed.from !== this.readable)
      this.summed = {
        key,
        from: this.readable,
        figures: figuresOf(this.readable, this.view, this.anchor, this.todayDate),
      };
    return this.summed.figures;
  }

  /** A day of the shown period that has entries: the store's summary of it. */
  private dayOf(date: string): MoodSummary | undefined {
    const figures = this.figures;
    if (this.days?.of !== figures)
      this.days = { of: figures, byDate: new Map(figures.period.byDay.map((d) => [d.from, d])) };
    const day = this.days.byDate.get(date);
    return day?.count ? day : undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // On first connection willUpdate starts watching; this covers re-insertion.
    if (this.hasUpdated && this.store && !this.unsubscribe) this.watch();
  }

  /** Done when the entry form inside has drawn too, so a host sees the whole element updated. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.renderRoot.querySelector<MoodEntryForm>('mood-entry-form')?.updateComplete;
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) {
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.loaded = null;
      this.read = null;
      this.dayRead = null;
      this.windowKey = '';
      this.songPrefs = { liked: [], hidden: [] };
      this.prefsRead = !keepsSettings(this.store);
      if (this.store) this.watch();
    } else if (
      this.store &&
      readsByPeriod(this.store) &&
      this.windowKey &&
      this.windowKey !== this.wantedWindow &&
      this.loadingWindow !== this.wantedWindow
    )
      void this.reload();
    const given = this.store ? (this.loaded ?? NO_ENTRIES) : this.entries;
    const newSource = given !== this.checkedFrom;
    if (newSource) {
      const { entries, rejected } = readableEntries(given);
      this.readable = entries;
      this.checkedFrom = given;
      if (rejected.length) this.reportUnreadable(rejected);
    }
    if (this.store && readsByPeriod(this.store)) {
      if (changed.has('search') || changed.has('store')) void this.searchStore(this.store);
    } else if (newSource || changed.has('search')) this.hits = findEntries(this.readable, this.search);
    if (!this.focusDate || changed.has('date')) this.focusDate = this.anchor;
  }

  private reportUnreadable(ids: string[]) {
    const error = new ElementsError(
      'invalid-entry',
      `${ids.length} entries cannot be shown (unknown label or date).`,
      {
        details: { ids },
      },
    );
    this.dispatchEvent(new MoodErrorEvent({ error, code: error.code }));
  }

  private watch() {
    const store = this.store!;
    this.unsubscribe =
      store.subscribe?.((event) => {
        if (event.type !== 'change' && event.type !== 'reconnected') return;
        void this.reload();
        void this.loadSongPrefs(); // an import may bring them
        // Hits follow what the store holds, not the period shown: searched again only when it changes.
        if (this.search && readsByPeriod(store)) void this.searchStore(store);
      }) ?? null;
    void this.reload();
    void this.loadSongPrefs();
  }

  /** Liked and hidden songs from the store's profile setting. */
  private async loadSongPrefs() {
    const store = this.store;
    if (!keepsSettings(store)) return;
    const run = ++this.prefsRun;
    try {
      const [sdk, settings] = await Promise.all([songsSdk(), store.settings()]);
      if (run !== this.prefsRun || store !== this.store) return;
      const prefs = sdk.readSongPreferences(settings[sdk.SONG_PREFERENCES_SETTING]);
      // Kept when equal, so the day songs are not worked out again for nothing.
      if (JSON.stringify(prefs) !== JSON.stringify(this.songPrefs)) this.songPrefs = prefs;
      this.prefsRead = true;
    } catch (error) {
      if (run !== this.prefsRun) return;
      this.prefsRead = true;
      const err = toElementsError(error, 'load-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  protected override updated(): void {
    void this.refreshDaySongs();
    // An open playlist follows the period, the entries and the liked and hidden songs.
    const inputs = [this.figures, this.songPrefs, this.language, this.period.from];
    const open = this.renderRoot.querySelector<HTMLDetailsElement>('details[part=playlist]')?.open;
    if (open && !inputs.every((x, i) => x === this.playlistInputs[i])) {
      this.playlistInputs = inputs;
      void this.loadPlaylist();
    }
  }

  /** The days that show a song: the four moments and the open day, those with entries. */
  private get songDates(): string[] {
    const dates = Object.values(this.figures.moments)
      .filter((m) => m.summary.count > 0)
      .map((m) => m.date);
    const open = this.openDate;
    if (open && !dates.includes(open) && this.dayEntries(open)?.length) dates.push(open);
    return dates;
  }

  /**
   * Works out the song of each day shown when anything it depends on changed: the figures (a new
   * read), the open day's entries, the liked and hidden songs, the language, the catalogue.
   */
  private async refreshDaySongs() {
    const dates = this.songDates;
    // The open day's entries come from these (compared by identity: `dayEntries` filters anew).
    const inputs = [
      this.figures,
      this.readable,
      this.dayRead,
      this.songPrefs,
      this.language,
      this.catalogue,
      this.store,
      this.prefsRead,
      dates.join(),
    ];
    if (inputs.length === this.songInputs.length && inputs.every((x, i) => x === this.songInputs[i])) return;
    this.songInputs = inputs;
    const run = ++this.songsRun;
    if (!this.prefsRead) return;
    if (dates.length === 0) {
      if (this.daySongs.size) this.daySongs = new Map();
      return;
    }
    const store = this.store;
    try {
      const sdk = await songsSdk();
      const around = await readDayMoods(
        store,
        this.readable,
        dates.map((d) => sdk.daySongWindow(d)),
      );
      // Each day's own entries whole: the songs kept with them.
      for (const date of dates) {
        const whole = this.dayEntries(date);
        if (whole) around.set(date, [...whole]);
      }
      const songs = sdk.songsOfDays(around, dates, this.songOptions(sdk));
      if (run === this.songsRun && store === this.store) this.daySongs = songs;
    } catch (error) {
      if (run !== this.songsRun) return;
      const err = toElementsError(error, 'load-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  /** The options every day song is picked with (the same on the cards, in a day and in the playlist). */
  private songOptions(sdk: Awaited<ReturnType<typeof songsSdk>>) {
    const catalogue = this.catalogue && sdk.isValidatedCatalogue(this.catalogue) ? this.catalogue : undefined;
    return {
      profile: (this.store as { profile?: string } | null)?.profile ?? '',
      preferences: this.songPrefs,
      language: this.language === 'ko' ? ['ko', 'en'] : ['en', 'ko'],
      ...(catalogue ? { catalogue } : {}),
    };
  }

  /** The shown period's songs, one a day: read when the playlist is opened (a month of entries whole). */
  private async loadPlaylist() {
    const { from, to } = this.period;
    const key = `${from}|${to}`;
    const run = ++this.playlistRun;
    const store = this.store;
    try {
      const sdk = await songsSdk();
      const around = await readDayMoods(store, this.readable, [{ from: sdk.daySongWindow(from).from, to }]);
      // The period's entries whole: the songs kept with them.
      if (store && readsByPeriod(store)) {
        const whole = new Map<string, MoodEntry[]>();
        for (const e of await readEntries(store, { from, to }))
          whole.set(e.localDate, [...(whole.get(e.localDate) ?? []), e]);
        for (const [date, list] of whole) around.set(date, list);
      }
      const dates = eachDay(from, to).filter((d) => around.has(d));
      const songs = sdk.songsOfDays(around, dates, this.songOptions(sdk));
      if (run === this.playlistRun && store === this.store)
        this.playlist = { key, songs: [...songs.values()] };
    } catch (error) {
      if (run !== this.playlistRun) return;
      const err = toElementsError(error, 'load-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  private get periodName(): string {
    const { from } = this.period;
    return this.view === 'year'
      ? this.formatDate(from, { year: 'numeric' })
      : this.formatDate(from, { year: 'numeric', month: 'long' });
  }

  /** Copies, saves (an M3U file) or shares the period's songs; says how it went. */
  private async sharePlaylist(how: 'copy' | 'save' | 'share') {
    const songs = this.playlist?.songs ?? [];
    const sdk = await songsSdk();
    const title = this.t('playlistTitle', { period: this.periodName });
    try {
      if (how === 'save') {
        const url = URL.createObjectURL(
          new Blob([sdk.playlistM3u(songs, { title })], { type: 'audio/x-mpegurl;charset=utf-8' }),
        );
        const a = document.createElement('a');
        a.href = url;
        a.download = `moodiary-${this.period.from.slice(0, this.view === 'year' ? 4 : 7)}.m3u8`;
        a.rel = 'noopener';
        this.renderRoot.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        return;
      }
      const text = sdk.playlistText(songs, { title });
      if (how === 'share') await navigator.share({ title, text });
      else {
        await navigator.clipboard.writeText(text);
        this.playlistNotice = { text: this.t('playlistCopied'), alert: false };
      }
    } catch (error) {
      // A share the user cancelled is no failure.
      if ((error as { name?: string } | null)?.name === 'AbortError') return;
      this.playlistNotice = {
        text: this.t('playlistFailed', { message: (error as Error)?.message ?? String(error) }),
        alert: true,
      };
    }
  }

  private renderPlaylist() {
    const { from, to } = this.period;
    const list = this.playlist?.key === `${from}|${to}` ? this.playlist.songs : null;
    const canShare = typeof navigator.share === 'function';
    return html`<details
      part="playlist"
      class="stat playlist"
      @toggle=${(e: Event) => {
        if ((e.target as HTMLDetailsElement).open) this.requestUpdate();
      }}
    >
      <summary><h3>${this.t('playlist')}</h3></summary>
      ${
        !list
          ? html`<p class="muted" role="status">${this.t('loading')}</p>`
          : list.length === 0
            ? html`<p class="muted">${this.t('playlistEmpty')}</p>`
            : html`<ol class="playlist-songs">
                  ${list.map(
                    (d) =>
                      html`<li data-date=${d.date} data-song-id=${d.match.song.id}>
                        <span class="muted"
                          >${this.formatDate(d.date, { month: 'short', day: 'numeric' })}</span
                        >
                        <strong>${d.match.song.title}</strong> · ${d.match.song.artist}
                      </li>`,
                  )}
                </ol>
                <div class="song-actions">
                  <button type="button" data-action="copy" @click=${() => void this.sharePlaylist('copy')}>
                    ${this.t('playlistCopy')}
                  </button>
                  <button type="button" data-action="save" @click=${() => void this.sharePlaylist('save')}>
                    ${this.t('playlistSave')}
                  </button>
                  ${
                    canShare
                      ? html`<button
                          type="button"
                          data-action="share"
                          @click=${() => void this.sharePlaylist('share')}
                        >
                          ${this.t('playlistShare')}
                        </button>`
                      : nothing
                  }
                </div>`
      }
      ${
        this.playlistNotice
          ? html`<p
              class=${this.playlistNotice.alert ? 'error' : 'muted'}
              role=${this.playlistNotice.alert ? 'alert' : 'status'}
            >
              ${this.playlistNotice.text}
            </p>`
          : nothing
      }
    </details>`;
  }

  /** Likes, unlikes, hides or unhides a song; kept in the store's profile setting (encrypted, exported). */
  private async changeSong(id: string, title: string, change: 'like' | 'unlike' | 'hide' | 'unhide') {
    const store = this.store;
    const before = this.songPrefs;
    try {
      const sdk = await songsSdk();
      const next = sdk.changeSongPreference(before, id, change);
      this.songPrefs = next;
      this.songNotice = change === 'hide' ? { id, title } : null;
      if (keepsSettings(store)) await store.setSetting(sdk.SONG_PREFERENCES_SETTING, next);
    } catch (error) {
      if (this.store === store) this.songPrefs = before;
      const err = toElementsError(error, 'update-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  /** The period and day the figures are for. */
  private get wantedWindow(): string {
    const { from, to } = this.period;
    return `${this.view}|${from}|${to}|${this.todayDate}`;
  }

  /** Reads the store again: the figures of the period shown when the store can, else every entry. */
  async reload(): Promise<void> {
    const store = this.store;
    if (!store) return;
    const run = ++this.loadRun;
    this.status = 'loading';
    try {
      const key = this.wantedWindow;
      this.loadingWindow = key;
      const byPeriod = readsByPeriod(store) ? store : null;
      const read = byPeriod && (await readFigures(byPeriod, this.view, this.anchor, this.todayDate));
      const entries = read ? null : await store.all();
      if (run !== this.loadRun || store !== this.store) return;
      this.read = read;
      this.loaded = entries;
      if (this.openDate) void this.readDay(this.openDate);
      this.windowKey = read ? key : '';
      this.loadingWindow = '';
      this.status = 'ready';
    } catch (error) {
      if (run !== this.loadRun) return;
      this.loadingWindow = '';
      this.status = 'error';
      const err = toElementsError(error, 'load-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  /** Search hits from the store (it searches the whole diary). */
  private async searchStore(store: PeriodStore) {
    const run = ++this.searchRun;
    const text = searchTerms(this.search).join(' ');
    if (!text) {
      this.hits = null;
      return;
    }
    try {
      const found = await store.search(text);
      if (run === this.searchRun && store === this.store) this.hits = readableEntries(found).entries;
    } catch (error) {
      if (run !== this.searchRun) return;
      const err = toElementsError(error, 'load-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  private get todayDate(): string {
    return this.today || todayIso();
  }

  private get anchor(): string {
    return this.date || this.todayDate;
  }

  private get period(): { from: string; to: string } {
    return this.view === 'year' ? yearOf(this.anchor) : monthOf(this.anchor);
  }

  private move(step: number) {
    this.date = this.view === 'year' ? addMonths(this.anchor, step * 12) : addMonths(this.anchor, step);
  }

  private setView(view: 'month' | 'year') {
    this.view = view;
  }

  /** Intl formatters are slow to create: keep one per locale and options. */
  private formatDate(date: string, options: Intl.DateTimeFormatOptions): string {
    const key = this.locale + JSON.stringify(options);
    let format = FORMATTERS.get(key);
    if (!format) FORMATTERS.set(key, (format = new Intl.DateTimeFormat(this.locale, options)));
    return format.format(parseDate(date));
  }

  /** Opens a day's entries. */
  openDay(date: string): void {
    this.openDate = date;
    this.action = null;
    this.dayNotice = null;
    this.focusDate = date;
    if (this.dayEntries(date)) this.selected(date);
    else void this.readDay(date);
    void this.updateComplete.then(() => {
      if (this.dialog && !this.dialog.open) this.dialog.showModal();
    });
  }

  /** Tells the host which day was opened, and finds its songs' titles. */
  private selected(date: string) {
    const entries = this.dayEntries(date) ?? [];
    this.dispatchEvent(new MoodEntrySelectEvent({ date, entry: entries[entries.length - 1] ?? null }));
    void this.lookupSongs(entries);
  }

  /**
   * A day's entries whole, oldest first: from the entries given (or a simple store's), one of the
   * moments, or the store once read for the dialog; `null` until then.
   */
  private dayEntries(date: string): readonly MoodEntry[] | null {
    const store = this.store;
    if (!store || !readsByPeriod(store))
      return this.readable.filter((e) => e.localDate === date && !e.deletedAt).sort(byTime);
    const moment = this.read && Object.values(this.read.moments).find((m) => m.date === date);
    if (moment) return moment.entries;
    return this.dayRead?.date === date ? this.dayRead.entries : null;
  }

  /** Reads the open day's entries whole (the store's summaries hold no notes, tags or songs). */
  private async readDay(date: string) {
    const store = this.store;
    if (!store || !readsByPeriod(store)) return;
    const run = ++this.dayRun;
    const first = this.dayRead?.date !== date;
    try {
      const entries = await readEntries(store, { from: date, to: date });
      if (run !== this.dayRun || store !== this.store) return;
      this.dayRead = { date, entries: readableEntries(entries).entries.slice().sort(byTime) };
      if (first) this.selected(date);
    } catch (error) {
      if (run !== this.dayRun) return;
      const err = toElementsError(error, 'load-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  private closeDay() {
    this.dialog?.close();
    this.openDate = null;
  }

  private async lookupSongs(entries: readonly MoodEntry[]) {
    const ids = entries.flatMap((e) => e.songs?.map((s) => s.id) ?? []);
    const missing = ids.filter((id) => !this.songTitles.has(id));
    if (missing.length === 0) return;
    let catalogue: readonly SongTitle[] = this.catalogue ?? [];
    if (!this.catalogue) {
      try {
        catalogue = await defaultCatalogue();
      } catch {
        return;
      }
    }
    const map = new Map(this.songTitles);
    for (const song of catalogue) if (missing.includes(song.id)) map.set(song.id, song);
    this.songTitles = map;
  }

  private onGridKey(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    const date = target.dataset.date;
    if (!date) return;
    const year = this.view === 'year';
    const delta: Record<string, () => string> = {
      ArrowLeft: () => addDays(date, -1),
      ArrowRight: () => addDays(date, 1),
      ArrowUp: () => (year ? addMonths(date, -1) : addDays(date, -7)),
      ArrowDown: () => (year ? addMonths(date, 1) : addDays(date, 7)),
      Home: () => date.slice(0, 8) + '01',
      End: () => date.slice(0, 8) + pad(daysInMonth(+date.slice(0, 4), +date.slice(5, 7))),
    };
    const next = delta[event.key]?.();
    if (!next) return;
    event.preventDefault();
    const { from, to } = this.period;
    if (next < from || next > to) this.date = next;
    this.focusDate = next;
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`[data-date="${next}"]`) as HTMLElement | null)?.focus(),
    );
  }

  private dayLabel(date: string, info: MoodSummary | undefined): string {
    const when = this.formatDate(date, { month: 'long', day: 'numeric', weekday: 'long' });
    if (!info?.dominant) return `${when}: ${this.t('noEntry')}`;
    const n = info.count;
    return `${when}: ${this.labelText(info.dominant)}${n > 1 ? ', ' + this.t('entriesCount', { n }) : ''}`;
  }

  override render() {
    const empty = this.figures.count === 0;
    const { from, to } = this.period;
    const periodLabel =
      this.view === 'year'
        ? this.formatDate(from, { year: 'numeric' })
        : this.formatDate(from, { year: 'numeric', month: 'long' });
    return html`<section
      part="base"
      class="card"
      aria-labelledby="tracker-title"
      aria-busy=${this.status === 'loading'}
    >
      <header>
        <h2 id="tracker-title">${this.t('trackerTitle')}</h2>
        <div class="views" role="group" aria-label=${this.t('trackerTitle')}>
          <button type="button" aria-pressed=${this.view === 'month'} @click=${() => this.setView('month')}>
            ${this.t('month')}
          </button>
          <button type="button" aria-pressed=${this.view === 'year'} @click=${() => this.setView('year')}>
            ${this.t('year')}
          </button>
        </div>
      </header>
      ${this.status === 'error' ? html`<p class="error" role="alert">${this.t('loadFailed')}</p>` : nothing}
      ${empty && this.status === 'loading' ? html`<p role="status" class="muted">${this.t('loading')}</p>` : nothing}
      ${
        empty && this.status !== 'loading'
          ? html`<div part="empty">
              <p class="big" aria-hidden="true">${bookIcon(44)}</p>
              <h3>${this.t('emptyTitle')}</h3>
              <p class="muted">${this.t('emptyBody')}</p>
            </div>`
          : nothing
      }
      ${empty ? nothing : html`${this.renderSearch()} ${this.renderMoments()}`}
      <div class="nav">
        <button
          type="button"
          aria-label=${this.t(this.view === 'year' ? 'previousYear' : 'previousMonth')}
          @click=${() => this.move(-1)}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <span class="period" aria-live="polite" id="period">${periodLabel}</span>
        <button
          type="button"
          aria-label=${this.t(this.view === 'year' ? 'nextYear' : 'nextMonth')}
          @click=${() => this.move(1)}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      ${this.view === 'year' ? this.renderYear(from) : this.renderMonth(from)}
      ${empty ? nothing : this.renderStats(from, to)} ${this.renderDetail()}
    </section>`;
  }

  private renderSearch() {
    const hits = this.hits ?? [];
    return html`<div part="search" role="search">
      <label for="search" class="visually-hidden">${this.t('searchLabel')}</label>
      <input
        id="search"
        type="search"
        autocomplete="off"
        placeholder=${this.t('searchPlaceholder')}
        .value=${this.search}
        @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}
      />
      <p class="muted fine" role="status">
        ${this.hits ? (hits.length ? this.t('searchCount', { n: hits.length }) : this.t('searchNone')) : ''}
      </p>
      ${
        hits.length
          ? html`<ul part="search-results" class="hits">
              ${hits.slice(0, 50).map(
                (e) =>
                  html`<li>
                    <button
                      type="button"
                      class="mood-${e.label}"
                      data-entry-id=${e.id}
                      @click=${() => this.showEntryDay(e.localDate)}
                    >
                      <span class="moment-title"
                        >${this.formatDate(e.localDate, { year: 'numeric', month: 'short', day: 'numeric' })}</span
                      >
                      <span class="moment-label"
                        ><span class="dot" aria-hidden="true"></span>${this.labelText(e.label)}</span
                      >
                      ${e.note ? html`<span class="moment-note">${e.note}</span>` : nothing}
                      ${e.tags?.length ? html`<span class="fine">${formatTags(e.tags)}</span>` : nothing}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }

  /** Moves the calendar to a found entry's day and opens it. */
  private showEntryDay(date: string) {
    this.date = date;
    this.openDay(date);
  }

  /** A tag in an entry: closes the day and finds every entry with it. */
  private findTag(tag: string) {
    this.closeDay();
    this.search = `#${tag}`;
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector('#search') as HTMLElement | null)?.focus(),
    );
  }

  private renderMoments() {
    const { moments } = this.figures;
    const keys: MomentKey[] = ['today', 'yesterday', 'monthAgo', 'yearAgo'];
    return html`<div part="moments">
        ${keys.map((key) => {
          const { date, summary, entries } = moments[key];
          const dominant = summary.dominant;
          const last = entries[entries.length - 1];
          return html`<div class="moment-card ${dominant ? `mood-${dominant}` : ''}">
            <button
              part="moment"
              type="button"
              class=${dominant ? `mood-${dominant}` : ''}
              data-moment=${key}
              @click=${() => this.openDay(date)}
            >
              <span class="moment-title"
                >${this.t(key)} · ${this.formatDate(date, { month: 'short', day: 'numeric' })}</span
              >
              <span class="moment-label"
                ><span class="dot" aria-hidden="true"></span
                >${dominant ? this.labelText(dominant) : this.t('noEntry')}</span
              >
              ${last?.note ? html`<span class="moment-note">${last.note}</span>` : nothing}
            </button>
            ${this.renderDaySong(date)}
          </div>`;
        })}
      </div>
      ${this.openDate ? nothing : this.renderSongNotice()}`;
  }

  /**
   * A day's song: title and artist, why (its reason, or that the user kept it), where to play it
   * (http(s) links only), and like / "not this song". Every text is data in a text node.
   */
  private renderDaySong(date: string) {
    const day = this.daySongs.get(date);
    if (!day) return nothing;
    const { song, reason, links } = day.match;
    const liked = this.songPrefs.liked.includes(song.id);
    const why = typeof reason === 'string' ? reason : reason?.[this.language];
    return html`<div part="day-song" class="day-song" data-song-id=${song.id} data-kind=${day.kind}>
      <p class="day-song-title">
        <span aria-hidden="true">♪</span><span class="visually-hidden">${this.t('daySong')}:</span>
        <strong>${song.title}</strong> · ${song.artist}
      </p>
      ${why ? html`<p class="fine muted reason">${why}</p>` : nothing}
      ${day.kind === 'kept' ? html`<p class="fine muted">${this.t('daySongKept')}</p>` : nothing}
      <div class="song-links">
        ${PROVIDERS.filter(([k]) => isWebLink(links[k])).map(
          ([k, name]) =>
            html`<a part="song-link" href=${links[k]!} target="_blank" rel="noopener noreferrer"
              >${name}<span class="visually-hidden"
                >: ${this.t('openIn', { title: song.title, provider: name })}</span
              ></a
            >`,
        )}
      </div>
      ${
        this.readonly
          ? nothing
          : html`<div class="song-actions">
              <button
                type="button"
                data-action="like"
                aria-pressed=${liked ? 'true' : 'false'}
                @click=${() => void this.changeSong(song.id, song.title, liked ? 'unlike' : 'like')}
              >
                <span aria-hidden="true">${liked ? '♥' : '♡'}</span>
                ${this.t(liked ? 'likedSong' : 'likeSong')}
              </button>
              <button
                type="button"
                data-action="hide"
                @click=${() => void this.changeSong(song.id, song.title, 'hide')}
              >
                ${this.t('hideSong')}
              </button>
            </div>`
      }
    </div>`;
  }

  /** Says a song was hidden, with an undo. */
  private renderSongNotice() {
    const notice = this.songNotice;
    if (!notice) return nothing;
    return html`<p class="muted song-notice" role="status">
      ${this.t('songHidden', { title: notice.title })}
      <button
        type="button"
        class="link"
        data-action="unhide"
        @click=${() => void this.changeSong(notice.id, notice.title, 'unhide')}
      >
        ${this.t('unhideSong')}
      </button>
    </p>`;
  }

  private renderMonth(from: string) {
    const [y, m] = from.split('-').map(Number);
    const first = new Date(y!, m! - 1, 1).getDay();
    const days = daysInMonth(y!, m!);
    const today = this.todayDate;
    const weekdayNames = Array.from({ length: 7 }, (_, i) =>
      this.formatDate(`2023-01-0${1 + i}`, { weekday: 'short' }),
    );
    const focus = this.focusDate.startsWith(from.slice(0, 8)) ? this.focusDate : from;
    const rows: unknown[] = [];
    let cells: unknown[] = [];
    for (let i = 0; i < first; i++) cells.push(html`<td></td>`);
    for (let d = 1; d <= days; d++) {
      const date = `${from.slice(0, 8)}${pad(d)}`;
      const info = this.dayOf(date);
      cells.push(
        html`<td>
          <button
            part="day"
            type="button"
            data-date=${date}
            tabindex=${date === focus ? 0 : -1}
            class="${info ? `has mood-${info.dominant}` : ''} ${info && info.count > 1 ? 'multi' : ''} ${date === today ? 'today' : ''} ${date > today ? 'future' : ''}"
            aria-current=${date === today ? 'date' : nothing}
            @click=${() => this.openDay(date)}
          >
            <span aria-hidden="true">${d}</span
            ><span class="visually-hidden">${this.dayLabel(date, info)}</span>
          </button>
        </td>`,
      );
      if (cells.length === 7) {
        rows.push(
          html`<tr>
            ${cells}
          </tr>`,
        );
        cells = [];
      }
    }
    if (cells.length)
      rows.push(
        html`<tr>
          ${cells}
        </tr>`,
      );
    return html`<table part="calendar" aria-labelledby="period" @keydown=${this.onGridKey}>
      <thead>
        <tr>
          ${weekdayNames.map((n) => html`<th scope="col">${n}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`;
  }

  /**
   * The year in pixels: ~370 day cells, rendered as templates like every other view (never as an HTML
   * string: labels come from host data). `guard` skips the cells when nothing they show has changed.
   * Clicks are delegated from the table.
   */
  private renderYear(from: string) {
    const year = +from.slice(0, 4);
    const today = this.todayDate;
    const focus = this.focusDate.startsWith(from.slice(0, 5)) ? this.focusDate : from;
    const days = Array.from({ length: 31 }, (_, i) => i + 1);
    return html`<div part="year">
      <table aria-labelledby="period" @keydown=${this.onGridKey} @click=${this.onYearClick}>
        ${guard([year, today, focus, this.language, this.strings, this.figures], () => [
          html`<thead>
            <tr>
              <td></td>
              ${days.map((d) =>
                d % 5 === 1
                  ? html`<th scope="col">${d}</th>`
                  : html`<th scope="col"><span class="visually-hidden">${d}</span></th>`,
              )}
            </tr>
          </thead>`,
          html`<tbody>
            ${Array.from({ length: 12 }, (_, m) => this.renderYearMonth(year, m, today, focus))}
          </tbody>`,
        ])}
      </table>
    </div>`;
  }

  private renderYearMonth(year: number, month: number, today: string, focus: string) {
    const prefix = `${year}-${pad(month + 1)}-`;
    const last = daysInMonth(year, month + 1);
    const cells = [];
    for (let d = 1; d <= 31; d++) {
      const date = prefix + pad(d);
      const info = d <= last ? this.dayOf(date) : undefined;
      cells.push(
        d > last
          ? html`<td></td>`
          : html`<td>
              <button
                part="day"
                type="button"
                data-date=${date}
                tabindex=${date === focus ? 0 : -1}
                class=${classMap({ [`mood-${info?.dominant}`]: Boolean(info), today: date === today })}
                aria-label=${this.dayLabel(date, info)}
                aria-current=${ifDefined(date === today ? 'date' : undefined)}
              ></button>
            </td>`,
      );
    }
    return html`<tr>
      <th scope="row">${this.formatDate(`${prefix}01`, { month: 'short' })}</th>
      ${cells}
    </tr>`;
  }

  private readonly onYearClick = (event: Event) => {
    const date = (event.target as HTMLElement).closest<HTMLElement>('[data-date]')?.dataset.date;
    if (date) this.openDay(date);
  };

  private renderStats(from: string, to: string) {
    const { streak, count } = this.figures;
    return html`<div class="stats">
      <section class="stat" part="chart" aria-labelledby="chart-title">
        <h3 id="chart-title">${this.t('overTime')}</h3>
        ${this.renderChart(from, to)}
      </section>
      <section class="stat" part="weekdays" aria-labelledby="weekday-title">
        <h3 id="weekday-title">${this.t('byWeekday')}</h3>
        ${this.renderWeekdays()}
      </section>
      <section class="stat" part="distribution" aria-labelledby="dist-title">
        <h3 id="dist-title">${this.t('distribution')}</h3>
        ${this.renderDistribution()}
      </section>
      ${this.renderPlaylist()}
      <section class="stat" part="streak" aria-labelledby="streak-title">
        <h3 id="streak-title">${this.t('streak')}</h3>
        <p class="streak">
          ${this.t(streak.current === 1 ? 'streakDay' : 'streakDays', { n: streak.current })}
        </p>
        <p class="muted">
          ${this.t('longestStreak', { n: streak.longest })} · ${this.t('entriesCount', { n: count })}
        </p>
      </section>
    </div>`;
  }

  private renderChart(from: string, to: string) {
    const W = 320;
    const H = 120;
    const total = Math.round((parseDate(to).getTime() - parseDate(from).getTime()) / 86_400_000) + 1;
    const { period } = this.figures;
    const days = this.view === 'year' ? weekly(chartDays(period.byDay), from) : chartDays(period.byDay);
    const x = (date: string) =>
      ((Math.round((parseDate(date).getTime() - parseDate(from).getTime()) / 86_400_000) + 0.5) / total) * W;
    const y = (v: number) => H - v * H;
    let line = '';
    let band = '';
    let prevIndex = -10;
    let segment: ChartDay[] = [];
    const flush = () => {
      if (segment.length === 0) return;
      const top = segment.map((d) => `${x(d.date).toFixed(1)},${y(d.max).toFixed(1)}`);
      const bottom = segment.map((d) => `${x(d.date).toFixed(1)},${y(d.min).toFixed(1)}`).reverse();
      band += `M${top.join('L')}L${bottom.join('L')}Z`;
      segment = [];
    };
    const maxGap = this.view === 'year' ? 14 : 2;
    for (const day of days) {
      const i = Math.round((parseDate(day.date).getTime() - parseDate(from).getTime()) / 86_400_000);
      const px = x(day.date).toFixed(1);
      const py = y(day.mean).toFixed(1);
      if (i - prevIndex > maxGap) {
        flush();
        line += `M${px},${py}`;
      } else line += `L${px},${py}`;
      segment.push(day);
      prevIndex = i;
    }
    flush();
    const mean = days.length ? days.reduce((s, d) => s + d.mean, 0) / days.length : null;
    const summary = mean === null ? this.t('noEntry') : `${this.t('entriesCount', { n: period.count })}`;
    return html`<svg viewBox="0 0 ${W} ${H + 14}" role="img" aria-labelledby="chart-title chart-desc">
      <desc id="chart-desc">${this.t('overTimeDesc')} ${summary}</desc>
      ${svg`<line class="grid" x1="0" x2=${W} y1=${y(0.5)} y2=${y(0.5)} stroke-dasharray="3 4"></line>
        <line class="grid" x1="0" x2=${W} y1=${H} y2=${H}></line>
        <path class="band" d=${band || 'M0,0'}></path>
        <path class="line" d=${line || 'M0,0'}></path>
        ${this.view === 'month' ? days.map((d) => svg`<circle class="point mood-${d.dominant}" cx=${x(d.date).toFixed(1)} cy=${y(d.mean).toFixed(1)} r="3.5"></circle>`) : nothing}
        <text class="axis" x="0" y=${H + 12}>${this.formatDate(from, { month: 'short', day: 'numeric' })}</text>
        <text class="axis" x=${W} y=${H + 12} text-anchor="end">${this.formatDate(to, { month: 'short', day: 'numeric' })}</text>
        <text class="axis" x="2" y="10">☀</text>
        <text class="axis" x="2" y=${H - 3}>☁</text>`}
    </svg>`;
  }

  private renderWeekdays() {
    const stats = this.figures.weekdays;
    const firstDay = 0;
    return html`<div class="weekdays" role="list">
      ${Array.from({ length: 7 }, (_, k) => {
        const s = stats[(k + firstDay) % 7]!;
        const name = this.formatDate(`2023-01-0${1 + s.weekday}`, { weekday: 'short' });
        const mean = s.meanValence;
        const label =
          mean === null
            ? `${name}: ${this.t('noEntry')}`
            : `${name}: ${this.labelText(s.dominant!)}, ${Math.round(mean * 100)}/100`;
        return html`<div class="weekday" role="listitem" aria-label=${label}>
          <div class="bar-wrap" aria-hidden="true">
            <div
              class="bar ${s.dominant ? `mood-${s.dominant}` : ''}"
              style=${cssom({ height: `${mean === null ? 0 : Math.max(4, mean * 100)}%` })}
            ></div>
          </div>
          <span aria-hidden="true">${name}</span>
        </div>`;
      })}
    </div>`;
  }

  private renderDistribution() {
    const { distribution: counts, count: total } = this.figures.period;
    return html`<div class="stack" aria-hidden="true">
        ${EMOTION_LABELS.map((l) =>
          counts[l]
            ? html`<span class="mood-${l}" style=${cssom({ width: `${(counts[l] / total) * 100}%` })}></span>`
            : nothing,
        )}
      </div>
      <ul class="legend">
        ${EMOTION_LABELS.map(
          (l) =>
            html`<li class="mood-${l}" data-label=${l}>
              <span class="dot" aria-hidden="true"></span>${this.labelText(l)}<span class="n"
                >${counts[l]}${total ? ` · ${Math.round((counts[l] / total) * 100)}%` : ''}</span
              >
            </li>`,
        )}
      </ul>`;
  }

  private renderDetail() {
    const date = this.openDate;
    const entries = date ? this.dayEntries(date) : null;
    return html`<dialog
      part="detail-dialog"
      aria-labelledby="detail-title"
      @close=${() => (this.openDate = null)}
    >
      ${
        date
          ? html`<div part="detail">
              <div class="detail-head">
                <h3 id="detail-title">
                  ${this.t('entriesOn', { date: this.formatDate(date, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }) })}
                </h3>
                <button type="button" class="link" @click=${this.closeDay}>${this.t('close')}</button>
              </div>
              ${this.daySongs.has(date) ? html`<section class="detail-song" aria-label=${this.t('daySong')}>${this.renderDaySong(date)}</section>` : nothing}
              ${this.renderSongNotice()}
              ${
                this.dayNotice
                  ? html`<p
                      class=${this.dayNotice.alert ? 'error' : 'muted'}
                      role=${this.dayNotice.alert ? 'alert' : 'status'}
                    >
                      ${this.dayNotice.text}
                      ${
                        this.dayNotice.undo
                          ? html`<button
                              type="button"
                              class="link"
                              data-action="undo"
                              @click=${this.undoDelete}
                            >
                              ${this.t('undo')}
                            </button>`
                          : nothing
                      }
                    </p>`
                  : nothing
              }
              ${
                !entries
                  ? html`<p class="muted" role="status">${this.t('loading')}</p>`
                  : entries.length
                    ? entries.map((e) => this.renderEntry(e))
                    : html`<p class="muted">${this.t('noEntry')}</p>`
              }
            </div>`
          : nothing
      }
    </dialog>`;
  }

  private renderEntry(entry: MoodEntry) {
    const time = new Date(entry.createdAt).toLocaleTimeString(this.locale, {
      hour: 'numeric',
      minute: '2-digit',
    });
    const action = this.action?.id === entry.id ? this.action : null;
    const editing = action?.kind === 'edit';
    return html`<article part="entry" class="mood-${entry.label}" data-entry-id=${entry.id}>
      <div class="entry-head">
        ${entry.thumbnail ? html`<canvas class="thumb" role="img" aria-label=${this.t('photo')} ${drawn(entry.thumbnail)}></canvas>` : nothing}
        <div>
          <p class="moment-label">
            <span class="dot" aria-hidden="true"></span>${this.labelText(entry.label)}
          </p>
          <p class="muted">
            ${time}${entry.source ? ` · ${this.t('from', { source: this.t(`source.${entry.source}` as StringKey) })}` : ''}${entry.confidence !== undefined && entry.source === 'face' ? ` · ${Math.round(entry.confidence * 100)}%` : ''}
          </p>
        </div>
      </div>
      ${entry.probabilities ? this.renderMix(entry) : nothing}
      ${action?.kind === 'edit' ? this.renderEditor(entry, action) : entry.note ? html`<p class="note">${entry.note}</p>` : nothing}
      ${
        !editing && entry.tags?.length
          ? html`<ul class="tags" aria-label=${this.t('tagsLabel')}>
              ${entry.tags.map(
                (tag) =>
                  html`<li>
                    <button type="button" class="tag" data-tag=${tag} @click=${() => this.findTag(tag)}>
                      #${tag}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${
        entry.songs?.length
          ? html`<div>
              <strong>${this.t('songsInEntry')}</strong>
              <ul class="songs">
                ${entry.songs.map((s) => {
                  const song = this.songTitles.get(s.id);
                  return html`<li>
                    ${song ? `${song.title} · ${song.artist}` : s.id}${s.played ? ' ♪' : ''}
                  </li>`;
                })}
              </ul>
            </div>`
          : nothing
      }
      ${
        this.readonly || editing
          ? nothing
          : action?.kind === 'confirm-delete'
            ? html`<div class="row" role="group" aria-label=${this.t('confirmDelete')}>
                <span>${this.t('confirmDelete')}</span>
                <button
                  type="button"
                  class="danger"
                  data-action="confirm-delete"
                  @click=${() => void this.removeEntry(entry)}
                >
                  ${this.t('delete')}
                </button>
                <button type="button" @click=${() => (this.action = null)}>${this.t('cancel')}</button>
              </div>`
            : html`<div class="row">
                <button type="button" data-action="edit" @click=${() => this.startEdit(entry)}>
                  ${this.t('edit')}
                </button>
                <button
                  type="button"
                  class="danger"
                  data-action="delete"
                  @click=${() => (this.action = { kind: 'confirm-delete', id: entry.id })}
                >
                  ${this.t('delete')}
                </button>
              </div>`
      }
    </article>`;
  }

  /** The model's six probabilities of a face entry, as one stacked bar with a text equivalent. */
  private renderMix(entry: MoodEntry) {
    const p = entry.probabilities!;
    const sorted = [...EMOTION_LABELS].sort((a, b) => p[b] - p[a]);
    const text = sorted
      .filter((l) => p[l] >= 0.05)
      .map((l) => `${this.labelText(l)} ${Math.round(p[l] * 100)}%`)
      .join(', ');
    return html`<div class="mix" role="img" aria-label=${`${this.t('probabilities')}: ${text}`}>
      <div class="stack" aria-hidden="true">
        ${EMOTION_LABELS.map((l) => (p[l] > 0 ? html`<span class="mood-${l}" style=${cssom({ width: `${p[l] * 100}%` })}></span>` : nothing))}
      </div>
      <p class="fine muted" aria-hidden="true">${text}</p>
    </div>`;
  }

  private startEdit(entry: MoodEntry) {
    const words = {
      label: entry.label,
      note: entry.note ?? '',
      tags: entry.tags ?? [],
      localDate: entry.localDate,
    };
    this.action = { kind: 'edit', id: entry.id, words, saving: false, error: '' };
  }

  /** The entry form, holding what the user typed until the store took it (a refused edit keeps every word). */
  private renderEditor(entry: MoodEntry, action: Extract<EntryAction, { kind: 'edit' }>) {
    return html`<mood-entry-form
      lang=${this.language}
      theme=${this.theme}
      .strings=${this.strings}
      today=${this.todayDate}
      state=${action.saving ? 'busy' : 'ready'}
      .value=${action.words}
      @mood-entry-change=${(e: MoodEntryChangeEvent) => this.onEditChange(entry.id, e)}
      @mood-entry-submit=${() => void this.edit(entry)}
    >
      ${action.error ? html`<p class="error" role="alert">${action.error}</p>` : nothing}
      <button slot="actions" type="button" @click=${() => (this.action = null)}>${this.t('cancel')}</button>
    </mood-entry-form>`;
  }

  private onEditChange(id: string, event: MoodEntryChangeEvent) {
    const action = this.action;
    if (action?.kind === 'edit' && action.id === id) this.action = { ...action, words: event.detail.value };
  }

  /** Writes the open editor's words to the entry; on failure the editor stays, with the words and why. */
  private async edit(entry: MoodEntry) {
    const action = this.action;
    if (action?.kind !== 'edit' || action.id !== entry.id || action.saving || !action.words.label) return;
    const { label, note, tags } = action.words;
    const patch = {
      label,
      note: note.trim(),
      tags: [...tags],
      ...(label !== entry.label
        ? {
            source: entry.source === 'manual' ? ('manual' as const) : ('corrected' as const),
            confidence: entry.probabilities?.[label] ?? 1,
          }
        : {}),
    };
    this.action = { ...action, saving: true, error: '' };
    try {
      const updated = this.store
        ? await this.store.update(entry.id, patch)
        : ({ ...entry, ...patch } as MoodEntry);
      if (!this.store) this.entries = this.entries.map((e) => (e.id === entry.id ? updated : e));
      if (this.action?.id === entry.id) this.action = null;
      this.dispatchEvent(new MoodUpdatedEvent({ entry: updated }));
      if (this.store) await this.reload();
    } catch (error) {
      const err = toElementsError(error, 'update-failed');
      const current = this.action;
      if (current?.kind === 'edit' && current.id === entry.id)
        this.action = {
          ...current,
          saving: false,
          error: this.t('editFailed', { message: err.message }),
        };
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  /**
   * Deletes an entry the user confirmed. On a full disk there is no room to keep it in the trash
   * (a small write the browser refuses): it is then deleted for good, which frees space, and the
   * dialog says so. Any other failure is said in the dialog too.
   */
  private readonly undoDelete = async () => {
    const id = this.dayNotice?.undo;
    if (!id || !this.store?.restore) return;
    try {
      await this.store.restore(id);
      this.dayNotice = { text: this.t('restored'), alert: false };
      await this.reload();
    } catch (error) {
      const err = toElementsError(error, 'update-failed');
      this.dayNotice = { text: this.t('editFailed', { message: err.message }), alert: true };
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  };

  private async removeEntry(entry: MoodEntry) {
    this.dayNotice = null;
    try {
      if (this.store) await this.deleteFromStore(this.store, entry.id);
      else this.entries = this.entries.filter((e) => e.id !== entry.id);
      this.action = null;
      this.dispatchEvent(new MoodDeletedEvent({ id: entry.id }));
      if (this.store) await this.reload();
    } catch (error) {
      const err = toElementsError(error, 'delete-failed');
      this.dayNotice = { text: this.t('deleteFailed', { message: err.message }), alert: true };
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  private async deleteFromStore(store: EntryStore, id: string) {
    try {
      await store.delete(id);
      // In the trash: one tap brings it back (the store's `restore`).
      if (store.restore) this.dayNotice = { text: this.t('entryDeleted'), alert: false, undo: id };
    } catch (error) {
      if ((error as { code?: string } | null)?.code !== 'storage-quota' || !store.purge) throw error;
      await store.purge(id);
      this.dayNotice = { text: this.t('deletedForGood'), alert: false };
    }
  }
}
