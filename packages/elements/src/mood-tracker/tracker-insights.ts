import { html, nothing, type TemplateResult } from 'lit';
import type { MoodEntry } from '@moodiary/store';
import { tagInsights, type TagInsight } from '@moodiary/store/summaries';
import { cssom } from '../internal/cssom-style.js';
import type { TrackerContext } from './tracker-context.js';

/** Fewer days than this on either side of a tag: "too few entries" instead of a mean. */
const MIN_DAYS = 3;
/** Tags listed; the rest are counted. */
const SHOWN = 12;

const pct = (v: number) => Math.round(v * 100);

/**
 * Tag insights of the period shown: `@moodiary/store`'s `tagInsights` over the period's entries. Those
 * given whole are read at once. A store that summarises keeps tags only inside encrypted entries, and
 * the tracker draws a period without opening one: the period's entries (`range`) are read when the
 * user asks, then for each figures read (so a change in the store reads them again).
 */
export class InsightsController {
  private key = '';
  private source: unknown = null;
  private insights: TagInsight[] | null = null;
  private run = 0;
  /** The user asked for insights from a store (kept for the periods that follow). */
  private asked = false;

  constructor(private readonly ctx: TrackerContext) {}

  private current(): TagInsight[] | null {
    const { from, to } = this.ctx.period();
    const key = `${from}|${to}`;
    const store = this.ctx.periodStore();
    const source = store ? this.ctx.storeFigures() : this.ctx.readable();
    if (key === this.key && source === this.source) return this.insights;
    this.key = key;
    this.source = source;
    this.insights = null;
    if (!store) this.insights = tagInsights(this.ctx.readable(), from, to, MIN_DAYS);
    else if (source && this.asked) void this.read(store, from, to, ++this.run);
    return this.insights;
  }

  private async read(
    store: NonNullable<ReturnType<TrackerContext['periodStore']>>,
    from: string,
    to: string,
    run: number,
  ) {
    const entries: MoodEntry[] = [];
    let cursor: string | undefined;
    try {
      do {
        const page = await store.range({ from, to, limit: 1000, ...(cursor ? { cursor } : {}) });
        if (run !== this.run) return;
        entries.push(...page.entries);
        cursor = page.nextCursor;
      } while (cursor);
    } catch {
      // The chart and figures came from the same store; insights stay "reading" rather than wrong.
      return;
    }
    this.insights = tagInsights(entries, from, to, MIN_DAYS);
    this.ctx.host.requestUpdate();
  }

  private readonly ask = () => {
    this.asked = true;
    this.key = '';
    this.ctx.host.requestUpdate();
  };

  render(): TemplateResult {
    const { host } = this.ctx;
    const insights = this.current();
    const days = (n: number) => host.t(n === 1 ? 'oneDay' : 'nDays', { n });
    const cell = (mean: number | null, n: number) =>
      mean === null
        ? html`<td class="too-few">${host.t('tooFew')} <span class="muted">(${days(n)})</span></td>`
        : html`<td>
            <span class="value">${pct(mean)}</span> <span class="muted">(${days(n)})</span>
            <span class="meter" aria-hidden="true"
              ><span style=${cssom({ width: `${pct(mean)}%` })}></span
            ></span>
          </td>`;
    return html`<section class="stat" part="insights" aria-labelledby="insights-title">
      <h3 id="insights-title">${host.t('insights')}</h3>
      <p class="muted" id="insights-desc">${host.t('insightsDesc')}</p>
      ${
        insights === null && this.ctx.periodStore() && !this.asked
          ? html`<button type="button" data-action="insights" @click=${this.ask}>
              ${host.t('insightsShow')}
            </button>`
          : insights === null
            ? html`<p class="muted" role="status">${host.t('insightsLoading')}</p>`
            : insights.length === 0
              ? html`<p class="muted">${host.t('noTags')}</p>`
              : html`<table aria-describedby="insights-desc">
                    <thead>
                      <tr>
                        <th scope="col">${host.t('insightsTag')}</th>
                        <th scope="col">${host.t('insightsWith')}</th>
                        <th scope="col">${host.t('insightsWithout')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${insights.slice(0, SHOWN).map(
                        (i) =>
                          html`<tr data-tag=${i.tag}>
                            <th scope="row">#${i.tag}</th>
                            ${cell(i.meanWith, i.daysWith)} ${cell(i.meanWithout, i.daysWithout)}
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                  ${
                    insights.length > SHOWN
                      ? html`<p class="muted">${host.t('moreTags', { n: insights.length - SHOWN })}</p>`
                      : nothing
                  }`
      }
    </section>`;
  }
}
