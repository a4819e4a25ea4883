import { html, nothing, type ReactiveController } from 'lit';
import type { MoodEntry } from '@moodiary/store';
import type { DaySong, SongPreferences } from '@moodiary/songs';
import { songsSdk } from '../internal/defaults.js';
import { keepsSettings, readSongPreferences, songsOfShownDays } from '../internal/day-songs.js';
import { toElementsError } from '../internal/errors.js';
import { MoodErrorEvent } from '../internal/events.js';
import { PROVIDERS, isWebLink } from '../internal/links.js';
import type { TrackerContext } from './tracker-context.js';

/** The day open in the dialog, as the songs see it: its date and its entries whole (`null` until read). */
export interface OpenDay {
  readonly date: string;
  readonly entries: readonly MoodEntry[] | null;
}

/**
 * The song of each day shown (the four moments, the open day), the user's liked and hidden songs,
 * and "not this song" with its undo. Songs fill in after the figures are drawn: the first paint
 * never waits for them.
 */
export class DaySongsController implements ReactiveController {
  /** The song of each day shown, from `@moodiary/songs`' `songsOfDays`. */
  private songs: ReadonlyMap<string, DaySong> = new Map();
  /** Liked and hidden songs: the store's profile setting, or kept here for entries given whole. */
  private prefs: SongPreferences = { liked: [], hidden: [] };
  /** Whether the store's liked and hidden songs have been read: no song is picked before (it would flash). */
  private prefsRead = true;
  /** A song just hidden, to say so with an undo. */
  private notice: { readonly id: string; readonly title: string } | null = null;
  /** What the day songs were last worked out from (compared by identity). */
  private inputs: readonly unknown[] = [];
  private run = 0;
  private prefsRun = 0;

  constructor(
    private readonly ctx: TrackerContext,
    /** The open day and its entries whole, or `null`. */
    private readonly openDay: () => OpenDay | null,
    /** A day's entries whole, when the tracker holds them. */
    private readonly dayEntries: (date: string) => readonly MoodEntry[] | null,
  ) {
    ctx.host.addController(this);
  }

  get preferences(): SongPreferences {
    return this.prefs;
  }

  has(date: string): boolean {
    return this.songs.has(date);
  }

  /** A new store: nothing liked yet, and none picked until its preferences are read. */
  reset(): void {
    this.prefs = { liked: [], hidden: [] };
    this.prefsRead = !keepsSettings(this.ctx.store());
    this.prefsRun++;
  }

  /** Liked and hidden songs from the store's profile setting. */
  async loadPreferences(): Promise<void> {
    const store = this.ctx.store();
    if (!keepsSettings(store)) return;
    const run = ++this.prefsRun;
    try {
      const prefs = await readSongPreferences(store);
      if (run !== this.prefsRun || store !== this.ctx.store()) return;
      // Kept when equal, so the day songs are not worked out again for nothing.
      if (JSON.stringify(prefs) !== JSON.stringify(this.prefs)) this.prefs = prefs;
      this.prefsRead = true;
    } catch (error) {
      if (run !== this.prefsRun) return;
      this.prefsRead = true;
      const err = toElementsError(error, 'load-failed');
      this.ctx.host.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
    this.ctx.host.requestUpdate();
  }

  hostUpdated(): void {
    void this.refresh();
  }

  /** A tracker taken off the page drops the songs being worked out; they are worked out again when it is back. */
  hostDisconnected(): void {
    this.run++;
    this.inputs = [];
  }

  hostConnected(): void {
    if (this.inputs.length === 0) this.ctx.host.requestUpdate();
  }

  /** The days that show a song: the four moments and the open day, those with entries. */
  private get dates(): string[] {
    const dates = Object.values(this.ctx.figures().moments)
      .filter((m) => m.summary.count > 0)
      .map((m) => m.date);
    const open = this.openDay();
    if (open && !dates.includes(open.date) && open.entries?.length) dates.push(open.date);
    return dates;
  }

  /**
   * Works out the song of each day shown when anything it depends on changed: the figures (a new
   * read), the open day's entries, the liked and hidden songs, the language, the catalogue.
   */
  private async refresh() {
    const ctx = this.ctx;
    const dates = this.dates;
    const inputs = [
      ctx.figures(),
      ctx.readable(),
      this.openDay()?.entries,
      this.prefs,
      ctx.host.language,
      ctx.catalogue(),
      ctx.store(),
      this.prefsRead,
      dates.join(),
    ];
    if (inputs.length === this.inputs.length && inputs.every((x, i) => x === this.inputs[i])) return;
    this.inputs = inputs;
    const run = ++this.run;
    if (!this.prefsRead) return;
    if (dates.length === 0) {
      if (this.songs.size) this.set(new Map());
      return;
    }
    const store = ctx.store();
    try {
      // After the figures are painted: the first paint never shares the page with the songs' reads.
      await new Promise((resolve) => setTimeout(resolve));
      if (run !== this.run) return;
      const whole = new Map<string, readonly MoodEntry[]>();
      for (const date of dates) {
        const entries = this.dayEntries(date);
        if (entries) whole.set(date, entries);
      }
      const songs = await songsOfShownDays(ctx.periodStore(), ctx.readable(), dates, whole, this.choice());
      if (run === this.run && store === ctx.store()) this.set(songs);
    } catch (error) {
      if (run !== this.run) return;
      const err = toElementsError(error, 'load-failed');
      ctx.host.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  private set(songs: ReadonlyMap<string, DaySong>) {
    this.songs = songs;
    this.ctx.host.requestUpdate();
  }

  /** How every day song is picked (the same on the cards, in a day and in the playlist). */
  choice() {
    const store = this.ctx.store() as { profile?: string } | null;
    return {
      profile: store?.profile ?? '',
      preferences: this.prefs,
      language: this.ctx.host.language,
      catalogue: this.ctx.catalogue(),
    };
  }

  /** Likes, unlikes, hides or unhides a song; kept in the store's profile setting (encrypted, exported). */
  private async change(id: string, title: string, change: 'like' | 'unlike' | 'hide' | 'unhide') {
    const store = this.ctx.store();
    const before = this.prefs;
    try {
      const sdk = await songsSdk();
      const next = sdk.changeSongPreference(before, id, change);
      this.prefs = next;
      this.notice = change === 'hide' ? { id, title } : null;
      this.ctx.host.requestUpdate();
      if (keepsSettings(store)) await store.setSetting(sdk.SONG_PREFERENCES_SETTING, next);
    } catch (error) {
      if (this.ctx.store() === store) {
        this.prefs = before;
        this.ctx.host.requestUpdate();
      }
      const err = toElementsError(error, 'update-failed');
      this.ctx.host.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  /**
   * A day's song: title and artist, why (its reason, or that the user kept it), where to play it
   * (http(s) links only), and like / "not this song". Every text is data in a text node.
   */
  render(date: string) {
    const day = this.songs.get(date);
    if (!day) return nothing;
    const { host } = this.ctx;
    const { song, reason, links } = day.match;
    const liked = this.prefs.liked.includes(song.id);
    const why = typeof reason === 'string' ? reason : reason?.[host.language];
    return html`<div part="day-song" class="day-song" data-song-id=${song.id} data-kind=${day.kind}>
      <p class="day-song-title">
        <span aria-hidden="true">♪</span><span class="visually-hidden">${host.t('daySong')}:</span>
        <strong>${song.title}</strong> · ${song.artist}
      </p>
      ${why ? html`<p class="fine muted reason">${why}</p>` : nothing}
      ${day.kind === 'kept' ? html`<p class="fine muted">${host.t('daySongKept')}</p>` : nothing}
      <div class="song-links">
        ${PROVIDERS.filter(([k]) => isWebLink(links[k])).map(
          ([k, name]) =>
            html`<a part="song-link" href=${links[k]!} target="_blank" rel="noopener noreferrer"
              >${name}<span class="visually-hidden"
                >: ${host.t('openIn', { title: song.title, provider: name })}</span
              ></a
            >`,
        )}
      </div>
      ${
        this.ctx.readonly()
          ? nothing
          : html`<div class="song-actions">
              <button
                type="button"
                data-action="like"
                aria-pressed=${liked ? 'true' : 'false'}
                @click=${() => void this.change(song.id, song.title, liked ? 'unlike' : 'like')}
              >
                <span aria-hidden="true">${liked ? '♥' : '♡'}</span>
                ${host.t(liked ? 'likedSong' : 'likeSong')}
              </button>
              <button
                type="button"
                data-action="hide"
                @click=${() => void this.change(song.id, song.title, 'hide')}
              >
                ${host.t('hideSong')}
              </button>
            </div>`
      }
    </div>`;
  }

  /** Says a song was hidden, with an undo. */
  renderNotice() {
    const notice = this.notice;
    if (!notice) return nothing;
    const { host } = this.ctx;
    return html`<p class="muted song-notice" role="status">
      ${host.t('songHidden', { title: notice.title })}
      <button
        type="button"
        class="link"
        data-action="unhide"
        @click=${() => void this.change(notice.id, notice.title, 'unhide')}
      >
        ${host.t('unhideSong')}
      </button>
    </p>`;
  }
}
