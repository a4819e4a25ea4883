/**
 * Benchmark: first render of one year of a ten-year diary (target ≤ 50 ms median).
 * Runs in the browser test runner:
 *   TEST_FILES='packages/elements/src/mood-tracker/mood-tracker.bench.ts' npx wtr --config web-test-runner.config.mjs
 * and logs one line per figure: `BENCH {"name":…,"median":…,"unit":"ms",…}`.
 */
import '../define/mood-tracker.js';
import { generateEntries } from '../internal/testing/fakes.js';
import type { MoodTracker } from './mood-tracker.js';
import { figuresOf } from './mood-tracker.data.js';
import { tagInsights } from '@moodiary/store/summaries';
import { openDiary, type MoodStore } from '@moodiary/store';
import { makeDiary } from '../../../store/src/testing/fixtures.js';
import type { EntryStore } from '@moodiary/store';

const TODAY = '2026-11-24';
const RUNS = 15;
/** Entries in the large-diary benchmark (ten years of them). */
const ENTRIES = 100_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function firstRender(
  view: 'year' | 'month',
  entries: ReturnType<typeof generateEntries>,
): Promise<number> {
  const el = document.createElement('mood-tracker') as MoodTracker;
  el.today = TODAY;
  el.view = view;
  el.entries = [...entries]; // a new array: the figures are summed up inside the measured time
  const start = performance.now();
  document.body.append(el);
  await el.updateComplete;
  // Include style and layout, which the user waits for too.
  el.getBoundingClientRect();
  const ms = performance.now() - start;
  el.remove();
  return ms;
}

const TAGS = ['work', '친구', 'run', '카페', 'family', '비', 'travel', '산책'];

/** The generated entries with tags as people write them: some in the tags, some as `#words` in the note. */
function tagged(entries: ReturnType<typeof generateEntries>): ReturnType<typeof generateEntries> {
  return entries.map((e, i) => ({
    ...e,
    tags:
      i % 3 === 0
        ? [TAGS[i % TAGS.length]!, TAGS[(i * 7) % TAGS.length]!].filter((t, k, a) => a.indexOf(t) === k)
        : [],
    note: i % 4 === 1 ? `${e.note} #${TAGS[(i * 5) % TAGS.length]}` : e.note,
  }));
}

/** First render of a year until its tag insights are drawn (they are part of the first update). */
async function insightsRender(entries: ReturnType<typeof generateEntries>): Promise<number> {
  const el = document.createElement('mood-tracker') as MoodTracker;
  el.today = TODAY;
  el.view = 'year';
  el.entries = [...entries];
  const start = performance.now();
  document.body.append(el);
  await el.updateComplete;
  if (!el.shadowRoot!.querySelector('[part=insights] tbody tr')) throw new Error('no insights drawn');
  el.getBoundingClientRect();
  const ms = performance.now() - start;
  el.remove();
  return ms;
}

async function bench(name: string, run: () => Promise<number>, extra: Record<string, unknown> = {}) {
  await run(); // warm-up (module code, styles)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await run());
  const result = {
    name,
    median: +median(times).toFixed(2),
    min: +Math.min(...times).toFixed(2),
    max: +Math.max(...times).toFixed(2),
    runs: RUNS,
    unit: 'ms',
    ...extra,
  };
  console.log(`BENCH ${JSON.stringify(result)}`);
  return result;
}

describe('mood-tracker bench', function () {
  this.timeout(120_000);
  it('first render of a year, ten years of entries', async () => {
    const entries = tagged(generateEntries(3650, TODAY));
    const year = await bench(
      'mood-tracker first render: year view, 10-year diary',
      () => firstRender('year', entries),
      {
        entries: entries.length,
        target: 50,
      },
    );
    await bench('mood-tracker first render: month view, 10-year diary', () => firstRender('month', entries), {
      entries: entries.length,
    });
    await bench('mood-tracker figures of given entries, a year (part of the above)', async () => {
      const start = performance.now();
      figuresOf([...entries], 'year', TODAY, TODAY);
      return performance.now() - start;
    });
    const insights = await bench(
      'mood-tracker first render: year view with tag insights, 10-year tagged diary',
      () => insightsRender(entries),
      { entries: entries.length, target: 50 },
    );
    await bench('tag insights of given entries, a year (part of the above)', async () => {
      const start = performance.now();
      tagInsights(entries, '2026-01-01', '2026-12-31');
      return performance.now() - start;
    });
    if (insights.median > 50)
      console.warn(`mood-tracker insights render median ${insights.median} ms is over the 50 ms target`);
    if (year.median > 50)
      console.warn(`mood-tracker year render median ${year.median} ms is over the 50 ms target`);
  });

  it('first render from a 100,000-entry encrypted store, after unlock', async function () {
    this.timeout(900_000);
    const PASS = 'benchmark passphrase for the tracker';
    const diary = await openDiary({ name: `tracker-bench-${Date.now()}`, fallback: 'error', persist: false });
    const created = await diary.createProfile('bench', PASS);
    // Ten years at 27 entries a day, ending on the tracker's today.
    const entries = makeDiary(ENTRIES, '2016-12-07', Math.ceil(ENTRIES / 3650));
    const last = entries[entries.length - 1]!.localDate;
    const t = performance.now();
    await created.importEntries(entries);
    console.log(`imported ${ENTRIES} in ${(performance.now() - t).toFixed(0)} ms`);
    created.close();
    /** Mounts a tracker on a freshly unlocked store (nothing decrypted yet) and waits for its first full render. */
    const render = async (wrap: (store: MoodStore) => EntryStore) => {
      const store = await diary.unlock(created.profile, PASS);
      const el = document.createElement('mood-tracker') as MoodTracker;
      el.today = last;
      const start = performance.now();
      el.store = wrap(store);
      document.body.append(el);
      while (el.shownEntries.length === 0) await new Promise((r) => setTimeout(r, 1));
      await el.updateComplete;
      el.getBoundingClientRect();
      const ms = performance.now() - start;
      el.remove();
      store.close();
      return ms;
    };
    const times: number[] = [];
    for (let i = 0; i < 7; i++) times.push(await render((store) => store));
    // Baseline, same run: a store offering only all() (how the tracker read every store before).
    const everything: number[] = [];
    for (let i = 0; i < 2; i++)
      everything.push(
        await render((store) => ({
          all: () => store.all(),
          add: (e) => store.add(e),
          update: (id, patch) => store.update(id, patch),
          delete: (id) => store.delete(id),
          subscribe: (l) => store.subscribe(l),
        })),
      );
    for (const [name, xs, extra] of [
      ['mood-tracker first render: month view, 100k-entry encrypted store', times, { target: 100 }],
      ['baseline: the same, reading all() (before)', everything, {}],
    ] as const)
      console.log(
        `BENCH ${JSON.stringify({ name, median: +median([...xs]).toFixed(1), min: +Math.min(...xs).toFixed(1), runs: xs.length, unit: 'ms', entries: ENTRIES, ...extra })}`,
      );
    diary.close();
  });
});
