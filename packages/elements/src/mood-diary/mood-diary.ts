import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizedElement } from '../internal/localized-element.js';
import { tokens } from '../internal/styles.js';
import { styles } from './mood-diary.styles.js';
import { defaultDiary } from '../internal/defaults.js';
import { isoDate } from '../internal/dates.js';
import { lockIcon } from '../internal/icons.js';
import { toElementsError } from '../internal/errors.js';
import {
  MoodErrorEvent,
  MoodProfileLockedEvent,
  MoodSyncStatusEvent,
  type MoodAccountEndedEvent,
  type MoodLangChangeEvent,
  type MoodProfileUnlockedEvent,
  type MoodSignInModeEvent,
  type MoodWriteDayEvent,
} from '../internal/events.js';
import type { StringKey } from '../internal/i18n.js';
import type { MoodSettings } from '../mood-settings/mood-settings.js';
import type { MoodCamera } from '../mood-camera/mood-camera.js';
import type { Estimator } from '@moodiary/emotion';
import type { MoodEntry, ProfileDirectory, ProfileEntryStore, ProfileInfo } from '@moodiary/store';
import type { DaySong, SongMatcher } from '@moodiary/songs';
import { loadSync, type DiarySync, type SyncStatus } from '../internal/sync.js';
import { readSongPreferences, songsOfShownDays } from '../internal/day-songs.js';
import { ReminderController, notify, reminderDue } from '../internal/reminders.js';
import { PROVIDERS, isWebLink } from '../internal/links.js';
import { summarize } from '@moodiary/store/summaries';

/**
 * What `<mood-diary>` shows, with exactly what that screen needs: a store exists only on the
 * `diary` screen, the sign-in forms always have the profiles they offer.
 */
type DiaryView =
  | { readonly screen: 'loading' }
  | { readonly screen: 'error'; readonly message: string }
  | {
      readonly screen: 'sign-up' | 'log-in';
      readonly diary: ProfileDirectory;
      readonly profiles: readonly ProfileInfo[];
      /** Whether the diary was just deleted (said over the form). */
      readonly deleted: boolean;
    }
  | {
      readonly screen: 'diary';
      readonly store: ProfileEntryStore;
      readonly name: string;
      /** The profile this element unlocked (so it can lock and delete it); `null` for the host's `store`. */
      readonly profile: { readonly diary: ProfileDirectory; readonly id: string } | null;
    };

let viewsLoading: Promise<unknown> | null = null;
/**
 * The elements an open diary shows (camera, tracker, settings): loaded once its first screen is up, not
 * before it, so a page's first load is the sign-in. Their tags upgrade, keeping what was set on them.
 */
function loadViews(): Promise<unknown> {
  viewsLoading ??= Promise.all([
    import('../define/mood-camera.js'),
    import('../define/mood-tracker.js'),
    import('../define/mood-settings.js'),
  ]).catch((error: unknown) => console.warn('Moodiary: a view of <mood-diary> could not be loaded.', error));
  return viewsLoading;
}

type OpenDiaryView = Extract<DiaryView, { screen: 'diary' }>;

/** Which screen `<mood-diary>` shows. */
export type MoodDiaryScreen = DiaryView['screen'];
export type MoodDiaryTab = 'today' | 'tracker' | 'settings';

/**
 * The whole diary in one tag: sign up or log in to a private profile on this
 * device (passphrase-encrypted), today's entry from the camera or a photo, song
 * suggestions, the mood tracker, and settings (language, export and import,
 * delete everything).
 *
 * It is the shell around `<mood-sign-in>` (while locked) and, once open, the tabs
 * `<mood-camera>`, `<mood-tracker>` and `<mood-settings>`. Once a profile is open and painted,
 * readings adapt to its owner: a small calibration is fitted on the device from the readings they
 * corrected or confirmed (refitted after each), unless they turned it off in Settings.
 *
 * With the daily reminder on (Settings), once its time has passed on a day with no entry yet, the
 * open diary says so above the tabs, with a button to write; if the page is in the background then
 * and notifications are allowed, it also shows one (through the page's service worker where there is
 * one). A closed page cannot remind: the browser does not wake it.
 *
 * With no properties set it opens the device's diary from `@moodiary/store` and
 * creates the face model from `@moodiary/emotion` on first use. Plug in your own
 * `diary`, `store` (skips sign-in: for hosts with their own accounts), `detector`
 * or `songMatcher`.
 *
 * With `server="https://…"` the diary also lives in an account on a Moodiary sync server
 * (`@moodiary/server`): creating a diary creates the account, a new device logs in to it, and the
 * diary syncs, end-to-end encrypted, with a status line under the greeting; Settings shows the
 * account (devices, log out everywhere, delete account). Without it, nothing of sync is loaded.
 *
 * @tagname mood-diary
 * @summary The complete mood diary: sign-in, today, songs, tracker, settings.
 *
 * @event mood-profile-unlocked - Signed up or logged in. `detail: { profile: { id, name }, created, store }`.
 * @event mood-profile-locked - The diary was locked (or deleted: `detail.deleted`), once per lock. `detail.profileId`.
 * @event mood-sign-in-mode - The user switched between creating a diary and opening one. `detail.mode`.
 * @event mood-sync-status - With `server`: the sync status changed. `detail.status: { state, pending, lastSyncedAt, errorCode }`.
 * @event mood-account-ended - With `server`: logged out everywhere or the account deleted (`detail.reason`); the diary stays here.
 * @event mood-lang-change - The language was changed in the settings. `detail.lang`.
 * @event mood-error - A failure the user was told about. `detail.code`: `profile-failed`, `load-failed`, `import-failed`, `export-failed`, `sync-failed`, and those of `<mood-camera>` and `<mood-tracker>` (which bubble through). A mistyped passphrase is not one: it is said on the form.
 * @event mood-saved - Bubbles from the camera when today's entry is saved.
 *
 * @csspart base - Everything.
 * @csspart header - Title, greeting and lock button.
 * @csspart sign-in - The `<mood-sign-in>`.
 * @csspart auth - The sign-up / log-in form (inside `<mood-sign-in>`).
 * @csspart tabs - The tab list.
 * @csspart tab - One tab.
 * @csspart panel - The open tab's panel.
 * @csspart recap - Today's recap (entries, mood, song, "add another"), once today has entries.
 * @csspart camera - The `<mood-camera>`.
 * @csspart tracker - The `<mood-tracker>`.
 * @csspart settings - The `<mood-settings>`.
 * @csspart banner - A notice (memory-only storage).
 * @csspart reminder - The daily reminder ("You have not written today"), with its buttons.
 * @csspart lock - The lock button.
 * @csspart sync-status - With `server`: the sync status line.
 * @csspart account - With `server`: the `<mood-account>` (sign-up, log-in, and the account in Settings).
 *
 * @cssproperty --mood-color-paper - Page-like background.
 * @cssproperty --mood-color-accent - Buttons and the current tab.
 * @cssproperty --mood-diary-max-width - Widest the diary grows.
 */
export class MoodDiary extends LocalizedElement {
  static override styles = [tokens, styles];

  /** The profiles on this device. Default: `openDiary()` from `@moodiary/store` (with `allowThumbnails` when `allow-thumbnail` is set). */
  @property({ attribute: false }) diary: ProfileDirectory | null = null;

  /** An already-open store: skips sign-up and log-in (for hosts that handle accounts). */
  @property({ attribute: false }) store: ProfileEntryStore | null = null;

  /** Your detector for the camera (default: `@moodiary/emotion`). */
  @property({ attribute: false }) detector: Estimator | null = null;

  /** Options for the default detector, e.g. `{ modelBaseUrl }`. */
  @property({ attribute: false }) detectorConfig: Record<string, unknown> = {};

  /** Your song matcher (default: `@moodiary/songs`). */
  @property({ attribute: false }) songMatcher: SongMatcher | null = null;

  /** The open tab. */
  @property({ reflect: true }) tab: MoodDiaryTab = 'today';

  /** Offer to keep a small face thumbnail with entries. */
  @property({ type: Boolean, attribute: 'allow-thumbnail' }) allowThumbnail = false;

  /** A Moodiary sync server, `https://…`: accounts and end-to-end-encrypted sync. Absent: this device only. */
  @property() server = '';

  /** The clock that "today" and the daily reminder are read from (default: the device's). For tests and demos. */
  @property({ attribute: false }) now: () => Date = () => new Date();

  /** The open profile's daily reminder (its choice, kept in the profile's settings). */
  private readonly reminder = new ReminderController(this, () =>
    this.view.screen === 'diary' ? this.view.store : null,
  );
  /** The day the user said "later" to the reminder: not shown again that day. */
  @state() private reminderLaterOn = '';
  /** The day a reminder notification was shown: one a day. */
  private notifiedOn = '';
  private reminderTimer: ReturnType<typeof setInterval> | undefined;

  /** The open profile's sync (with `server`, once its link is resumed). */
  @state() private sync: DiarySync | null = null;
  @state() private syncStatus: SyncStatus | null = null;
  /** With `server`, on the log-in screen: the account form (a new device) instead of this device's diaries. */
  @state() private accountLogIn = false;
  /** What happened to the account (logged out everywhere, deleted), said over the diary. */
  @state() private accountNotice = '';

  @state() private view: DiaryView = { screen: 'loading' };
  /** What the open store says the user must know (another tab's upgrade). */
  @state() private storeNotice = '';
  /** Today's entries and song, read when the diary opens and after each save (`null`: not read yet). */
  @state() private recap: {
    readonly store: ProfileEntryStore;
    readonly date: string;
    readonly entries: readonly MoodEntry[];
    readonly song: DaySong | undefined;
  } | null = null;
  /** The user chose "add another": the camera shows although today has entries. */
  @state() private writing = false;
  private recapRun = 0;
  private watched: ProfileEntryStore | null = null;
  private unsubscribe: (() => void) | null = null;
  /** The diary being opened; aborted when a newer open (or a host's store) replaces it. */
  private opening: AbortController | null = null;

  /** What is shown; reflects to the `screen` attribute. */
  get screen(): MoodDiaryScreen {
    return this.view.screen;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('server') && this.server) void import('../define/mood-account.js');
    const hostStoreShown = this.view.screen === 'diary' && !this.view.profile;
    if (this.store) {
      if (changed.has('store')) {
        this.opening?.abort();
        this.show({ screen: 'diary', store: this.store, name: this.store.profileName ?? '', profile: null });
      }
    } else if (changed.has('diary') || !this.hasUpdated || (changed.has('store') && hostStoreShown)) {
      void this.open();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.getAttribute('screen') !== this.view.screen) this.setAttribute('screen', this.view.screen);
    if (this.view.screen !== 'loading') void loadViews();
    if (changed.has('now')) this.checkDay(false);
    this.notifyIfHidden();
  }

  /** Whether the open diary reminds now: on, past its time, nothing written today, not put off today. */
  private reminderShown(): boolean {
    const view = this.view;
    const recap = this.recap;
    if (view.screen !== 'diary' || !recap || recap.store !== view.store) return false;
    const now = this.now();
    const today = isoDate(now);
    return (
      recap.date === today &&
      recap.entries.length === 0 &&
      this.reminderLaterOn !== today &&
      reminderDue(this.reminder.state, now)
    );
  }

  /** A new day reads its entries again; every check redraws, so a reminder that came due shows. */
  private readonly checkDay = (redraw: unknown = true) => {
    const view = this.view;
    if (view.screen !== 'diary') return;
    if (this.recap?.store === view.store && this.recap.date !== isoDate(this.now()))
      void this.readRecap(view.store);
    if (redraw !== false) this.requestUpdate();
  };

  /** The page in the background when the reminder came due: a notification too, where allowed, once a day. */
  private notifyIfHidden() {
    if (document.visibilityState !== 'hidden' || !this.reminderShown()) return;
    const today = isoDate(this.now());
    if (this.notifiedOn === today) return;
    this.notifiedOn = today;
    void notify(this.t('reminderNotificationTitle'), {
      body: this.t('reminderNotificationBody'),
      tag: `moodiary-reminder-${today}`,
      lang: this.language,
    });
  }

  /** "Write now": Today, with the camera in view. */
  private async writeNow() {
    this.tab = 'today';
    this.writing = true;
    await this.updateComplete;
    const camera = this.renderRoot.querySelector<HTMLElement>('#camera');
    camera?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    camera?.shadowRoot?.querySelector<HTMLElement>('[part~=start]')?.focus();
  }

  /** Also waits for the open diary's views to be defined (they load after the first screen). */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (this.view.screen === 'diary') await loadViews();
    return done;
  }

  /** Shows `view`, listening to its store (if any) for what the user must know. */
  private show(view: DiaryView) {
    this.watch(view.screen === 'diary' ? view.store : null);
    const opened =
      view.screen === 'diary' && (this.view.screen !== 'diary' || this.view.store !== view.store);
    this.view = view;
    if (opened) {
      this.writing = false;
      this.recap = null;
      void this.readRecap(view.store);
    }
  }

  /** Today's entries, mood and song: what Today shows once something is written (the day's song by `@moodiary/songs`). */
  private async readRecap(store: ProfileEntryStore) {
    const run = ++this.recapRun;
    const date = isoDate(this.now());
    try {
      const byDay = (store as { byDay?: (d: string) => Promise<readonly MoodEntry[]> }).byDay;
      const entries = byDay
        ? await byDay.call(store, date)
        : (await store.all()).filter((e) => e.localDate === date && !e.deletedAt);
      // The day's song as the tracker picks it (`songsOfShownDays`): the same song on both.
      const song = entries.length
        ? (
            await songsOfShownDays(store, [], [date], new Map([[date, entries]]), {
              profile: store.profile ?? '',
              preferences: await readSongPreferences(store),
              language: this.language,
            })
          ).get(date)
        : undefined;
      if (run === this.recapRun) this.recap = { store, date, entries, song };
    } catch (error) {
      // A diary locked meanwhile is no failure to report: the sign-in screen is shown.
      const shown = this.view.screen === 'diary' && this.view.store === store;
      if (run !== this.recapRun || !shown) return;
      const err = toElementsError(error, 'load-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  /** "Write for this day" in the tracker: Today, with the entry form open on that day. */
  private readonly onWriteDay = async (event: MoodWriteDayEvent) => {
    this.tab = 'today';
    this.writing = true;
    await this.updateComplete;
    this.renderRoot.querySelector<MoodCamera>('mood-camera')?.writeByHand(event.detail.date);
  };

  /** After a save: Today shows the recap again. */
  private onSaved() {
    const view = this.view;
    if (view.screen !== 'diary') return;
    this.writing = false;
    void this.readRecap(view.store);
  }

  /** The gentle daily reminder: nothing written today, with "write now" and "later". */
  private renderReminder() {
    return html`<div part="reminder" id="reminder" role="status" class="reminder">
      <p>${this.t('reminderDue')}</p>
      <button type="button" class="primary" id="reminder-write" @click=${() => void this.writeNow()}>
        ${this.t('reminderWrite')}
      </button>
      <button
        type="button"
        class="link"
        id="reminder-later"
        @click=${() => (this.reminderLaterOn = isoDate(this.now()))}
      >
        ${this.t('reminderLater')}
      </button>
    </div>`;
  }

  /** Today's recap: the entries so far, the day's mood and song, and "add another". */
  private renderRecap() {
    const recap = this.recap!;
    const summary = summarize(recap.entries as never, recap.date, recap.date);
    const song = recap.song;
    return html`<section part="recap" id="recap" class="card recap" aria-labelledby="recap-title">
      <h2 id="recap-title">${this.t('recapTitle')}</h2>
      ${summary.dominant ? html`<p class="recap-mood">${this.t('recapMood', { label: this.labelText(summary.dominant) })}</p>` : nothing}
      <ul class="recap-entries">
        ${recap.entries.map(
          (e) =>
            html`<li data-entry-id=${e.id}>
              <span class="muted"
                >${new Date(e.createdAt).toLocaleTimeString(this.locale, { hour: 'numeric', minute: '2-digit' })}</span
              >
              <strong>${this.labelText(e.label)}</strong
              >${e.note ? html` — <span class="note">${e.note}</span>` : nothing}
              ${e.tags?.length ? html` <span class="muted">${e.tags.map((t) => `#${t}`).join(' ')}</span>` : nothing}
            </li>`,
        )}
      </ul>
      ${
        song
          ? html`<div class="recap-song" data-song-id=${song.match.song.id}>
              <p>
                <span class="muted">${this.t('daySong')}:</span> <strong>${song.match.song.title}</strong> ·
                ${song.match.song.artist}
              </p>
              <p class="muted fine">
                ${typeof song.match.reason === 'string' ? song.match.reason : song.match.reason[this.language]}
              </p>
              <p class="song-links">
                ${PROVIDERS.filter(([k]) => isWebLink(song.match.links[k])).map(
                  ([k, name]) =>
                    html`<a href=${song.match.links[k]!} target="_blank" rel="noopener noreferrer"
                      >${name}<span class="visually-hidden"
                        >: ${this.t('openIn', { title: song.match.song.title, provider: name })}</span
                      ></a
                    > `,
                )}
              </p>
            </div>`
          : nothing
      }
      <p class="row">
        <button type="button" id="add-another" class="primary" @click=${() => (this.writing = true)}>
          ${this.t('addAnother')}
        </button>
        <button type="button" class="link" id="recap-tracker" @click=${() => (this.tab = 'tracker')}>
          ${this.t('goToDiary')} →
        </button>
      </p>
    </section>`;
  }

  private async open(deleted = false) {
    this.opening?.abort();
    const { signal } = (this.opening = new AbortController());
    this.show({ screen: 'loading' });
    try {
      const diary = this.diary ?? (await defaultDiary({ allowThumbnails: this.allowThumbnail }));
      if (signal.aborted) return;
      const profiles = await diary.listProfiles();
      if (signal.aborted) return;
      this.show({ screen: profiles.length ? 'log-in' : 'sign-up', diary, profiles, deleted });
    } catch (error) {
      if (signal.aborted) return;
      const err = toElementsError(error, 'load-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
      this.show({ screen: 'error', message: this.t('storageFailed', { message: err.message }) });
    }
  }

  /** Listens to the open store for what the user must know: another tab's upgrade, or a lock. */
  private watch(store: ProfileEntryStore | null) {
    if (store === this.watched && (this.unsubscribe || !store?.subscribe)) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.watched = store;
    this.storeNotice = '';
    if (!store?.subscribe) return;
    this.unsubscribe = store.subscribe((event) => {
      if (event.type === 'versionchange') this.storeNotice = this.t('versionChange');
      else if (event.type === 'blocked') this.storeNotice = this.t('blockedUpgrade');
      else if (event.type === 'locked' && this.view.screen === 'diary' && this.view.store === store)
        this.lock();
      // Written elsewhere (the tracker, an import, another tab) on a day with nothing yet: the
      // reminder no longer applies.
      else if (event.type === 'change' && this.recap?.store === store && !this.recap.entries.length)
        void this.readRecap(store);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.reminderTimer);
    document.removeEventListener('visibilitychange', this.checkDay);
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.sync?.stop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The reminder's time is checked twice a minute (a background tab's timers may run once a minute).
    this.reminderTimer = setInterval(this.checkDay, 30_000);
    document.addEventListener('visibilitychange', this.checkDay);
    if (this.hasUpdated && this.view.screen === 'diary') this.watch(this.view.store);
    this.sync?.start();
  }

  /** With `server`: picks up the open profile's link to it (saved, sealed, in the profile) and syncs. */
  private async startSync(store: ProfileEntryStore) {
    if (!this.server) return;
    try {
      const { resume } = await loadSync();
      const sync = await resume(store as Parameters<typeof resume>[0]);
      if (!sync || this.view.screen !== 'diary' || this.view.store !== store) {
        sync?.close();
        return;
      }
      sync.subscribe((event) => {
        if (this.sync !== sync) return;
        if (event.type === 'status') {
          this.syncStatus = event.status;
          const { state, pending, lastSyncedAt, error } = event.status;
          this.dispatchEvent(
            new MoodSyncStatusEvent({
              status: {
                state,
                pending,
                ...(lastSyncedAt ? { lastSyncedAt } : {}),
                ...(error ? { errorCode: error.code } : {}),
              },
            }),
          );
        } else if (event.type === 'error' && event.error.code !== 'network') {
          const err = toElementsError(event.error, 'sync-failed');
          this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
        }
      });
      this.sync = sync;
      this.syncStatus = sync.status;
      if (this.isConnected) sync.start();
    } catch (error) {
      const err = toElementsError(error, 'sync-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  private stopSync() {
    this.sync?.close();
    this.sync = null;
    this.syncStatus = null;
  }

  private onAccountEnded({ detail: { reason } }: MoodAccountEndedEvent) {
    this.stopSync();
    this.accountNotice = this.t(reason === 'deleted' ? 'accountDeleted' : 'loggedOutEverywhere');
  }

  private onUnlocked({ detail: { profile, store } }: MoodProfileUnlockedEvent) {
    const view = this.view;
    if (view.screen !== 'sign-up' && view.screen !== 'log-in') return;
    this.tab = 'today';
    this.accountLogIn = false;
    this.accountNotice = '';
    this.show({ screen: 'diary', store, name: profile.name, profile: { diary: view.diary, id: profile.id } });
    void this.startSync(store);
  }

  private onSignInMode({ detail: { mode } }: MoodSignInModeEvent) {
    const view = this.view;
    if (view.screen === 'sign-up' || view.screen === 'log-in')
      this.show({ ...view, screen: mode, deleted: false });
  }

  /** Locks the diary: the key is forgotten and the sign-in screen returns. (A host's `store` is the host's to lock.) */
  lock(): void {
    const view = this.view;
    if (view.screen === 'diary' && view.profile) this.leave(view, view.profile, false);
  }

  /** Deletes the open profile with its passphrase; `<mood-settings>` asks for it. */
  private readonly deleteDiary = async (passphrase: string): Promise<void> => {
    const view = this.view;
    if (view.screen !== 'diary' || !view.profile) return;
    // Deleting locks the store: stop listening first, or that lock would be announced as well.
    this.watch(null);
    try {
      await view.profile.diary.deleteProfile(view.profile.id, passphrase);
    } catch (error) {
      if (this.view === view) this.watch(view.store);
      throw error;
    }
    if (this.view === view) this.leave(view, view.profile, true);
  };

  /** Changes the open profile's passphrase; `<mood-settings>` asks for the current and the new one. */
  private readonly changePassphrase = async (current: string, next: string): Promise<void> => {
    const view = this.view;
    if (view.screen !== 'diary' || !view.profile?.diary.changePassphrase) return;
    await view.profile.diary.changePassphrase(view.profile.id, current, next);
  };

  /** Back to sign-in, with one `mood-profile-locked`. */
  private leave(view: OpenDiaryView, profile: NonNullable<OpenDiaryView['profile']>, deleted: boolean) {
    // Stop listening first: the store's own "locked" event must not lock (and announce) a second time.
    this.watch(null);
    this.stopSync();
    this.accountNotice = '';
    if (!deleted) {
      if (profile.id) profile.diary.lock(profile.id);
      else view.store.lock?.();
    }
    this.dispatchEvent(new MoodProfileLockedEvent({ profileId: profile.id || null, deleted }));
    void this.open(deleted);
  }

  /** The `<mood-settings>`, once rendered (only while the diary is open). */
  private async settings(): Promise<MoodSettings | null> {
    await this.updateComplete;
    return this.renderRoot.querySelector<MoodSettings>('#settings');
  }

  /**
   * Exports every entry in `@moodiary/store`'s formats: versioned `json` (full fidelity) or `csv`
   * (opens cleanly in a spreadsheet, Korean intact). Downloads the file and resolves with its text
   * (empty while the diary is locked). The same as the buttons in Settings.
   */
  async exportEntries(format: 'json' | 'csv' = 'json'): Promise<string> {
    return (await (await this.settings())?.exportEntries(format)) ?? '';
  }

  /**
   * Downloads an encrypted backup of every entry: the JSON export sealed under `passphrase`
   * (AES-GCM, PBKDF2 600k), which only that passphrase opens. Resolves with the file's text.
   */
  async exportBackup(passphrase: string): Promise<string> {
    return (await (await this.settings())?.exportBackup(passphrase)) ?? '';
  }

  /**
   * Imports a JSON or CSV export, or an encrypted backup (with its `passphrase`; without one the
   * settings ask for it). Every row is checked first; an invalid file or a wrong passphrase
   * changes nothing and says why in Settings. Entries already in the diary are skipped.
   */
  async importFile(file: Blob, passphrase?: string): Promise<void> {
    await (await this.settings())?.importFile(file, passphrase);
  }

  override render() {
    const view = this.view;
    const diary =
      view.screen === 'sign-up' || view.screen === 'log-in'
        ? view.diary
        : view.screen === 'diary'
          ? view.profile?.diary
          : undefined;
    return html`<div part="base" aria-busy=${view.screen === 'loading' ? 'true' : 'false'}>
      <header part="header">
        <div>
          <h1 class="title">${this.t('diaryTitle')}</h1>
          ${
            view.screen === 'diary'
              ? html`<p class="muted hello">
                  ${view.name ? html`${this.t('hello', { name: view.name })} · ` : nothing}<time
                    datetime=${isoDate(new Date())}
                    >${new Date().toLocaleDateString(this.locale, { month: 'long', day: 'numeric', weekday: 'long' })}</time
                  >
                </p>`
              : nothing
          }
          ${view.screen === 'diary' && this.syncStatus ? this.renderSyncStatus(this.syncStatus) : nothing}
        </div>
        ${
          view.screen === 'diary' && view.profile
            ? html`<button type="button" id="lock" part="lock" @click=${() => this.lock()}>
                ${lockIcon(18)}${this.t('logOut')}
              </button>`
            : nothing
        }
      </header>
      ${diary?.persistence === 'memory' ? html`<p part="banner" role="status">${this.t('memoryOnly')}</p>` : nothing}
      ${this.storeNotice ? html`<p part="banner" role="alert" id="store-notice">${this.storeNotice}</p>` : nothing}
      ${
        this.accountNotice && view.screen === 'diary'
          ? html`<p part="banner" role="status" id="account-notice">${this.accountNotice}</p>`
          : nothing
      }
      ${this.reminderShown() ? this.renderReminder() : nothing} ${this.renderScreen(view)}
      <footer class="muted fine">${this.t('privacy')}</footer>
    </div>`;
  }

  private renderScreen(view: DiaryView) {
    switch (view.screen) {
      case 'loading':
        return html`<p role="status" class="card">${this.t('openingDiary')}</p>`;
      case 'error':
        return html`<p role="alert" class="card error">${view.message}</p>`;
      case 'sign-up':
      case 'log-in':
        if (this.server && (view.screen === 'sign-up' || this.accountLogIn))
          return this.renderAccountForm(view);
        return html`${this.server ? this.renderAccountSwitch(true) : nothing}<mood-sign-in
            part="sign-in"
            exportparts="auth"
            id="sign-in"
            lang=${this.language}
            theme=${this.theme}
            mode=${view.screen}
            notice=${view.deleted ? this.t('deleted') : ''}
            .strings=${this.strings}
            .diary=${view.diary}
            .profiles=${view.profiles}
            @mood-profile-unlocked=${this.onUnlocked}
            @mood-sign-in-mode=${this.onSignInMode}
          ></mood-sign-in>`;
      default:
        return this.renderDiary(view);
    }
  }

  /** With `server`: sign-up creates an account; log-in on a new device opens one. */
  private renderAccountForm(view: Extract<DiaryView, { screen: 'sign-up' | 'log-in' }>) {
    return html`<mood-account
        part="account"
        exportparts="auth"
        id="account"
        lang=${this.language}
        theme=${this.theme}
        server=${this.server}
        mode=${view.screen === 'sign-up' ? 'sign-up' : 'log-in'}
        .strings=${this.strings}
        .diary=${view.diary}
        @mood-profile-unlocked=${this.onUnlocked}
      ></mood-account>
      ${view.profiles.length ? this.renderAccountSwitch(false) : nothing}`;
  }

  /** Between this device's diaries (`<mood-sign-in>`) and logging in to an account. */
  private renderAccountSwitch(toAccount: boolean) {
    return html`<p class="account-switch">
      <button
        type="button"
        class="link"
        id=${toAccount ? 'account-log-in' : 'device-log-in'}
        @click=${() => {
          const view = this.view;
          this.accountLogIn = toAccount;
          if (!toAccount && view.screen === 'sign-up')
            this.show({ ...view, screen: 'log-in', deleted: false });
        }}
      >
        ${toAccount ? this.t('accountOnNewDevice') : this.t('backToDevice')}
      </button>
    </p>`;
  }

  private renderSyncStatus(status: SyncStatus) {
    const pending =
      status.pending > 0 && status.state !== 'syncing'
        ? ` · ${this.t('syncPending', { n: status.pending })}`
        : '';
    return html`<p
      part="sync-status"
      class="muted fine"
      role="status"
      id="sync-status"
      data-state=${status.state}
    >
      ${this.t(`syncState.${status.state}`)}${pending}
    </p>`;
  }

  private renderDiary(view: OpenDiaryView) {
    const tabs: [MoodDiaryTab, StringKey][] = [
      ['today', 'tabToday'],
      ['tracker', 'tabTracker'],
      ['settings', 'tabSettings'],
    ];
    return html`<nav part="tabs" role="tablist" aria-label=${this.t('diaryTitle')} @keydown=${this.onTabKey}>
        ${tabs.map(
          ([tab, key]) =>
            html`<button
              part="tab"
              role="tab"
              type="button"
              id="tab-${tab}"
              aria-selected=${this.tab === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${this.tab === tab ? 0 : -1}
              @click=${() => (this.tab = tab)}
            >
              ${this.t(key)}
            </button>`,
        )}
      </nav>
      <section part="panel" id="panel" role="tabpanel" aria-labelledby="tab-${this.tab}">
        ${this.renderPanel(view)}
      </section>`;
  }

  private onTabKey(event: KeyboardEvent) {
    const order: MoodDiaryTab[] = ['today', 'tracker', 'settings'];
    const i = order.indexOf(this.tab);
    const next =
      event.key === 'ArrowRight'
        ? order[(i + 1) % 3]
        : event.key === 'ArrowLeft'
          ? order[(i + 2) % 3]
          : undefined;
    if (!next) return;
    event.preventDefault();
    this.tab = next;
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus(),
    );
  }

  private renderPanel(view: OpenDiaryView) {
    const recap = this.recap;
    const showRecap =
      !this.writing && recap !== null && recap.store === view.store && recap.entries.length > 0;
    const lang = this.language;
    const theme = this.theme;
    return html`${
        this.tab === 'today'
          ? html`${showRecap ? this.renderRecap() : nothing}<mood-camera
                part="camera"
                id="camera"
                ?hidden=${showRecap}
                @mood-saved=${this.onSaved}
                lang=${lang}
                theme=${theme}
                ?allow-thumbnail=${this.allowThumbnail}
                preload
                .strings=${this.strings}
                .store=${view.store}
                .detector=${this.detector}
                .detectorConfig=${this.detectorConfig}
                .songMatcher=${this.songMatcher}
              ></mood-camera>
              <p class="after-save" ?hidden=${showRecap}>
                <button type="button" class="link" id="go-tracker" @click=${() => (this.tab = 'tracker')}>
                  ${this.t('goToDiary')} →
                </button>
              </p>`
          : this.tab === 'tracker'
            ? html`<mood-tracker
                part="tracker"
                id="tracker"
                lang=${lang}
                theme=${theme}
                .strings=${this.strings}
                .store=${view.store}
                @mood-write-day=${this.onWriteDay}
              ></mood-tracker>`
            : nothing
      }
      <!-- Kept while the diary is open, so a backup waiting for its passphrase outlives a tab switch. -->
      <mood-settings
        part="settings"
        id="settings"
        ?hidden=${this.tab !== 'settings'}
        lang=${lang}
        theme=${theme}
        profile-name=${view.name}
        .strings=${this.strings}
        .store=${view.store}
        .deleteDiary=${view.profile?.id ? this.deleteDiary : null}
        .changePassphrase=${
          // Not while it syncs: the account's keys come from the passphrase (changing them there is to come).
          view.profile?.id && view.profile.diary.changePassphrase && !this.sync ? this.changePassphrase : null
        }
        @mood-lang-change=${(e: MoodLangChangeEvent) => (this.lang = e.detail.lang)}
      ></mood-settings>
      ${
        this.sync && this.tab === 'settings'
          ? html`<mood-account
              part="account"
              id="account"
              lang=${lang}
              theme=${theme}
              server=${this.sync.server}
              .strings=${this.strings}
              .sync=${this.sync}
              @mood-account-ended=${this.onAccountEnded}
            ></mood-account>`
          : nothing
      }`;
  }
}
