import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/mood-tracker.js';
import type { MoodTracker } from './mood-tracker.js';
import { entryOn } from '../internal/testing/fakes.js';
import { createMemoryStore, type MoodEntry } from '@moodiary/store';

const TODAY = '2026-11-24';
const $ = (el: Element, s: string) => el.shadowRoot!.querySelector(s) as HTMLElement | null;
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll(s)] as HTMLElement[];
const text = (n: Element | null | undefined) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Chosen labels count their anchor: happy 93, neutral 56, sad 14 (out of 100). */
const on = (date: string, label: 'happy' | 'sad' | 'neutral', extra: Partial<MoodEntry> = {}) =>
  entryOn(date, label, { source: 'manual', ...extra });

async function tracker(entries: MoodEntry[], lang = 'en', view: 'month' | 'year' = 'month') {
  const el = await fixture<MoodTracker>(
    html`<mood-tracker lang=${lang} today=${TODAY} view=${view} .entries=${entries}></mood-tracker>`,
  );
  await el.updateComplete;
  return el;
}

/** The chart's table alternative: [label, mean, range, rolling] per row. */
const tableOf = (el: MoodTracker) =>
  $$(el, '[part=chart] .chart-table tbody tr').map((r) => [...r.children].map((c) => text(c)));

describe('<mood-tracker> chart', () => {
  // Nov 4 and 5 have no entry: the rolling line breaks there.
  const month = () => [
    on('2026-11-01', 'happy'),
    on('2026-11-02', 'sad'),
    on('2026-11-03', 'neutral'),
    on('2026-11-06', 'happy'),
    on('2026-11-07', 'happy'),
    on('2026-11-07', 'sad', { createdAt: '2026-11-07T20:00:00.000Z' }),
  ];

  it('draws a month with a pleasantness axis, day labels, means, ranges and a 7-day average broken at a gap', async () => {
    const el = await tracker(month());
    const chart = $(el, '[part=chart] svg')!;
    expect(chart.getAttribute('role')).to.equal('img');
    expect(text(chart.querySelector('desc'))).to.include('Pleasantness from 0');
    expect($$(el, '[part=chart] .y-axis text').map(text)).to.deep.equal(['0', '50', '100', 'Pleasantness']);
    expect($$(el, '[part=chart] .x-axis text').map(text)).to.deep.equal(['1', '8', '15', '22', '29']);
    expect($$(el, '[part=chart] circle.point').map((c) => c.dataset.date)).to.deep.equal([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-06',
      '2026-11-07',
    ]);
    expect($$(el, '[part=chart] line.range')).to.have.length(5);
    // Two runs: the line does not cross Nov 4–5.
    const runs = $$(el, '[part=chart] polyline.rolling');
    expect(runs.map((r) => r.dataset.dates)).to.deep.equal([
      '2026-11-01 2026-11-02 2026-11-03',
      '2026-11-06 2026-11-07',
    ]);
    expect(runs[0]!.getAttribute('points')!.split(' ')).to.have.length(3);
    expect(tableOf(el)).to.deep.equal([
      ['Nov 1', '93', '93–93', '93'],
      ['Nov 2', '14', '14–14', '54'], // (93 + 14) / 2 = 53.5
      ['Nov 3', '56', '56–56', '54'],
      ['Nov 6', '93', '93–93', '64'], // (93 + 14 + 56 + 93) / 4
      ['Nov 7', '54', '14–93', '62'], // (93 + 14 + 56 + 93 + 53.5) / 5
    ]);
    // A higher mean is drawn higher.
    const cy = (d: string) => Number($(el, `circle[data-date="${d}"]`)!.getAttribute('cy'));
    expect(cy('2026-11-01')).to.be.below(cy('2026-11-02'));
    await expect(el).to.be.accessible();
  });

  it('joins across one missing day but not two', async () => {
    const el = await tracker([on('2026-11-01', 'happy'), on('2026-11-03', 'sad'), on('2026-11-06', 'sad')]);
    expect($$(el, '[part=chart] polyline.rolling').map((r) => r.dataset.dates)).to.deep.equal([
      '2026-11-01 2026-11-03',
      '2026-11-06',
    ]);
  });

  const year = () => [
    on('2026-01-10', 'happy'),
    on('2026-02-10', 'sad'),
    on('2026-03-10', 'neutral'),
    // April: nothing.
    on('2026-05-10', 'neutral'),
  ];

  it('draws a year by month with a 3-month average broken at an empty month, in English', async () => {
    const el = await tracker(year(), 'en', 'year');
    const ticks = $$(el, '[part=chart] .x-axis text').map(text);
    expect(ticks).to.have.length(12);
    expect(ticks.slice(0, 3)).to.deep.equal(['J', 'F', 'M']);
    expect($$(el, '[part=chart] polyline.rolling').map((r) => r.dataset.dates)).to.deep.equal([
      '2026-01-01 2026-02-01 2026-03-01',
      '2026-05-01',
    ]);
    expect(tableOf(el)).to.deep.equal([
      ['Jan', '93', '93–93', '93'],
      ['Feb', '14', '14–14', '54'],
      ['Mar', '56', '56–56', '54'],
      ['May', '56', '56–56', '56'], // March and May: (56 + 56) / 2
    ]);
    await expect(el).to.be.accessible();
  });

  it('labels the axes in Korean', async () => {
    const el = await tracker(year(), 'ko', 'year');
    expect($$(el, '[part=chart] .x-axis text').map(text).slice(0, 2)).to.deep.equal(['1월', '2월']);
    expect(text($(el, '[part=chart] .axis-title'))).to.equal('기분의 밝기');
    expect(tableOf(el)[0]![0]).to.equal('1월');
    expect(text($(el, '[part=chart] .chart-table summary'))).to.equal('표로 보기');
    el.view = 'month';
    el.date = '2026-11-01';
    el.entries = month();
    await el.updateComplete;
    expect($$(el, '[part=chart] .x-axis text').map(text)).to.deep.equal([
      '1일',
      '8일',
      '15일',
      '22일',
      '29일',
    ]);
  });
});

describe('<mood-tracker> tag insights', () => {
  // #walk on three days (two as tags, one in a note), #work and #산책 on one day each.
  const entries = () => [
    on('2026-11-01', 'happy', { tags: ['walk'] }),
    on('2026-11-02', 'happy', { note: 'a #walk in the park' }),
    on('2026-11-03', 'happy', { tags: ['Walk'] }),
    on('2026-11-04', 'sad'),
    on('2026-11-05', 'sad', { tags: ['work'] }),
    on('2026-11-06', 'happy'),
    on('2026-11-07', 'sad', { note: '오늘 #산책 조금' }),
    on('2026-10-07', 'sad', { tags: ['walk'] }), // another month: not counted
  ];
  const rows = (el: MoodTracker) =>
    $$(el, '[part=insights] tbody tr').map((r) => [...r.children].map((c) => text(c)));

  it('compares days with and without each tag, counts #tags in notes, and says when there are too few', async () => {
    const el = await tracker(entries());
    expect(text($(el, '[part=insights] h3'))).to.equal('Tags and mood');
    expect(rows(el)).to.deep.equal([
      // walk: 93 on its 3 days; without: (14 + 14 + 93 + 14) / 4 = 33.75
      ['#walk', '93 (3 days)', '34 (4 days)'],
      // one day each: too few; without: (93 × 4 + 14 + 14) / 6 = 66.7
      ['#work', 'too few entries (1 day)', '67 (6 days)'],
      ['#산책', 'too few entries (1 day)', '67 (6 days)'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('is accessible in the dark theme, with the chart table open, month and year', async () => {
    const el = await tracker(entries());
    el.setAttribute('theme', 'dark');
    for (const view of ['month', 'year'] as const) {
      el.view = view;
      await el.updateComplete;
      $(el, '[part=chart] details')!.setAttribute('open', '');
      expect($$(el, '[part=insights] tbody tr'), view).to.have.length(3);
      await expect(el).to.be.accessible();
    }
  });

  it('says it in Korean', async () => {
    const el = await tracker(entries(), 'ko');
    expect(text($(el, '[part=insights] h3'))).to.equal('태그와 기분');
    expect(rows(el)[2]).to.deep.equal(['#산책', '기록이 너무 적어요 (1일)', '67 (6일)']);
    expect(rows(el)[0]).to.deep.equal(['#walk', '93 (3일)', '34 (4일)']);
  });

  it('says so when the period has no tags', async () => {
    const el = await tracker([on('2026-11-01', 'happy')]);
    expect(text($(el, '[part=insights]'))).to.include('No tags in this period');
  });

  it('gives the same numbers from a store', async () => {
    const store = createMemoryStore();
    await store.importEntries(
      // Chosen labels carry no model's reading.
      entries().map(({ probabilities: _p, modelVersion: _m, ...e }) => e as MoodEntry),
    );
    const el = await fixture<MoodTracker>(
      html`<mood-tracker lang="en" today=${TODAY} .store=${store}></mood-tracker>`,
    );
    // Tags live inside encrypted entries: they are read when asked, not to draw the period.
    await waitUntil(() => $(el, '[part=insights] [data-action=insights]'), 'offered');
    $(el, '[part=insights] [data-action=insights]')!.click();
    await waitUntil(() => $$(el, '[part=insights] tbody tr').length === 3, 'insights read');
    expect(rows(el)[0]).to.deep.equal(['#walk', '93 (3 days)', '34 (4 days)']);
    await store.add({ label: 'happy', localDate: '2026-11-08', source: 'manual', note: 'more #work' });
    await waitUntil(() => rows(el)[1]?.[1] === 'too few entries (2 days)', 'read again after a change');
  });

  it('fits 320 px with the chart and insights, in Korean', async () => {
    const box = document.createElement('div');
    box.style.width = '320px';
    document.body.append(box);
    const el = document.createElement('mood-tracker') as MoodTracker;
    el.today = TODAY;
    el.lang = 'ko';
    el.entries = [
      ...entries(),
      on('2026-11-08', 'happy', {
        tags: ['아주아주긴태그이름이에요정말로길어요', 'averyveryverylongtagwithoutspaces'],
      }),
    ];
    box.append(el);
    try {
      for (const view of ['month', 'year'] as const) {
        el.view = view;
        await el.updateComplete;
        $(el, '[part=chart] details')?.setAttribute('open', '');
        await el.updateComplete;
        const right = box.getBoundingClientRect().right + 0.5;
        const over = [...el.shadowRoot!.querySelectorAll('[part=chart] *, [part=insights] *')].filter(
          (n) => n.getBoundingClientRect().right > right,
        );
        expect(
          over.map((n) => n.tagName + n.className),
          view,
        ).to.deep.equal([]);
        expect(el.scrollWidth, view).to.be.at.most(320);
      }
    } finally {
      box.remove();
    }
  });
});
