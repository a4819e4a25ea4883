import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createIndexedDbStore, type MoodStore } from '@moodiary/store';
import '../define/mood-tracker.js';
import type { MoodTracker } from './mood-tracker.js';
import { formatTags, matchesSearch, readTags, searchTerms } from '../internal/tags.js';

const parseTags = (text: string) => readTags(text).tags;

const TODAY = '2026-11-24';
/** In the tracker's shadow root, then in its entry form's (the editor). */
const $ = (el: Element, s: string) =>
  (el.shadowRoot!.querySelector(s) ??
    el.shadowRoot!.querySelector('mood-entry-form')?.shadowRoot!.querySelector(s) ??
    null) as HTMLElement | null;
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll(s)] as HTMLElement[];

function type(input: HTMLInputElement | HTMLTextAreaElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

describe('tags as people type them', () => {
  it('splits on spaces, commas and #, keeps each tag once and within the store’s limits', () => {
    expect(parseTags(' #회사, 친구 trip #trip,,  ')).to.deep.equal(['회사', '친구', 'trip']);
    expect(parseTags('')).to.deep.equal([]);
    expect(parseTags('x'.repeat(80))[0]).to.have.length(50);
    expect(parseTags(Array.from({ length: 40 }, (_, i) => `t${i}`).join(' '))).to.have.length(32);
    expect(formatTags(['회사', 'trip'])).to.equal('#회사 #trip');
    expect(parseTags(formatTags(['회사', 'trip']))).to.deep.equal(['회사', 'trip']);
    // What does not fit is told, not only cut: 9 tags too many, and a word cut to 50 characters.
    const over = readTags(`${Array.from({ length: 40 }, (_, i) => `t${i}`).join(' ')} ${'x'.repeat(80)}`);
    expect(over.extra).to.equal(9);
    expect(over.tooLong).to.deep.equal(['x'.repeat(80)]);
    // Counted as the store counts (UTF-16): 50 emoji are cut to 25, whole.
    const emoji = readTags('😀'.repeat(50)).tags[0]!;
    expect(emoji.length).to.equal(50);
    expect([...emoji]).to.have.length(25);
  });

  it('finds words in notes and tags regardless of case, accents and #', () => {
    const e = { note: 'Café with Minji', tags: ['친구', 'Weekend'] };
    expect(matchesSearch(e, searchTerms('cafe'))).to.equal(true);
    expect(matchesSearch(e, searchTerms('#weekend MINJI'))).to.equal(true);
    expect(matchesSearch(e, searchTerms('친구'))).to.equal(true);
    expect(matchesSearch(e, searchTerms('친구 work'))).to.equal(false);
    expect(matchesSearch(e, searchTerms('  # '))).to.equal(false);
  });
});

describe('<mood-tracker> search and tags, on a real IndexedDB store', () => {
  let store: MoodStore;
  let el: MoodTracker;

  beforeEach(async () => {
    store = await createIndexedDbStore({ name: `tracker-search-${Math.random().toString(36).slice(2)}` });
    const add = (
      localDate: string,
      label: 'happy' | 'sad' | 'angry',
      note: string,
      tags: string[],
      hour = 9,
    ) =>
      store.add({
        createdAt: `${localDate}T${String(hour).padStart(2, '0')}:00:00.000Z`,
        utcOffset: 0,
        localDate,
        source: 'manual',
        label,
        note,
        tags,
      });
    await add('2026-09-02', 'sad', 'Long day at work', ['회사']);
    await add('2026-11-20', 'angry', 'Deadline again', ['회사', 'deadline']);
    await add(TODAY, 'happy', 'Café with Minji', ['친구']);
    el = await fixture<MoodTracker>(
      html`<mood-tracker lang="en" today=${TODAY} .store=${store}></mood-tracker>`,
    );
    await waitUntil(() => $(el, '[part=search]'), 'entries loaded');
  });

  afterEach(() => store.close());

  it('lists what a search finds, newest first, and opens the day of a hit', async () => {
    type($(el, '#search') as HTMLInputElement, '#회사');
    // The store searches the whole diary (the tracker holds only the period it shows).
    await waitUntil(() => $$(el, '[part=search-results] button').length === 2, 'hits listed');
    const hits = $$(el, '[part=search-results] button');
    expect(hits.map((b) => b.querySelector('.moment-label')!.textContent!.trim())).to.deep.equal([
      'Angry',
      'Sad',
    ]);
    expect($(el, '[part=search] [role=status]')!.textContent).to.include('Entries found: 2');
    await expect(el).to.be.accessible();

    hits[1]!.click(); // September: the calendar moves there and the day opens
    await el.updateComplete;
    expect(el.date).to.equal('2026-09-02');
    expect($(el, '.period')!.textContent).to.include('September');
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(true);
    await waitUntil(() => $(el, '[part=detail]')!.textContent!.includes('Long day at work'), 'day read');

    type($(el, '#search') as HTMLInputElement, 'nothing like this');
    await waitUntil(() => $$(el, '[part=search-results] button').length === 0, 'no hits');
    expect($(el, '[part=search] [role=status]')!.textContent).to.include('Nothing found');
  });

  it('shows an entry’s tags as buttons that search for them, and edits tags into the store', async () => {
    el.openDay(TODAY);
    await el.updateComplete;
    const tag = $(el, '[part=detail] button.tag') as HTMLButtonElement;
    expect(tag.textContent!.trim()).to.equal('#친구');
    tag.click();
    await el.updateComplete;
    expect(el.search).to.equal('#친구');
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(false);
    await waitUntil(() => $$(el, '[part=search-results] button').length === 1, 'the tag’s entry found');

    el.openDay(TODAY);
    await el.updateComplete;
    ($(el, '[data-action=edit]') as HTMLButtonElement).click();
    await el.updateComplete;
    const tagsInput = $(el, 'form input[type=text]') as HTMLInputElement;
    expect(tagsInput.value).to.equal('#친구');
    type(tagsInput, '#친구 #카페, weekend');
    const updated = oneEvent(el, 'mood-updated');
    ($(el, 'form button[type=submit]') as HTMLButtonElement).click();
    expect((await updated).detail.entry.tags).to.deep.equal(['친구', '카페', 'weekend']);
    const stored = (await store.all()).find((e) => e.localDate === TODAY)!;
    expect(stored.tags).to.deep.equal(['친구', '카페', 'weekend']);
    expect((await store.search('카페')).map((e) => e.id)).to.deep.equal([stored.id]);
  });
});

describe('<mood-tracker> on a large store: summaries for the period, a day read whole when opened', () => {
  it('draws the month from the store’s summaries (no entry read), opens a day with its note, and edits keep it', async () => {
    const store = await createIndexedDbStore({
      name: `tracker-moods-${Math.random().toString(36).slice(2)}`,
    });
    const old = await store.add({
      localDate: '2026-11-20',
      label: 'angry',
      note: 'Deadline again',
      tags: ['회사'],
    });
    await store.add({ localDate: TODAY, label: 'happy', note: 'Café with Minji' });
    // Counts what the tracker reads whole: before a day opens, only the four moments' entries.
    const reads: string[] = [];
    for (const method of ['all', 'range', 'byDay', 'get', 'moods'] as const) {
      const real = store[method].bind(store) as (...args: unknown[]) => Promise<unknown>;
      (store as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        reads.push(method);
        return real(...args);
      };
    }
    const el = await fixture<MoodTracker>(
      html`<mood-tracker lang="en" today=${TODAY} .store=${store}></mood-tracker>`,
    );
    await waitUntil(() => el.shownEntries.length === 1, 'figures read');
    await el.updateComplete;
    // The 20th is not one of the four moments: it is drawn from the month's summary alone.
    expect(el.shownEntries.map((e) => e.id)).not.to.include(old.id);
    expect($(el, '[data-date="2026-11-20"]')!.className).to.include('mood-angry');
    // The days' songs read the moods of the weeks around the moments: from the month digests
    // (`moods`), never an entry whole.
    expect(
      reads.filter((r) => r !== 'moods'),
      'no entry read to draw the month',
    ).to.deep.equal([]);

    const selected = oneEvent(el, 'mood-entry-select');
    el.openDay('2026-11-20');
    expect((await selected).detail.entry.note).to.equal('Deadline again');
    expect(reads).to.include('range');
    await waitUntil(() => $(el, '[part=detail]')?.textContent?.includes('Deadline again'), 'day read');
    ($(el, '[data-action=edit]') as HTMLButtonElement).click();
    await el.updateComplete;
    ($(el, 'form input[value=sad]') as HTMLInputElement).click();
    const updated = oneEvent(el, 'mood-updated');
    ($(el, 'form button[type=submit]') as HTMLButtonElement).click();
    await updated;
    expect(await store.get(old.id)).to.include({ label: 'sad', note: 'Deadline again' });
    expect((await store.get(old.id))!.tags).to.deep.equal(['회사']);
    await waitUntil(() => $(el, '[data-date="2026-11-20"]')!.className.includes('mood-sad'), 'redrawn');
    store.close();
  });
});
