import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { MoodSummary } from '@moodiary/store';
import { addDays, addMonths, daysInMonth } from '@moodiary/core';
import type { Figures } from './mood-tracker.data.js';
import type { TrackerContext } from './tracker-context.js';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The month calendar and the year in pixels: each day coloured by its mood, one roving tab stop
 * moved with the arrow keys (across months and years), a click opens the day.
 */
export class CalendarController {
  /** The day that holds the grid's tab stop. */
  focusDate = '';
  /** Each day of the shown period by date, for the figures it was built from. */
  private days: { readonly of: Figures; readonly byDate: Map<string, MoodSummary> } | null = null;

  constructor(
    private readonly ctx: TrackerContext,
    /** Moves the tracker to another month or year. */
    private readonly setDate: (date: string) => void,
    private readonly openDay: (date: string) => void,
  ) {}

  /** A day of the shown period that has entries: the store's summary of it. */
  dayOf(date: string): MoodSummary | undefined {
    const figures = this.ctx.figures();
    if (this.days?.of !== figures)
      this.days = { of: figures, byDate: new Map(figures.period.byDay.map((d) => [d.from, d])) };
    const day = this.days.byDate.get(date);
    return day?.count ? day : undefined;
  }

  private readonly onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const date = target.dataset.date;
    if (!date) return;
    const year = this.ctx.view() === 'year';
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
    const { from, to } = this.ctx.period();
    if (next < from || next > to) this.setDate(next);
    this.focusDate = next;
    this.ctx.host.requestUpdate();
    void this.ctx.host.updateComplete.then(() =>
      (this.ctx.host.renderRoot.querySelector(`[data-date="${next}"]`) as HTMLElement | null)?.focus(),
    );
  };

  private dayLabel(date: string, info: MoodSummary | undefined): string {
    const { host } = this.ctx;
    const when = this.ctx.formatDate(date, { month: 'long', day: 'numeric', weekday: 'long' });
    if (!info?.dominant) return `${when}: ${host.t('noEntry')}`;
    const n = info.count;
    return `${when}: ${host.labelText(info.dominant)}${n > 1 ? ', ' + host.t('entriesCount', { n }) : ''}`;
  }

  render() {
    const { from } = this.ctx.period();
    return this.ctx.view() === 'year' ? this.renderYear(from) : this.renderMonth(from);
  }

  private renderMonth(from: string) {
    const [y, m] = from.split('-').map(Number);
    const first = new Date(y!, m! - 1, 1).getDay();
    const days = daysInMonth(y!, m!);
    const today = this.ctx.today();
    const weekdayNames = Array.from({ length: 7 }, (_, i) =>
      this.ctx.formatDate(`2023-01-0${1 + i}`, { weekday: 'short' }),
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
    return html`<table part="calendar" aria-labelledby="period" @keydown=${this.onKey}>
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
    const { host } = this.ctx;
    const year = +from.slice(0, 4);
    const today = this.ctx.today();
    const focus = this.focusDate.startsWith(from.slice(0, 5)) ? this.focusDate : from;
    const days = Array.from({ length: 31 }, (_, i) => i + 1);
    return html`<div part="year">
      <table aria-labelledby="period" @keydown=${this.onKey} @click=${this.onYearClick}>
        ${guard([year, today, focus, host.language, host.strings, this.ctx.figures()], () => [
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
      <th scope="row">${this.ctx.formatDate(`${prefix}01`, { month: 'short' })}</th>
      ${cells}
    </tr>`;
  }

  private readonly onYearClick = (event: Event) => {
    const date = (event.target as HTMLElement).closest<HTMLElement>('[data-date]')?.dataset.date;
    if (date) this.openDay(date);
  };
}
