import { html, nothing } from 'lit';
import type { MoodEntry } from '@moodiary/store';
import { toElementsError } from '../internal/errors.js';
import { MoodErrorEvent } from '../internal/events.js';
import { formatTags, matchesSearch, searchTerms } from '../internal/tags.js';
import { readableEntries, type PeriodStore } from './mood-tracker.data.js';
import type { TrackerContext } from './tracker-context.js';

/** Entries whose note or tags hold every word of `search`, newest first; `null` when there is no search. */
function findEntries(entries: readonly MoodEntry[], search: string): MoodEntry[] | null {
  const terms = searchTerms(search);
  if (terms.length === 0) return null;
  return entries
    .filter((e) => !e.deletedAt && matchesSearch(e, terms))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/**
 * The search box and its hits: the store searches the whole diary when it can; entries held whole
 * are searched here by the same rules. A hit opens its day.
 */
export class SearchController {
  /** The entries the search finds, newest first (`null`: no search); redone when either changes. */
  private hits: readonly MoodEntry[] | null = null;
  private run = 0;

  constructor(
    private readonly ctx: TrackerContext,
    private readonly search: () => string,
    private readonly setSearch: (text: string) => void,
    /** A hit was chosen: the tracker shows its day. */
    private readonly showDay: (date: string) => void,
  ) {}

  /** Searches again: the text or what is searched changed. */
  refresh(): void {
    const store = this.ctx.periodStore();
    if (store) void this.searchStore(store);
    else this.hits = findEntries(this.ctx.readable(), this.search());
  }

  /** Search hits from the store (it searches the whole diary). */
  private async searchStore(store: PeriodStore) {
    const run = ++this.run;
    const text = searchTerms(this.search()).join(' ');
    if (!text) {
      this.set(null);
      return;
    }
    try {
      const found = await store.search(text);
      if (run === this.run && store === this.ctx.store()) this.set(readableEntries(found).entries);
    } catch (error) {
      if (run !== this.run) return;
      const err = toElementsError(error, 'load-failed');
      this.ctx.host.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    }
  }

  private set(hits: readonly MoodEntry[] | null) {
    this.hits = hits;
    this.ctx.host.requestUpdate();
  }

  /** Moves the focus to the search box (after a tag was chosen). */
  focus(): void {
    void this.ctx.host.updateComplete.then(() =>
      (this.ctx.host.renderRoot.querySelector('#search') as HTMLElement | null)?.focus(),
    );
  }

  render() {
    const { host } = this.ctx;
    const hits = this.hits ?? [];
    return html`<div part="search" role="search">
      <label for="search" class="visually-hidden">${host.t('searchLabel')}</label>
      <input
        id="search"
        type="search"
        autocomplete="off"
        placeholder=${host.t('searchPlaceholder')}
        .value=${this.search()}
        @input=${(e: Event) => this.setSearch((e.target as HTMLInputElement).value)}
      />
      <p class="muted fine" role="status">
        ${this.hits ? (hits.length ? host.t('searchCount', { n: hits.length }) : host.t('searchNone')) : ''}
      </p>
      ${
        hits.length
          ? html`<ul part="search-results" class="hits">
              ${hits.slice(0, 50).map(
                (e) =>
                  html`<li>
                    <button
                      type="button"
                      class="mood-${e.label}"
                      data-entry-id=${e.id}
                      @click=${() => this.showDay(e.localDate)}
                    >
                      <span class="moment-title"
                        >${this.ctx.formatDate(e.localDate, { year: 'numeric', month: 'short', day: 'numeric' })}</span
                      >
                      <span class="moment-label"
                        ><span class="dot" aria-hidden="true"></span>${host.labelText(e.label)}</span
                      >
                      ${e.note ? html`<span class="moment-note">${e.note}</span>` : nothing}
                      ${e.tags?.length ? html`<span class="fine">${formatTags(e.tags)}</span>` : nothing}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }
}
