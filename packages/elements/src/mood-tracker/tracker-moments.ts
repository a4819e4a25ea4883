import { html, nothing } from 'lit';
import type { MomentKey } from './mood-tracker.data.js';
import type { TrackerContext } from './tracker-context.js';
import type { DaySongsController } from './tracker-songs.js';

const MOMENTS: readonly MomentKey[] = ['today', 'yesterday', 'monthAgo', 'yearAgo'];

/**
 * The four cards "today / yesterday / a month ago / a year ago": each day's mood and latest note
 * (a click opens the day) and its song. The "song hidden" notice shows here while no day is open.
 */
export function renderMoments(
  ctx: TrackerContext,
  songs: DaySongsController,
  openDay: (date: string) => void,
  dayOpen: boolean,
) {
  const { host } = ctx;
  const { moments } = ctx.figures();
  return html`<div part="moments">
      ${MOMENTS.map((key) => {
        const { date, summary, entries } = moments[key];
        const dominant = summary.dominant;
        const last = entries[entries.length - 1];
        return html`<div class="moment-card ${dominant ? `mood-${dominant}` : ''}">
          <button
            part="moment"
            type="button"
            class=${dominant ? `mood-${dominant}` : ''}
            data-moment=${key}
            @click=${() => openDay(date)}
          >
            <span class="moment-title"
              >${host.t(key)} · ${ctx.formatDate(date, { month: 'short', day: 'numeric' })}</span
            >
            <span class="moment-label"
              ><span class="dot" aria-hidden="true"></span
              >${dominant ? host.labelText(dominant) : host.t('noEntry')}</span
            >
            ${last?.note ? html`<span class="moment-note">${last.note}</span>` : nothing}
          </button>
          ${songs.render(date)}
        </div>`;
      })}
    </div>
    ${dayOpen ? nothing : songs.renderNotice()}`;
}
