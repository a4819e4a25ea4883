/**
 * Benchmark: first render of one year of a ten-year diary (target ≤ 50 ms median).
 * Runs in the browser test runner:
 *   TEST_FILES='packages/elements/src/mood-tracker/mood-tracker.bench.ts' npx wtr --config web-test-runner.config.mjs
 * and logs one line per figure: `BENCH {"name":…,"median":…,"unit":"ms",…}`.
 */
import '../define/mood-tracker.js';
import { generateEntries } from '../internal/testing/fakes.js';
import type { MoodTracker } from './mood-tracker.js';
import { DiaryIndex } from './mood-tracker.data.js';

const TODAY = '2026-11-24';
const RUNS = 15;

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
  el.entries = [...entries]; // a new array: the index is built inside the measured time
  const start = performance.now();
  document.body.append(el);
  await el.updateComplete;
  // Include style and layout, which the user waits for too.
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
    const entries = generateEntries(3650, TODAY);
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
    await bench('mood-tracker index build (part of the above)', async () => {
      const start = performance.now();
      new DiaryIndex([...entries]);
      return performance.now() - start;
    });
    if (year.median > 50)
      console.warn(`mood-tracker year render median ${year.median} ms is over the 50 ms target`);
  });
});
