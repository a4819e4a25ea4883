import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { EmotionProbabilities } from '@moodiary/core';
import { LocalizedElement } from '../internal/localized-element.js';
import { tokens } from '../internal/styles.js';
import { styles } from './mood-songs.styles.js';
import { defaultSongMatcher } from '../internal/defaults.js';
import { MoodErrorEvent, MoodSongModeEvent, MoodSongSelectEvent } from '../internal/events.js';
import { toElementsError } from '../internal/errors.js';
import type { MatchMode, SongMatcher, SongSuggestion } from '@moodiary/songs';
import { PROVIDERS, isWebLink } from '../internal/links.js';

/**
 * Songs for a mood: "match my mood" expresses it, "lift me up" walks from it
 * toward calm. Each song says why it was picked and links to music services in a
 * new tab; nothing plays by itself.
 *
 * @tagname mood-songs
 * @summary Song suggestions for a mood, with the match / lift choice.
 *
 * @event mood-song-mode - The user switched between `match` and `lift`. `detail.mode`.
 * @event mood-song-select - The user kept a song with the entry or opened it at a provider. `detail: { match, how, selected, provider? }`.
 * @event mood-error - Songs could not be loaded. `detail.code`: `load-failed`.
 *
 * @csspart base - The card around everything.
 * @csspart modes - The match / lift switch.
 * @csspart list - The list of songs.
 * @csspart song - One song.
 * @csspart link - A provider link.
 * @csspart keep - The "keep with entry" toggle.
 *
 * @cssproperty --mood-color-accent - Buttons and the selected mode.
 * @cssproperty --mood-color-paper - Background of each song.
 * @cssproperty --mood-radius - Corner radius.
 */
export class MoodSongs extends LocalizedElement {
  static override styles = [tokens, styles];

  /** The mood to find songs for: six probabilities (a face's, or a day's mean). */
  @property({ attribute: false }) probabilities: EmotionProbabilities | null = null;

  /** `match` (express the mood) or `lift` (walk toward calm). */
  @property({ reflect: true }) mode: MatchMode = 'match';

  /** How many songs (match: 1–100, lift: 3–5). */
  @property({ type: Number }) count = 4;

  /** Show "keep with entry" toggles. */
  @property({ type: Boolean }) selectable = false;

  /** Ids of the songs kept with the entry. */
  @property({ attribute: false }) selected: readonly string[] = [];

  /** Your own matcher (same signature as `matchSongs` from `@moodiary/songs`). Default: that one, loaded on demand. */
  @property({ attribute: false }) matcher: SongMatcher | null = null;

  /** A catalogue to pick from, passed to the matcher. Default: the matcher's own. */
  @property({ attribute: false }) catalogue: readonly unknown[] | undefined = undefined;

  /** Songs to show as they are, without a matcher (e.g. from a saved entry, or in stories). */
  @property({ attribute: false }) suggestions: readonly SongSuggestion[] | null = null;

  /** Hide the heading. */
  @property({ type: Boolean, attribute: 'no-heading' }) noHeading = false;

  @state() private computed: readonly SongSuggestion[] | null = null;
  @state() private status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  private request = 0;

  /** The songs shown now. */
  get songs(): readonly SongSuggestion[] {
    return this.suggestions ?? this.computed ?? [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      this.suggestions === null &&
      (changed.has('probabilities') ||
        changed.has('mode') ||
        changed.has('count') ||
        changed.has('matcher') ||
        changed.has('catalogue') ||
        changed.has('lang'))
    ) {
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const id = ++this.request;
    if (!this.probabilities) {
      this.computed = null;
      this.status = 'idle';
      return;
    }
    this.status = 'loading';
    try {
      const match = this.matcher ?? (await defaultSongMatcher());
      const count = this.mode === 'lift' ? Math.min(5, Math.max(3, this.count)) : this.count;
      const options = {
        mode: this.mode,
        count,
        language: this.language === 'ko' ? ['ko', 'en'] : ['en', 'ko'],
        ...(this.catalogue === undefined ? {} : { catalogue: this.catalogue }),
      };
      const result = await match(this.probabilities, options);
      if (id !== this.request) return;
      this.computed = result.songs;
      this.status = 'ready';
    } catch (error) {
      if (id !== this.request) return;
      this.status = 'error';
      const err = toElementsError(error, 'load-failed');
      this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  private setMode(mode: MatchMode) {
    if (mode === this.mode) return;
    this.mode = mode;
    this.dispatchEvent(new MoodSongModeEvent({ mode }));
  }

  private toggle(match: SongSuggestion) {
    const has = this.selected.includes(match.song.id);
    this.selected = has
      ? this.selected.filter((id) => id !== match.song.id)
      : [...this.selected, match.song.id];
    this.dispatchEvent(new MoodSongSelectEvent({ match, how: 'chosen', selected: !has }));
  }

  private opened(match: SongSuggestion, provider: string) {
    this.dispatchEvent(new MoodSongSelectEvent({ match, how: 'played', selected: true, provider }));
  }

  private reasonText(match: SongSuggestion): string {
    const reason = match.reason;
    if (!reason) return '';
    return typeof reason === 'string' ? reason : reason[this.language];
  }

  override render() {
    const songs = this.songs;
    const showModes = this.suggestions === null;
    return html`<section
      part="base"
      class="card"
      aria-labelledby="songs-title"
      aria-busy=${this.status === 'loading'}
    >
      <header>
        <h3 id="songs-title" class=${this.noHeading ? 'visually-hidden' : ''}>${this.t('songsTitle')}</h3>
        ${
          showModes
            ? html`<div part="modes" role="group" aria-label=${this.t('songsMode')}>
                ${(['match', 'lift'] as const).map(
                  (mode) =>
                    html`<button
                      type="button"
                      data-mode=${mode}
                      aria-pressed=${this.mode === mode ? 'true' : 'false'}
                      @click=${() => this.setMode(mode)}
                    >
                      ${this.t(mode === 'match' ? 'modeMatch' : 'modeLift')}
                    </button>`,
                )}
              </div>`
            : nothing
        }
      </header>
      ${
        this.status === 'loading' && songs.length === 0
          ? html`<p class="status" role="status">${this.t('songsLoading')}</p>`
          : this.status === 'error'
            ? html`<p class="status error" role="alert">${this.t('songsError')}</p>`
            : songs.length === 0
              ? html`<p class="status">${this.t('songsEmpty')}</p>`
              : html`<ol part="list">
                  ${songs.map((match, i) => this.renderSong(match, i))}
                </ol>`
      }
    </section>`;
  }

  private renderSong(match: SongSuggestion, i: number) {
    const { song } = match;
    const kept = this.selected.includes(song.id);
    const reason = this.reasonText(match);
    return html`<li part="song" data-song-id=${song.id}>
      <span class="num" aria-hidden="true">${i + 1}</span>
      <div>
        <span class="title">${song.title}</span> ·
        <span class="artist">${song.artist}</span
        >${song.year ? html` <span class="artist">(${song.year})</span>` : nothing}
      </div>
      ${reason ? html`<p class="reason">${reason}</p>` : nothing}
      <div class="links">
        ${PROVIDERS.filter(([key]) => isWebLink(match.links[key])).map(
          ([key, name]) =>
            html`<a
              part="link"
              class="button"
              href=${match.links[key]!}
              target="_blank"
              rel="noopener noreferrer"
              @click=${() => this.opened(match, key)}
              >${name}<span class="visually-hidden"
                >: ${this.t('openIn', { title: song.title, provider: name })}</span
              ></a
            >`,
        )}
        ${
          this.selectable
            ? html`<button
                part="keep"
                type="button"
                aria-pressed=${kept ? 'true' : 'false'}
                @click=${() => this.toggle(match)}
              >
                <span aria-hidden="true">${kept ? '♥' : '♡'}</span>${this.t(kept ? 'songAdded' : 'addSong')}
              </button>`
            : nothing
        }
      </div>
    </li>`;
  }
}
