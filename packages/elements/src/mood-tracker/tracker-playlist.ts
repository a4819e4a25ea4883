import { html, nothing, type ReactiveController } from 'lit';
import type { MoodEntry } from '@moodiary/store';
import type { DaySong } from '@moodiary/songs';
import { songsSdk } from '../internal/defaults.js';
import { readEntries, songsOfShownDays } from '../internal/day-songs.js';
import { toElementsError } from '../internal/errors.js';
import { MoodErrorEvent } from '../internal/events.js';
import type { Notice, TrackerContext } from './tracker-context.js';
import type { DaySongsController } from './tracker-songs.js';

/**
 * The period's songs, one a day: read when the playlist is opened (the period's entries whole), to
 * copy, save as an M3U file or share.
 */
export class PlaylistController implements ReactiveController {
  /** The songs of the period in `key`, once read. */
  private playlist: { readonly key: string; readonly songs: readonly DaySong[] } | null = null;
  private notice: Notice | null = null;
  /** What the open playlist was last read from (compared by identity). */
  private inputs: readonly unknown[] = [];
  private run = 0;

  constructor(
    private readonly ctx: TrackerContext,
    private readonly songs: DaySongsController,
  ) {
    ctx.host.addController(this);
  }

  /** An open playlist follows the period, the entries and the liked and hidden songs. */
  hostUpdated(): void {
    const ctx = this.ctx;
    const inputs = [ctx.figures(), this.songs.preferences, ctx.host.language, ctx.period().from];
    const open = ctx.host.renderRoot.querySelector<HTMLDetailsElement>('details[part=playlist]')?.open;
    if (open && !inputs.every((x, i) => x === this.inputs[i])) {
      this.inputs = inputs;
      void this.load();
    }
  }

  private async load() {
    const ctx = this.ctx;
    const { from, to } = ctx.period();
    const key = `${from}|${to}`;
    const run = ++this.run;
    const store = ctx.store();
    const byPeriod = ctx.periodStore();
    try {
      // The period's entries whole: the songs kept with them.
      const whole = new Map<string, MoodEntry[]>();
      if (byPeriod)
        for (const e of await readEntries(byPeriod, { from, to }))
          whole.set(e.localDate, [...(whole.get(e.localDate) ?? []), e]);
      const songs = await songsOfShownDays(
        byPeriod,
        ctx.readable(),
        { from, to },
        whole,
        this.songs.choice(),
      );
      if (run === this.run && store === ctx.store()) {
        this.playlist = { key, songs: [...songs.values()] };
        ctx.host.requestUpdate();
      }
    } catch (error) {
      if (run !== this.run) return;
      const err = toElementsError(error, 'load-failed');
      ctx.host.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  private get periodName(): string {
    const { from } = this.ctx.period();
    return this.ctx.view() === 'year'
      ? this.ctx.formatDate(from, { year: 'numeric' })
      : this.ctx.formatDate(from, { year: 'numeric', month: 'long' });
  }

  /** Copies, saves (an M3U file) or shares the period's songs; says how it went. */
  private async share(how: 'copy' | 'save' | 'share') {
    const { host } = this.ctx;
    const songs = this.playlist?.songs ?? [];
    const sdk = await songsSdk();
    const title = host.t('playlistTitle', { period: this.periodName });
    try {
      if (how === 'save') {
        const url = URL.createObjectURL(
          new Blob([sdk.playlistM3u(songs, { title })], { type: 'audio/x-mpegurl;charset=utf-8' }),
        );
        const a = document.createElement('a');
        a.href = url;
        a.download = `moodiary-${this.ctx.period().from.slice(0, this.ctx.view() === 'year' ? 4 : 7)}.m3u8`;
        a.rel = 'noopener';
        host.renderRoot.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        return;
      }
      const text = sdk.playlistText(songs, { title });
      if (how === 'share') await navigator.share({ title, text });
      else {
        await navigator.clipboard.writeText(text);
        this.notice = { text: host.t('playlistCopied'), alert: false };
      }
    } catch (error) {
      // A share the user cancelled is no failure.
      if ((error as { name?: string } | null)?.name === 'AbortError') return;
      this.notice = {
        text: host.t('playlistFailed', { message: (error as Error)?.message ?? String(error) }),
        alert: true,
      };
    }
    host.requestUpdate();
  }

  render() {
    const { host } = this.ctx;
    const { from, to } = this.ctx.period();
    const list = this.playlist?.key === `${from}|${to}` ? this.playlist.songs : null;
    const canShare = typeof navigator.share === 'function';
    return html`<details
      part="playlist"
      class="stat playlist"
      @toggle=${(e: Event) => {
        if ((e.target as HTMLDetailsElement).open) host.requestUpdate();
      }}
    >
      <summary><h3>${host.t('playlist')}</h3></summary>
      ${
        !list
          ? html`<p class="muted" role="status">${host.t('loading')}</p>`
          : list.length === 0
            ? html`<p class="muted">${host.t('playlistEmpty')}</p>`
            : html`<ol class="playlist-songs">
                  ${list.map(
                    (d) =>
                      html`<li data-date=${d.date} data-song-id=${d.match.song.id}>
                        <span class="muted"
                          >${this.ctx.formatDate(d.date, { month: 'short', day: 'numeric' })}</span
                        >
                        <strong>${d.match.song.title}</strong> · ${d.match.song.artist}
                      </li>`,
                  )}
                </ol>
                <div class="song-actions">
                  <button type="button" data-action="copy" @click=${() => void this.share('copy')}>
                    ${host.t('playlistCopy')}
                  </button>
                  <button type="button" data-action="save" @click=${() => void this.share('save')}>
                    ${host.t('playlistSave')}
                  </button>
                  ${
                    canShare
                      ? html`<button
                          type="button"
                          data-action="share"
                          @click=${() => void this.share('share')}
                        >
                          ${host.t('playlistShare')}
                        </button>`
                      : nothing
                  }
                </div>`
      }
      ${
        this.notice
          ? html`<p
              class=${this.notice.alert ? 'error' : 'muted'}
              role=${this.notice.alert ? 'alert' : 'status'}
            >
              ${this.notice.text}
            </p>`
          : nothing
      }
    </details>`;
  }
}
