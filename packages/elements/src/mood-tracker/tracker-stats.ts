import { html, nothing, type TemplateResult } from 'lit';
import { EMOTION_LABELS } from '@moodiary/core';
import { cssom } from '../internal/cssom-style.js';
import { renderChart } from './tracker-chart.js';
import type { TrackerContext } from './tracker-context.js';

/**
 * The period's figures: mood over time (see `renderChart`), tag insights, mood by weekday, the mix of
 * moods, the playlist and the streak. Drawn from the figures alone.
 */
export function renderStats(
  ctx: TrackerContext,
  playlist: TemplateResult,
  insights: TemplateResult,
): TemplateResult {
  const { host } = ctx;
  const { streak, count } = ctx.figures();
  return html`<div class="stats">
    <section class="stat" part="chart" aria-labelledby="chart-title">
      <h3 id="chart-title">${host.t('overTime')}</h3>
      ${renderChart(ctx)}
    </section>
    <section class="stat" part="weekdays" aria-labelledby="weekday-title">
      <h3 id="weekday-title">${host.t('byWeekday')}</h3>
      ${renderWeekdays(ctx)}
    </section>
    <section class="stat" part="distribution" aria-labelledby="dist-title">
      <h3 id="dist-title">${host.t('distribution')}</h3>
      ${renderDistribution(ctx)}
    </section>
    ${insights} ${playlist}
    <section class="stat" part="streak" aria-labelledby="streak-title">
      <h3 id="streak-title">${host.t('streak')}</h3>
      <p class="streak">
        ${host.t(streak.current === 1 ? 'streakDay' : 'streakDays', { n: streak.current })}
      </p>
      <p class="muted">
        ${host.t('longestStreak', { n: streak.longest })} · ${host.t('entriesCount', { n: count })}
      </p>
    </section>
  </div>`;
}

function renderWeekdays(ctx: TrackerContext) {
  const { host } = ctx;
  const stats = ctx.figures().weekdays;
  const firstDay = 0;
  return html`<div class="weekdays" role="list">
    ${Array.from({ length: 7 }, (_, k) => {
      const s = stats[(k + firstDay) % 7]!;
      const name = ctx.formatDate(`2023-01-0${1 + s.weekday}`, { weekday: 'short' });
      const mean = s.meanValence;
      const label =
        mean === null
          ? `${name}: ${host.t('noEntry')}`
          : `${name}: ${host.labelText(s.dominant!)}, ${Math.round(mean * 100)}/100`;
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

function renderDistribution(ctx: TrackerContext) {
  const { host } = ctx;
  const { distribution: counts, count: total } = ctx.figures().period;
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
            <span class="dot" aria-hidden="true"></span>${host.labelText(l)}<span class="n"
              >${counts[l]}${total ? ` · ${Math.round((counts[l] / total) * 100)}%` : ''}</span
            >
          </li>`,
      )}
    </ul>`;
}
