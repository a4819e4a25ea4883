import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-tracker.js';
import type { MoodTracker } from './mood-tracker.js';
import { figuresOf } from './mood-tracker.data.js';
import { FakeStore, entryOn, generateEntries, probabilitiesFor } from '../internal/testing/fakes.js';
import { MoodError, type EmotionLabel } from '@moodiary/core';
import { createMemoryStore, type MoodEntry } from '@moodiary/store';

const TODAY = '2026-11-24';

/** In the tracker's shadow root, then in its entry form's (the editor). */
const $ = (el: Element, s: string) =>
  (el.shadowRoot!.querySelector(s) ??
    el.shadowRoot!.querySelector('mood-entry-form')?.shadowRoot!.querySelector(s) ??
    null) as HTMLElement | null;
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll(s)] as HTMLElement[];

async function tracker(entries: MoodEntry[], attrs: Partial<MoodTracker> = {}) {
  const el = await fixture<MoodTracker>(
    html`<mood-tracker lang="en" today=${TODAY} .entries=${entries}></mood-tracker>`,
  );
  Object.assign(el, attrs);
  await el.updateComplete;
  return el;
}

describe('<mood-tracker>', () => {
  it('shows a warm empty state with no entries, and is accessible', async () => {
    const el = await tracker([]);
    expect($(el, '[part=empty]')!.textContent).to.include('Your diary is waiting');
    // Its icon keeps its own size (a chart rule once stretched it to the card's width).
    expect($(el, '[part=empty] svg')!.getBoundingClientRect().height).to.be.closeTo(44, 1);
    expect($(el, '[part=moments]')).to.equal(null);
    expect($$(el, '[part=calendar] [part=day]')).to.have.length(30);
    await expect(el).to.be.accessible();
  });

  it('colours the month calendar by each day’s mood and marks today', async () => {
    const el = await tracker([
      entryOn('2026-11-03', 'sad'),
      entryOn('2026-11-03', 'happy', { createdAt: '2026-11-03T20:00:00.000Z' }),
      entryOn('2026-11-03', 'happy', { createdAt: '2026-11-03T21:00:00.000Z' }),
      entryOn(TODAY, 'anxious'),
      entryOn('2026-10-30', 'angry'),
    ]);
    const day3 = $(el, '[data-date="2026-11-03"]')!;
    expect(day3.className).to.include('mood-happy').and.include('multi');
    expect(day3.querySelector('.visually-hidden')!.textContent)
      .to.include('November 3')
      .and.include('Happy')
      .and.include('Entries: 3');
    const today = $(el, `[data-date="${TODAY}"]`)!;
    expect(today.className).to.include('mood-anxious').and.include('today');
    expect(today.getAttribute('aria-current')).to.equal('date');
    expect($(el, '[data-date="2026-11-04"]')!.textContent).to.include('No entry');
    expect($(el, '[data-date="2026-10-30"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('never turns host data into markup: a hostile label is left out and reported, in every view', async () => {
    const w = window as unknown as { pwned?: number };
    w.pwned = 0;
    const hostile = [
      '"><img src=x onerror="window.pwned++">',
      'happy" onmouseover="window.pwned++',
      "</button><svg onload='window.pwned++'>",
    ];
    const entries = [
      entryOn('2026-11-03', 'sad', { id: 'good' }),
      ...hostile.map((label, i) => entryOn(`2026-11-0${4 + i}`, label as EmotionLabel, { id: `bad${i}` })),
      entryOn('2026-11-09"><b>x</b>', 'happy', { id: 'bad-date' }),
    ];
    const el = await fixture<MoodTracker>(html`<mood-tracker lang="en" today=${TODAY}></mood-tracker>`);
    const reported = oneEvent(el, 'mood-error');
    el.entries = entries;
    const { detail } = await reported;
    expect(detail.code).to.equal('invalid-entry');
    expect(detail.error.details.ids).to.have.members(['bad0', 'bad1', 'bad2', 'bad-date']);
    for (const view of ['month', 'year'] as const) {
      el.view = view;
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      expect(
        el.shadowRoot!.querySelectorAll('img, svg [onload], [onerror], [onmouseover], b'),
      ).to.have.length(0);
      const day = $(el, '[data-date="2026-11-03"]')!;
      expect(day.className, view).to.include('mood-sad');
      for (const d of ['04', '05', '06'])
        expect($(el, `[data-date="2026-11-${d}"]`)!.className).not.to.include('mood-');
    }
    expect(w.pwned).to.equal(0);
    expect(el.shownEntries).to.have.length(entries.length);
  });

  for (const width of [1280, 390, 320])
    it(`fits ${width} px wide in both views, without sideways scrolling`, async () => {
      const box = document.createElement('div');
      box.style.width = `${width}px`;
      document.body.append(box);
      const el = document.createElement('mood-tracker') as MoodTracker;
      el.today = TODAY;
      el.lang = 'en';
      el.entries = generateEntries(400, TODAY);
      box.append(el);
      try {
        for (const view of ['month', 'year'] as const) {
          el.view = view;
          await el.updateComplete;
          // With each day's song on its card (titles, reasons and play links are long).
          await waitUntil(() => el.shadowRoot!.querySelectorAll('[part=day-song]').length >= 2, 'songs');
          const overflowing = [...el.shadowRoot!.querySelectorAll('*')].filter(
            (n) => n.getBoundingClientRect().right > box.getBoundingClientRect().right + 0.5,
          );
          expect(el.scrollWidth, view).to.be.at.most(width);
          expect(
            overflowing.map((n) => n.tagName + (n.getAttribute('part') ?? '')),
            view,
          ).to.deep.equal([]);
        }
      } finally {
        box.remove();
      }
    });

  // 350 px: the tracker inside <mood-diary> on a 390 px phone.
  for (const width of [350, 320])
    it(`keeps its content inside the card's padding at ${width} px, in both views`, async () => {
      const box = document.createElement('div');
      box.style.width = `${width}px`;
      document.body.append(box);
      const el = document.createElement('mood-tracker') as MoodTracker;
      el.today = TODAY;
      el.lang = 'en';
      el.entries = generateEntries(400, TODAY);
      box.append(el);
      try {
        for (const view of ['month', 'year'] as const) {
          el.view = view;
          await el.updateComplete;
          const base = $(el, '[part=base]')!;
          const style = getComputedStyle(base);
          const inside =
            base.getBoundingClientRect().right -
            parseFloat(style.paddingRight) -
            parseFloat(style.borderRightWidth);
          const intoPadding = [...base.querySelectorAll('*')].filter(
            (n) => n.tagName !== 'DIALOG' && n.getBoundingClientRect().right > inside + 0.5,
          );
          expect(
            intoPadding.map((n) => n.tagName + (n.getAttribute('part') ?? '')),
            view,
          ).to.deep.equal([]);
        }
      } finally {
        box.remove();
      }
    });

  it('shows today, yesterday, a month ago and a year ago', async () => {
    const el = await tracker([
      entryOn(TODAY, 'happy', { note: 'Sunny walk' }),
      entryOn('2026-11-23', 'sad'),
      entryOn('2026-10-24', 'neutral'),
      entryOn('2025-11-24', 'embarrassed'),
    ]);
    const cards = $$(el, '[part=moment]');
    expect(cards.map((c) => c.dataset.moment)).to.deep.equal(['today', 'yesterday', 'monthAgo', 'yearAgo']);
    expect(cards[0]!.textContent).to.include('Happy').and.include('Sunny walk');
    expect(cards[1]!.textContent).to.include('Sad');
    expect(cards[2]!.textContent).to.include('Neutral');
    expect(cards[3]!.textContent).to.include('Embarrassed');
    el.entries = [entryOn(TODAY, 'happy')];
    await el.updateComplete;
    expect($$(el, '[part=moment]')[1]!.textContent).to.include('No entry');
  });

  it('shows a year in pixels, with every day of a leap year', async () => {
    const el = await tracker([entryOn('2024-02-29', 'angry')], { view: 'year', date: '2024-06-01' });
    const cells = $$(el, '[part=year] [part=day]');
    expect(cells).to.have.length(366);
    expect($(el, '[data-date="2024-02-29"]')!.className).to.include('mood-angry');
    expect($(el, '.period')!.textContent).to.include('2024');
    await expect(el).to.be.accessible();
  });

  it('switches views and pages through months and years', async () => {
    const el = await tracker([entryOn(TODAY, 'happy')]);
    const [monthButton, yearButton] = $$(el, '.views button');
    yearButton!.click();
    await el.updateComplete;
    expect(el.view).to.equal('year');
    expect(monthButton!.getAttribute('aria-pressed')).to.equal('false');
    ($(el, '.nav button') as HTMLButtonElement).click();
    await el.updateComplete;
    expect($(el, '.period')!.textContent).to.include('2025');
    monthButton!.click();
    await el.updateComplete;
    expect($(el, '.period')!.textContent).to.include('November 2025');
  });

  it('counts the streak, the distribution and the weekdays', async () => {
    const entries = [
      entryOn(TODAY, 'happy'),
      entryOn('2026-11-23', 'happy'),
      entryOn('2026-11-22', 'sad'),
      ...['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14'].map((d) =>
        entryOn(d, 'neutral'),
      ),
    ];
    const el = await tracker(entries);
    expect($(el, '[part=streak]')!.textContent).to.include('3 days in a row').and.include('Longest run: 5');
    const legend = $$(el, '[part=distribution] li');
    expect(legend.find((l) => l.dataset.label === 'neutral')!.textContent)
      .to.include('5')
      .and.include('63%');
    const monday = $$(el, '.weekday')[1]!; // 2026-11-23 is a Monday
    expect(monday.getAttribute('aria-label')).to.include('Happy');
    // Nov 22–24 make one run of the rolling average; each day with entries has its range.
    expect($$(el, '[part=chart] polyline.rolling').map((l) => l.dataset.dates)).to.deep.equal([
      '2026-11-10 2026-11-11 2026-11-12 2026-11-13 2026-11-14',
      '2026-11-22 2026-11-23 2026-11-24',
    ]);
    expect($$(el, '[part=chart] line.range')).to.have.length(8);
  });

  it('shows the same figures for entries given and for the same entries in a store (the store’s rules)', async () => {
    // Ties the store settles by summed confidence (the tracker once took the latest entry): a day,
    // a weekday and the month's mix; runs for the streaks; a face reading whose valence is its mix.
    const full = (e: MoodEntry): MoodEntry =>
      ({
        ...e,
        utcOffset: 0,
        updatedAt: e.createdAt,
        ...(e.probabilities ? { modelVersion: 'test' } : {}),
      }) as MoodEntry;
    const entries = [
      entryOn('2026-11-03', 'sad', { confidence: 0.9, probabilities: probabilitiesFor('sad', 0.9) }),
      entryOn('2026-11-03', 'happy', { createdAt: '2026-11-03T20:00:00.000Z', confidence: 0.3 }),
      entryOn('2026-11-10', 'anxious', { createdAt: '2026-11-10T20:00:00.000Z', confidence: 0.4 }),
      entryOn('2026-11-10', 'angry', { confidence: 0.95 }),
      entryOn('2026-11-17', 'neutral', { source: 'manual', confidence: 1, probabilities: undefined }),
      ...['2026-11-20', '2026-11-21', '2026-11-23', TODAY].map((d) => entryOn(d, 'happy')),
      entryOn('2025-11-24', 'embarrassed', { note: 'A year ago' }),
      entryOn('2026-10-24', 'sad', { deletedAt: '2026-10-25T00:00:00.000Z' }),
    ].map(full);
    const store = createMemoryStore();
    await store.importEntries(entries.filter((e) => !e.deletedAt));
    const given = await tracker(entries);
    const stored = await fixture<MoodTracker>(
      html`<mood-tracker lang="en" today=${TODAY} .store=${store}></mood-tracker>`,
    );
    await waitUntil(() => stored.shownEntries.length > 0, 'store read');
    /** What a person sees and hears of every figure. */
    const figures = (el: MoodTracker) => ({
      days: $$(el, '[part=day]').map(
        (d) =>
          `${d.className.replace(/\s+/g, ' ').trim()}|${d.getAttribute('aria-label') ?? d.textContent!.trim()}`,
      ),
      moments: $$(el, '[part=moment]').map((m) => `${m.className}|${m.textContent!.replace(/\s+/g, ' ')}`),
      mix: $$(el, '[part=distribution] li').map((l) => l.textContent!.replace(/\s+/g, ' ')),
      weekdays: $$(el, '.weekday').map(
        (w) => `${w.getAttribute('aria-label')}|${w.querySelector('.bar')!.className}`,
      ),
      streak: $(el, '[part=streak]')!.textContent!.replace(/\s+/g, ' '),
      chart: [
        ...el.shadowRoot!.querySelectorAll('[part=chart] path, [part=chart] circle, [part=chart] desc'),
      ].map((n) => n.getAttribute('d') ?? n.getAttribute('class') ?? n.textContent),
    });
    for (const view of ['year', 'month'] as const) {
      given.view = view;
      stored.view = view;
      await given.updateComplete;
      await waitUntil(async () => {
        await stored.updateComplete;
        return JSON.stringify(figures(stored)) === JSON.stringify(figures(given));
      }, `${view}: the same figures`).catch(() => undefined);
      expect(figures(stored), view).to.deep.equal(figures(given));
    }
    const g = figures(given); // the month
    expect(g.days.find((d) => d.includes('November 3')))
      .to.include('mood-sad')
      .and.include('multi');
    expect(g.days.find((d) => d.includes('November 10'))).to.include('mood-angry');
    expect(g.streak).to.include('2 days in a row').and.include('Longest run: 2').and.include('Entries: 10');
    expect(g.moments[3]).to.include('mood-embarrassed').and.include('A year ago');
    store.close();
  });

  it('keeps a streak going when today has no entry yet', () => {
    const entries = [entryOn('2026-11-23', 'happy'), entryOn('2026-11-22', 'happy')];
    expect(figuresOf(entries, 'month', TODAY, TODAY).streak).to.include({ current: 2, longest: 2 });
    expect(figuresOf(entries, 'month', TODAY, '2026-11-26').streak.current).to.equal(0);
  });

  it('ignores deleted entries', () => {
    const figures = figuresOf(
      [entryOn(TODAY, 'happy', { deletedAt: '2026-11-24T10:00:00.000Z' })],
      'month',
      TODAY,
      TODAY,
    );
    expect(figures.count).to.equal(0);
    expect(figures.period.count).to.equal(0);
    expect(figures.moments.today.entries).to.deep.equal([]);
  });

  it('titles an opened day in plain Korean ("…화요일의 기록", not "…화의 기록")', async () => {
    const el = await tracker([entryOn(TODAY, 'happy')], { lang: 'ko' });
    ($(el, `[data-date="${TODAY}"]`) as HTMLButtonElement).click();
    await el.updateComplete;
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open);
    expect(dialog.textContent).to.include('2026년 11월 24일 화요일의 기록');
  });

  it('opens a day with its note, songs and thumbnail', async () => {
    const thumb =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO44KAAAAMUATH3v8xWAAAAAElFTkSuQmCC';
    const el = await tracker(
      [
        entryOn(TODAY, 'happy', {
          note: '친구와 저녁',
          thumbnail: thumb,
          songs: [{ id: 's1', played: true }],
        }),
      ],
      { catalogue: [{ id: 's1', title: '밤편지', artist: 'IU' }] },
    );
    const selected = oneEvent(el, 'mood-entry-select');
    ($(el, `[data-date="${TODAY}"]`) as HTMLButtonElement).click();
    expect((await selected).detail.date).to.equal(TODAY);
    await el.updateComplete;
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    await waitUntil(() => dialog.textContent!.includes('밤편지'));
    expect(dialog.textContent).to.include('친구와 저녁').and.include('IU');
    // Drawn on a canvas from the stored bytes (a data: <img> is blocked under `default-src 'self'`).
    const canvas = dialog.querySelector('canvas.thumb') as HTMLCanvasElement;
    expect(canvas.getAttribute('aria-label')).to.equal('Photo');
    await waitUntil(() => canvas.width === 1, 'thumbnail drawn');
    expect([...canvas.getContext('2d')!.getImageData(0, 0, 1, 1).data]).to.deep.equal([208, 64, 32, 255]);
    expect(dialog.querySelector('img')).to.equal(null);
    expect(dialog.querySelector('.mix')!.getAttribute('aria-label')).to.equal(
      'Expression probabilities: Happy 80%',
    );
    await expect(el).to.be.accessible();
  });

  it('offers to write for an empty day up to today, never for a day to come or when read-only', async () => {
    const el = await tracker([entryOn(TODAY, 'happy')]);
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    const open = async (date: string) => {
      el.openDay(date);
      await el.updateComplete;
      await waitUntil(() => dialog.open, 'dialog open');
    };
    await open(TODAY);
    expect($(el, '[data-action=write-day]'), 'a day with entries').to.equal(null);
    await open('2026-11-20');
    expect(dialog.textContent).to.include('No entry');
    const asked = oneEvent(el, 'mood-write-day');
    ($(el, '[data-action=write-day]') as HTMLButtonElement).click();
    expect((await asked).detail.date).to.equal('2026-11-20');
    await el.updateComplete;
    expect(dialog.open, 'the dialog closes').to.equal(false);
    await open('2026-11-25');
    expect($(el, '[data-action=write-day]'), 'tomorrow').to.equal(null);
    el.readonly = true;
    await open('2026-11-20');
    expect($(el, '[data-action=write-day]'), 'read-only').to.equal(null);
  });

  it('edits an entry through the store', async () => {
    const store = new FakeStore([entryOn(TODAY, 'sad', { id: 'x1', note: 'old' })]);
    const el = await fixture<MoodTracker>(
      html`<mood-tracker lang="en" today=${TODAY} .store=${store}></mood-tracker>`,
    );
    await waitUntil(() => $(el, `[data-date="${TODAY}"]`)?.className.includes('mood-sad'));
    el.openDay(TODAY);
    await el.updateComplete;
    ($(el, '[data-action=edit]') as HTMLButtonElement).click();
    await el.updateComplete;
    ($(el, 'form input[value=happy]') as HTMLInputElement).click();
    const textarea = $(el, 'form textarea') as HTMLTextAreaElement;
    textarea.value = 'better now';
    textarea.dispatchEvent(new Event('input'));
    const updated = oneEvent(el, 'mood-updated');
    ($(el, 'form button[type=submit]') as HTMLButtonElement).click();
    expect((await updated).detail.entry.label).to.equal('happy');
    expect(store.entries[0]).to.include({ label: 'happy', note: 'better now', source: 'corrected' });
    await waitUntil(() => $(el, `[data-date="${TODAY}"]`)!.className.includes('mood-happy'));
  });

  it('keeps the edited words and says why when the store refuses an edit', async () => {
    const store = new FakeStore([entryOn(TODAY, 'sad', { id: 'x4', note: 'old', tags: ['rain'] })]);
    const el = await fixture<MoodTracker>(
      html`<mood-tracker lang="en" today=${TODAY} .store=${store}></mood-tracker>`,
    );
    await waitUntil(() => el.shownEntries.length === 1);
    el.openDay(TODAY);
    await el.updateComplete;
    ($(el, '[data-action=edit]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(($(el, 'form input[value=sad]') as HTMLInputElement).checked).to.equal(true);
    expect(($(el, 'form input[type=text]') as HTMLInputElement).value).to.equal('#rain');
    expect($(el, '[part=date]'), 'the day of an entry is not edited here').to.equal(null);
    ($(el, 'form input[value=anxious]') as HTMLInputElement).click();
    const textarea = $(el, 'form textarea') as HTMLTextAreaElement;
    textarea.value = 'worse, then better';
    textarea.dispatchEvent(new Event('input'));
    const tags = $(el, 'form input[type=text]') as HTMLInputElement;
    tags.value = 'rain, bus';
    tags.dispatchEvent(new Event('input'));
    store.failNext = new MoodError('storage-quota', 'The browser refused to store more.');
    const failed = oneEvent(el, 'mood-error');
    ($(el, 'form button[type=submit]') as HTMLButtonElement).click();
    expect((await failed).detail.code).to.equal('update-failed');
    await el.updateComplete;
    expect($(el, '[part=detail] [role=alert]')!.textContent)
      .to.include('could not be saved')
      .and.include('still here');
    // A store change redraws the day; the editor keeps every word as typed.
    store.listeners.forEach((l) => l({ type: 'change', kind: 'update', ids: [], origin: 'remote' }));
    await el.reload();
    await el.updateComplete;
    expect((el.shadowRoot!.querySelector('mood-entry-form') as HTMLElement).isConnected).to.equal(true);
    expect(($(el, 'form textarea') as HTMLTextAreaElement).value).to.equal('worse, then better');
    expect(($(el, 'form input[type=text]') as HTMLInputElement).value).to.equal('rain, bus');
    expect(($(el, 'form input[value=anxious]') as HTMLInputElement).checked).to.equal(true);
    expect(store.entries[0]).to.include({ label: 'sad', note: 'old' });
    const updated = oneEvent(el, 'mood-updated');
    ($(el, 'form button[type=submit]') as HTMLButtonElement).click();
    expect((await updated).detail.entry).to.include({ label: 'anxious', note: 'worse, then better' });
    expect(store.entries[0]!.tags).to.deep.equal(['rain', 'bus']);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('mood-entry-form')).to.equal(null);
  });

  it('deletes an entry only after confirming', async () => {
    const store = new FakeStore([entryOn(TODAY, 'sad', { id: 'x2' })]);
    const el = await fixture<MoodTracker>(
      html`<mood-tracker lang="en" today=${TODAY} .store=${store}></mood-tracker>`,
    );
    await waitUntil(() => el.shownEntries.length === 1);
    el.openDay(TODAY);
    await el.updateComplete;
    ($(el, '[data-action=delete]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(store.entries).to.have.length(1);
    const deleted = oneEvent(el, 'mood-deleted');
    ($(el, '[data-action=confirm-delete]') as HTMLButtonElement).click();
    expect((await deleted).detail.id).to.equal('x2');
    expect(store.entries).to.have.length(0);
    await waitUntil(() => $(el, '[part=empty]') !== null);
  });

  it('on a full disk, deletes for good (what frees space) and says so; other failures are said too', async () => {
    const store = new FakeStore([
      entryOn(TODAY, 'sad', { id: 'full' }),
      entryOn(TODAY, 'happy', { id: 'other' }),
    ]);
    const el = await fixture<MoodTracker>(
      html`<mood-tracker lang="en" today=${TODAY} .store=${store}></mood-tracker>`,
    );
    await waitUntil(() => el.shownEntries.length === 2);
    el.openDay(TODAY);
    await el.updateComplete;
    const confirm = async (id: string) => {
      ($(el, `[data-entry-id=${id}] [data-action=delete]`) as HTMLButtonElement).click();
      await el.updateComplete;
      ($(el, `[data-entry-id=${id}] [data-action=confirm-delete]`) as HTMLButtonElement).click();
    };
    store.failNext = new MoodError('storage-quota', 'The browser refused to store more.');
    const deleted = oneEvent(el, 'mood-deleted');
    await confirm('full');
    expect((await deleted).detail.id).to.equal('full');
    expect(store.purged).to.deep.equal(['full']);
    await waitUntil(() => $(el, '[part=detail] [role=status]')?.textContent?.includes('Deleted for good'));
    store.failNext = new Error('disk on fire');
    const failed = oneEvent(el, 'mood-error');
    await confirm('other');
    expect((await failed).detail.code).to.equal('delete-failed');
    await el.updateComplete;
    expect($(el, '[part=detail] [role=alert]')!.textContent).to.include('could not be deleted');
    expect(store.entries.map((e) => e.id)).to.deep.equal(['other']);
  });

  it('undoes a delete with one tap: the entry comes back from the trash', async () => {
    const store = createMemoryStore();
    const kept = await store.add({ label: 'happy', note: '다시 보고 싶은 날', localDate: TODAY });
    const el = await fixture<MoodTracker>(
      html`<mood-tracker lang="en" today=${TODAY} .store=${store}></mood-tracker>`,
    );
    await waitUntil(() => el.shownEntries.length === 1);
    el.openDay(TODAY);
    await el.updateComplete;
    await waitUntil(() => $(el, `[data-entry-id="${kept.id}"] [data-action=delete]`));
    ($(el, `[data-entry-id="${kept.id}"] [data-action=delete]`) as HTMLButtonElement).click();
    await el.updateComplete;
    const deleted = oneEvent(el, 'mood-deleted');
    ($(el, `[data-entry-id="${kept.id}"] [data-action=confirm-delete]`) as HTMLButtonElement).click();
    await deleted;
    expect(await store.get(kept.id)).to.equal(undefined);
    await waitUntil(() => $(el, '[part=detail] [data-action=undo]'), 'undo offered');
    expect($(el, '[part=detail] [role=status]')!.textContent).to.include('Deleted.');
    ($(el, '[part=detail] [data-action=undo]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '[part=detail] [role=status]')?.textContent?.includes('Brought back'));
    expect((await store.get(kept.id))?.note).to.equal('다시 보고 싶은 날');
    await waitUntil(() => $(el, `[data-entry-id="${kept.id}"]`), 'shown again');
    store.close();
  });

  it('reports load-failed when the store cannot be read', async () => {
    const store = new FakeStore();
    store.failNext = new Error('broken');
    const el = document.createElement('mood-tracker');
    const failed = oneEvent(el, 'mood-error');
    el.store = store;
    document.body.append(el);
    expect((await failed).detail.code).to.equal('load-failed');
    el.remove();
  });

  it('moves between days with the arrow keys', async () => {
    const el = await tracker([entryOn(TODAY, 'happy')]);
    const today = $(el, `[data-date="${TODAY}"]`)!;
    expect(today.tabIndex).to.equal(0);
    today.focus();
    today.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement!.getAttribute('data-date')).to.equal('2026-11-25');
    (el.shadowRoot!.activeElement as HTMLElement).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }),
    );
    await el.updateComplete;
    await el.updateComplete;
    expect($(el, '.period')!.textContent).to.include('December 2026');
  });

  it('is accessible in the dark theme, month and year', async () => {
    const el = await tracker(generateEntries(400, TODAY), { theme: 'dark' });
    await expect(el).to.be.accessible();
    el.view = 'year';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('speaks Korean', async () => {
    const el = await tracker([entryOn(TODAY, 'happy')], { lang: 'ko' });
    expect($(el, '[part=moment]')!.textContent).to.include('오늘').and.include('기쁨');
    expect($(el, '.period')!.textContent).to.include('2026년 11월');
  });
});
