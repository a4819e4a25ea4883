import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizedElement } from '../internal/localized-element.js';
import type { MoodEntryForm } from '../mood-entry-form/mood-entry-form.js';
import { tokens } from '../internal/styles.js';
import { styles } from './mood-tracker.styles.js';
import { figuresOf, readableEntries, readFigures, readsByPeriod, type Figures } from './mood-tracker.data.js';
import type { EntryStore, MoodEntry } from '@moodiary/store';
import type { SongTitle } from '@moodiary/songs';
import { addMonths, monthOf, yearOf } from '@moodiary/core';
import { parseDate, todayIso } from '../internal/dates.js';
import { MoodErrorEvent } from '../internal/events.js';
import { ElementsError, toElementsError } from '../internal/errors.js';
import { bookIcon } from '../internal/icons.js';
import { formatterOf, type TrackerContext } from './tracker-context.js';
import { DaySongsController } from './tracker-songs.js';
import { PlaylistController } from './tracker-playlist.js';
import { DayDetailController } from './tracker-day.js';
import { SearchController } from './tracker-search.js';
import { CalendarController } from './tracker-calendar.js';
import { renderMoments } from './tracker-moments.js';
import { renderStats } from './tracker-stats.js';
import { InsightsController } from './tracker-insights.js';

/** One empty list, so a summarising store's "no entries whole" is the same value on every update. */
const NO_ENTRIES: readonly MoodEntry[] = Object.freeze([]);

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
 * @event mood-write-day - The user asked to write for a day without entries (up to today). `detail.date`; `<mood-diary>` opens its entry form on that day.
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
 * @csspart chart - The mood-over-time chart: pleasantness axis, each day's (a year: month's) mean and range, a rolling average broken at gaps, and the same as a table.
 * @csspart insights - Tags and mood: mean pleasantness on days with each #tag (tags and `#words` in notes) against days without; "too few entries" under three days. From a summarising store, read when asked.
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
  @state() private status: 'ready' | 'loading' | 'error' = 'ready';

  private checkedFrom: readonly MoodEntry[] | null = null;
  /** The entries given whole (host's, or a simple store's) that the tracker can draw (see `readableEntries`). */
  private readable: readonly MoodEntry[] = [];
  /** The figures of `readable`, kept while neither they nor the period change. */
  private summed: {
    readonly key: string;
    readonly from: readonly MoodEntry[];
    readonly figures: Figures;
  } | null = null;
  private unsubscribe: (() => void) | null = null;
  private loadRun = 0;
  /** The period and day the figures were read for (`view|from|to|today`). */
  private windowKey = '';
  /**
   * The period being read now: any update meanwhile (a song worked out, a state change) must not
   * start the same read again, or each would make the one before stale and none would ever land.
   */
  private loadingWindow = '';

  /** What the parts read of the tracker. */
  private readonly context: TrackerContext = {
    host: this,
    store: () => this.store,
    periodStore: () => (this.store && readsByPeriod(this.store) ? this.store : null),
    figures: () => this.figures,
    storeFigures: () => this.read,
    readable: () => this.readable,
    editEntries: (change) => (this.entries = change(this.entries)),
    view: () => this.view,
    period: () => this.period,
    today: () => this.todayDate,
    readonly: () => this.readonly,
    catalogue: () => this.catalogue,
    locale: () => this.locale,
    formatDate: (date, options) => formatterOf(this.locale, options).format(parseDate(date)),
    reload: () => this.reload(),
  };
  private readonly day = new DayDetailController(this.context, (tag) => this.findTag(tag));
  private readonly songs = new DaySongsController(
    this.context,
    () => this.day.open,
    (date) => this.day.dayEntries(date),
  );
  private readonly playlist = new PlaylistController(this.context, this.songs);
  private readonly insights = new InsightsController(this.context);
  private readonly finder = new SearchController(
    this.context,
    () => this.search,
    (text) => (this.search = text),
    (date) => this.showEntryDay(date),
  );
  private readonly calendar = new CalendarController(
    this.context,
    (date) => (this.date = date),
    (date) => this.openDay(date),
  );

  constructor() {
    super();
    this.day.songs = this.songs;
  }

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
      this.day.reset();
      this.windowKey = '';
      this.songs.reset();
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
      if (changed.has('search') || changed.has('store')) this.finder.refresh();
    } else if (newSource || changed.has('search')) this.finder.refresh();
    if (!this.calendar.focusDate || changed.has('date')) this.calendar.focusDate = this.anchor;
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
        void this.songs.loadPreferences(); // an import may bring them
        // Hits follow what the store holds, not the period shown: searched again only when it changes.
        if (this.search && readsByPeriod(store)) this.finder.refresh();
      }) ?? null;
    // The liked and hidden songs are read once the figures are in: the first paint waits for neither.
    void this.reload().finally(() => {
      if (store === this.store) void this.songs.loadPreferences();
    });
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
      this.day.refreshed();
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

  /** Opens a day's entries. */
  openDay(date: string): void {
    this.calendar.focusDate = date;
    this.day.openDay(date);
  }

  /** Moves the calendar to a found entry's day and opens it. */
  private showEntryDay(date: string) {
    this.date = date;
    this.openDay(date);
  }

  /** A tag in an entry: closes the day and finds every entry with it. */
  private findTag(tag: string) {
    this.day.close();
    this.search = `#${tag}`;
    this.finder.focus();
  }

  override render() {
    const empty = this.figures.count === 0;
    const { from } = this.period;
    const format = this.context.formatDate;
    const periodLabel =
      this.view === 'year'
        ? format(from, { year: 'numeric' })
        : format(from, { year: 'numeric', month: 'long' });
    return html`<section
      part="base"
      class="card"
      aria-labelledby="tracker-title"
      aria-busy=${this.status === 'loading'}
    >
      <header>
        <h2 id="tracker-title">${this.t('trackerTitle')}</h2>
        <div class="views" role="group" aria-label=${this.t('trackerTitle')}>
          <button type="button" aria-pressed=${this.view === 'month'} @click=${() => (this.view = 'month')}>
            ${this.t('month')}
          </button>
          <button type="button" aria-pressed=${this.view === 'year'} @click=${() => (this.view = 'year')}>
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
      ${
        empty
          ? nothing
          : html`${this.finder.render()}
            ${renderMoments(this.context, this.songs, (date) => this.openDay(date), this.day.open !== null)}`
      }
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
      ${this.calendar.render()}
      ${empty ? nothing : renderStats(this.context, this.playlist.render(), this.insights.render())}
      ${this.day.render()}
    </section>`;
  }
}
