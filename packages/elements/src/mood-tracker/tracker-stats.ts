import { html, nothing, svg, type TemplateResult } from 'lit';
import { EMOTION_LABELS, addDays } from '@moodiary/core';
import type { MoodSummary } from '@moodiary/store';
import { cssom } from '../internal/cssom-style.js';
import { parseDate } from '../internal/dates.js';
import type { TrackerContext } from './tracker-context.js';

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
 * The period's figures: mood over time (each day's mean and range; weekly for a year), mood by
 * weekday, the mix of moods, the playlist and the streak. Drawn from the figures alone.
 */
export function renderStats(ctx: TrackerContext, playlist: TemplateResult): TemplateResult {
  const { host } = ctx;
  const { from, to } = ctx.period();
  const { streak, count } = ctx.figures();
  return html`<div class="stats">
    <section class="stat" part="chart" aria-labelledby="chart-title">
      <h3 id="chart-title">${host.t('overTime')}</h3>
      ${renderChart(ctx, from, to)}
    </section>
    <section class="stat" part="weekdays" aria-labelledby="weekday-title">
      <h3 id="weekday-title">${host.t('byWeekday')}</h3>
      ${renderWeekdays(ctx)}
    </section>
    <section class="stat" part="distribution" aria-labelledby="dist-title">
      <h3 id="dist-title">${host.t('distribution')}</h3>
      ${renderDistribution(ctx)}
    </section>
    ${playlist}
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

function renderChart(ctx: TrackerContext, from: string, to: string) {
  const { host } = ctx;
  const W = 320;
  const H = 120;
  const total = Math.round((parseDate(to).getTime() - parseDate(from).getTime()) / 86_400_000) + 1;
  const { period } = ctx.figures();
  const days = ctx.view() === 'year' ? weekly(chartDays(period.byDay), from) : chartDays(period.byDay);
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
  const maxGap = ctx.view() === 'year' ? 14 : 2;
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
  const summary = mean === null ? host.t('noEntry') : `${host.t('entriesCount', { n: period.count })}`;
  return html`<svg viewBox="0 0 ${W} ${H + 14}" role="img" aria-labelledby="chart-title chart-desc">
    <desc id="chart-desc">${host.t('overTimeDesc')} ${summary}</desc>
    ${svg`<line class="grid" x1="0" x2=${W} y1=${y(0.5)} y2=${y(0.5)} stroke-dasharray="3 4"></line>
        <line class="grid" x1="0" x2=${W} y1=${H} y2=${H}></line>
        <path class="band" d=${band || 'M0,0'}></path>
        <path class="line" d=${line || 'M0,0'}></path>
        ${ctx.view() === 'month' ? days.map((d) => svg`<circle class="point mood-${d.dominant}" cx=${x(d.date).toFixed(1)} cy=${y(d.mean).toFixed(1)} r="3.5"></circle>`) : nothing}
        <text class="axis" x="0" y=${H + 12}>${ctx.formatDate(from, { month: 'short', day: 'numeric' })}</text>
        <text class="axis" x=${W} y=${H + 12} text-anchor="end">${ctx.formatDate(to, { month: 'short', day: 'numeric' })}</text>
        <text class="axis" x="2" y="10">☀</text>
        <text class="axis" x="2" y=${H - 3}>☁</text>`}
  </svg>`;
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
