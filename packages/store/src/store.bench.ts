// Storage benchmarks in headless Chromium: `npm run bench -- store`, or
// TEST_FILES=packages/store/src/store.bench.ts npx wtr --config web-test-runner.config.mjs
// Prints medians; targets from issue #5.
import { createIndexedDbStore } from './factories.js';
import { openDiary } from './profiles.js';
import { makeDiary } from './testing/fixtures.js';
import { deleteDatabase, uniqueName } from './testing/raw.js';
import type { MoodStore } from './types.js';
import { median, time } from './testing/bench.js';

const ENTRIES = 10_000;
const TARGETS = { import10k: 1000, add: 10, month: 20, yearSummary: 100 };

type Kind = 'plain' | 'encrypted';

interface Opened {
  store: MoodStore;
  /** A new store on the same data: nothing decrypted yet (a cold start). */
  reopen: () => Promise<MoodStore>;
  close: () => void;
}

async function openStore(kind: Kind, name: string): Promise<Opened> {
  if (kind === 'plain') {
    const open = () => createIndexedDbStore({ name, fallback: 'error', persist: false });
    const store = await open();
    return { store, reopen: open, close: () => store.close() };
  }
  // Default 600k PBKDF2 iterations: unlocking is measured apart.
  const diary = await openDiary({ name, fallback: 'error', persist: false });
  const store = await diary.createProfile('bench', 'benchmark passphrase');
  return {
    store,
    reopen: () => diary.unlock(store.profile, 'benchmark passphrase'),
    close: () => diary.close(),
  };
}

/** Times `fn` on a freshly opened store (not counting the opening). */
async function cold(opened: Opened, fn: (store: MoodStore) => Promise<unknown>): Promise<number> {
  const store = await opened.reopen();
  try {
    return await time(() => fn(store));
  } finally {
    store.close();
  }
}

const rows: string[] = [];
function report(what: string, kind: Kind, samples: number[], target?: number) {
  const m = median(samples);
  const verdict = target === undefined ? '' : m <= target ? `≤ ${target} ms ✔` : `> ${target} ms ✘`;
  const line = `${what.padEnd(30)} ${kind.padEnd(10)} median ${m.toFixed(1).padStart(7)} ms  (n=${samples.length}, min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})  ${verdict}`;
  rows.push(line);
  console.log(line);
}

describe('@moodiary/store benchmarks', function () {
  this.timeout(600_000);
  const diary = makeDiary(ENTRIES, '2016-01-01', 3);
  const months = [
    '2017-03-01',
    '2018-07-01',
    '2019-11-01',
    '2020-02-01',
    '2021-05-01',
    '2022-08-01',
    '2023-10-01',
    '2024-01-01',
  ];
  const years = [
    '2016-06-01',
    '2017-06-01',
    '2018-06-01',
    '2019-06-01',
    '2020-06-01',
    '2021-06-01',
    '2022-06-01',
    '2023-06-01',
  ];

  before(() => {
    console.log(
      `machine: ${navigator.userAgent}; ${navigator.hardwareConcurrency} logical CPUs; ${ENTRIES} entries (${diary[0]!.localDate} – ${diary[diary.length - 1]!.localDate}, 3 a day)`,
    );
  });

  for (const kind of ['plain', 'encrypted'] as Kind[]) {
    it(`${kind}`, async () => {
      const imports: number[] = [];
      for (let run = 0; run < 5; run++) {
        const name = uniqueName(`bench-import-${kind}`);
        const { store, close } = await openStore(kind, name);
        imports.push(await time(() => store.importEntries(diary)));
        close();
        await deleteDatabase(name);
      }
      report('import 10,000 entries', kind, imports, TARGETS.import10k);

      const name = uniqueName(`bench-${kind}`);
      const opened = await openStore(kind, name);
      const { store, close } = opened;
      await store.importEntries(diary);

      const adds: number[] = [];
      for (let i = 0; i < 40; i++)
        adds.push(
          await time(() => store.add({ label: 'happy', note: `벤치마크 ${i}`, localDate: '2025-06-01' })),
        );
      report('add one entry', kind, adds, TARGETS.add);

      const monthsRead: number[] = [];
      for (let r = 0; r < 3; r++)
        for (const m of months) {
          let count = 0;
          monthsRead.push(
            await cold(opened, async (s) => {
              const page = await s.range({ from: m, to: `${m.slice(0, 8)}28`, limit: 1000 });
              count = page.entries.length;
            }),
          );
          if (count < 80) throw new Error(`month read only ${count} entries`);
        }
      report('read a month (~90 entries), cold', kind, monthsRead, TARGETS.month);

      const summaries: number[] = [];
      for (let r = 0; r < 2; r++)
        for (const y of years) {
          summaries.push(
            await cold(opened, async (s) => {
              const summary = await s.yearSummary(y);
              if (summary.count < 1000) throw new Error('year too small');
            }),
          );
        }
      report('year summary (~1,100 entries), cold', kind, summaries, TARGETS.yearSummary);
      const warmYears: number[] = [];
      await store.yearSummary(years[0]!);
      for (let r = 0; r < 8; r++) warmYears.push(await time(() => store.yearSummary(years[0]!)));
      report('year summary, warm', kind, warmYears);

      const monthSummaries: number[] = [];
      for (const m of months) monthSummaries.push(await cold(opened, (s) => s.monthSummary(m)));
      report('month summary, cold', kind, monthSummaries);

      const searches: number[] = [];
      for (let r = 0; r < 3; r++) searches.push(await cold(opened, (s) => s.search('산책')));
      report('search all notes, cold', kind, searches);
      const warmSearches: number[] = [];
      await store.search('산책');
      for (let r = 0; r < 5; r++) warmSearches.push(await time(() => store.search('산책')));
      report('search all notes, warm', kind, warmSearches);

      const streaks: number[] = [];
      for (let r = 0; r < 3; r++) streaks.push(await cold(opened, (s) => s.streaks('2025-06-01')));
      report('streaks (all days)', kind, streaks);
      close();
      await deleteDatabase(name);
    });
  }

  it('unlock (600,000 PBKDF2 iterations)', async () => {
    const name = uniqueName('bench-unlock');
    const d = await openDiary({ name, fallback: 'error', persist: false });
    const s = await d.createProfile('bench', 'benchmark passphrase');
    const unlocks: number[] = [];
    for (let i = 0; i < 3; i++) unlocks.push(await time(() => d.unlock(s.profile, 'benchmark passphrase')));
    report('unlock a profile', 'encrypted', unlocks);
    d.close();
    await deleteDatabase(name);
  });

  after(() => console.log(`\nsummary\n${rows.join('\n')}`));
});
