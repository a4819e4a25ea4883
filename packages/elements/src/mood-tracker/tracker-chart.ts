import { html, nothing, svg, type TemplateResult } from 'lit';
import type { MoodSummary } from '@moodiary/store';
import type { TrackerContext } from './tracker-context.js';

/** One step of the chart (a day of a month, a month of a year): the store's summary of it. */
interface ChartPoint {
  readonly date: string;
  /** Position on the x axis: day of the month or month of the year, from 0. */
  readonly index: number;
  readonly dominant: MoodSummary['dominant'];
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Mean of the means in the rolling window ending here (steps with entries only). */
  readonly rolling: number;
}

/** Rolling window and the longest stretch the line may cross, in steps: a week of days, a quarter of months. */
const WINDOW = { month: 7, year: 3 } as const;
/** Steps apart that still join: a month's line crosses one missing day, a year's no missing month. */
const MAX_STEP = { month: 2, year: 1 } as const;

/**
 * The steps that have entries with their rolling average, and the runs the line is drawn in: a new
 * run starts after an empty stretch, so no line is drawn across days (months) without entries.
 */
function chartSeries(
  steps: readonly MoodSummary[],
  view: 'month' | 'year',
): { points: ChartPoint[]; runs: ChartPoint[][] } {
  const window = WINDOW[view];
  const points: ChartPoint[] = [];
  const runs: ChartPoint[][] = [];
  steps.forEach((s, index) => {
    if (!s.count) return;
    let sum = s.meanValence!;
    let n = 1;
    for (let k = points.length - 1; k >= 0 && points[k]!.index > index - window; k--) {
      sum += points[k]!.mean;
      n += 1;
    }
    const point: ChartPoint = {
      date: s.from,
      index,
      dominant: s.dominant,
      mean: s.meanValence!,
      min: s.minValence!,
      max: s.maxValence!,
      rolling: sum / n,
    };
    const last = points[points.length - 1];
    if (!last || index - last.index > MAX_STEP[view]) runs.push([point]);
    else runs[runs.length - 1]!.push(point);
    points.push(point);
  });
  return { points, runs };
}

const W = 320;
const H = 120;
const LEFT = 26;
const TOP = 6;
const BOTTOM = 18;
const pct = (v: number) => Math.round(v * 100);

/**
 * Mood over time: a y axis of pleasantness (0–100, the store's valence), x labels in the UI's
 * language, each step's mean as a dot with its range as a bar, and the rolling average broken at
 * gaps. An image for screen readers (title and description) with the same figures as a table.
 */
export function renderChart(ctx: TrackerContext): TemplateResult {
  const { host } = ctx;
  const view = ctx.view();
  const { period } = ctx.figures();
  const steps = view === 'year' ? (period.byMonth ?? []) : period.byDay;
  const { points, runs } = chartSeries(steps, view);
  const plotW = W - LEFT;
  const x = (index: number) => LEFT + ((index + 0.5) / steps.length) * plotW;
  const y = (v: number) => TOP + (1 - v) * H;
  const f = (n: number) => n.toFixed(1);
  const label = (s: MoodSummary) =>
    view === 'year'
      ? ctx.formatDate(s.from, { month: 'short' })
      : ctx.formatDate(s.from, { month: 'short', day: 'numeric' });
  // Month: the 1st, 8th, 15th, 22nd and 29th; year: every month.
  const ticks = steps.flatMap((s, i) => (view === 'year' || i % 7 === 0 ? [{ s, i }] : []));
  const rollingName = host.t(view === 'year' ? 'rollingMonths' : 'rollingDays', { n: WINDOW[view] });
  const summary =
    period.count === 0
      ? host.t('noEntry')
      : `${host.t('entriesCount', { n: period.count })}, ${host.t('chartMean').toLowerCase()} ${pct(period.meanValence!)}/100.`;
  return html`<svg
      viewBox="0 0 ${W} ${TOP + H + BOTTOM}"
      role="img"
      aria-labelledby="chart-title chart-desc"
      data-view=${view}
    >
      <desc id="chart-desc">${host.t('overTimeDesc')} ${summary}</desc>
      ${svg`<g class="y-axis">${[0, 0.5, 1].map(
        (v) =>
          svg`<line class="grid" x1=${LEFT} x2=${W} y1=${y(v)} y2=${y(v)} stroke-dasharray=${v === 0 ? nothing : '3 4'}></line><text class="axis" x=${LEFT - 4} y=${y(v) + 3} text-anchor="end">${pct(v)}</text>`,
      )}<text class="axis axis-title" x=${LEFT + 3} y=${TOP + 9}>${host.t('pleasantness')}</text></g>
      <g class="x-axis">${ticks.map(
        ({ s, i }) =>
          svg`<text class="axis tick" x=${f(x(i))} y=${TOP + H + 13} text-anchor="middle">${view === 'year' ? ctx.formatDate(s.from, { month: 'narrow' }) : ctx.formatDate(s.from, { day: 'numeric' })}</text>`,
      )}</g>
      ${points.map((p) => svg`<line class="range" x1=${f(x(p.index))} x2=${f(x(p.index))} y1=${f(y(p.max))} y2=${f(y(p.min))}></line>`)}
      ${runs.map(
        (run) =>
          svg`<polyline class="rolling" points=${run.map((p) => `${f(x(p.index))},${f(y(p.rolling))}`).join(' ')} data-dates=${run.map((p) => p.date).join(' ')}></polyline>`,
      )}
      ${points.map((p) => svg`<circle class="point mood-${p.dominant}" cx=${f(x(p.index))} cy=${f(y(p.mean))} r=${view === 'year' ? 4 : 3} data-date=${p.date}></circle>`)}`}
    </svg>
    <p class="chart-key muted" aria-hidden="true">
      <span class="key-dot"></span>${host.t('chartMean')} <span class="key-bar"></span>${host.t('chartRange')}
      <span class="key-line"></span>${rollingName}
    </p>
    ${
      points.length
        ? html`<details class="chart-table">
            <summary>${host.t('chartTable')}</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">${host.t(view === 'year' ? 'chartMonth' : 'chartDay')}</th>
                  <th scope="col">${host.t('chartMean')}</th>
                  <th scope="col">${host.t('chartRange')}</th>
                  <th scope="col">${rollingName}</th>
                </tr>
              </thead>
              <tbody>
                ${points.map(
                  (p) =>
                    html`<tr data-date=${p.date}>
                      <th scope="row">${label(steps[p.index]!)}</th>
                      <td>${pct(p.mean)}</td>
                      <td>${pct(p.min)}–${pct(p.max)}</td>
                      <td>${pct(p.rolling)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </details>`
        : nothing
    }`;
}
