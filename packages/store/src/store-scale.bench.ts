// Storage at scale (issue #12), in headless Chromium: `npm run bench -- store`, or
// TEST_FILES=packages/store/src/store-scale.bench.ts npx wtr --config web-test-runner.config.mjs
// A busy month (1,000 entries, with and without photo thumbnails) and a 100,000-entry diary.
// Prints medians; targets from issue #12.
import { createIndexedDbStore } from './factories.js';
import { openDiary } from './profiles.js';
import { makeDiary, makeEntry, makeThumbnail } from './testing/fixtures.js';
import { deleteDatabase, uniqueName } from './testing/raw.js';
import type { MoodEntry, MoodStore } from './types.js';
import { median, time } from './testing/bench.js';

const TARGETS = { addInBusyMonth: 10, deleteInBusyMonth: 10, import100k: 5000, search100k: 300 };
const PASSPHRASE = 'benchmark passphrase';

const rows: string[] = [];
function report(what: string, kind: string, samples: number[], target?: number) {
  const m = median(samples);
  const verdict = target === undefined ? '' : m <= target ? `≤ ${target} ms ✔` : `> ${target} ms ✘`;
  const line = `${what.padEnd(44)} ${kind.padEnd(15)} median ${m.toFixed(1).padStart(8)} ms  (n=${samples.length}, min ${Math.min(...samples).toFixed(1)}, max ${Math.max(...samples).toFixed(1)})  ${verdict}`;
  rows.push(line);
  console.log(line);
}

/** 1,000 entries in June 2025 (about 33 a day). */
function busyMonth(thumbnail?: string): MoodEntry[] {
  const out: MoodEntry[] = [];
  for (let i = 0; i < 1000; i++) {
    const day = `2025-06-${String(1 + (i % 30)).padStart(2, '0')}`;
    const e = makeEntry(day, 0, {
      id: `busy-${i}`,
      note: `바쁜 달 ${i}`,
      createdAt: new Date(Date.parse(`${day}T00:00:00Z`) + i * 1000).toISOString(),
    });
    e.updatedAt = e.createdAt;
    out.push(thumbnail ? { ...e, thumbnail } : e);
  }
  return out;
}

type Kind = 'plain' | 'encrypted';

async function open(kind: Kind, name: string, allowThumbnails: boolean) {
  if (kind === 'plain') {
    const store = await createIndexedDbStore({ name, fallback: 'error', persist: false, allowThumbnails });
    return { store, close: () => store.close() };
  }
  const diary = await openDiary({ name, fallback: 'error', persist: false, allowThumbnails });
  const store = await diary.createProfile('bench', PASSPHRASE);
  return { store, close: () => diary.close() };
}

describe('@moodiary/store at scale', function () {
  this.timeout(1_800_000);

  before(() => {
    console.log(`machine: ${navigator.userAgent}; ${navigator.hardwareConcurrency} logical CPUs`);
  });

  for (const kind of ['plain', 'encrypted'] as Kind[])
    for (const withThumbnails of [false, true]) {
      const variant = withThumbnails ? 'with thumbnails' : 'no thumbnails';
      it(`a month of 1,000 entries, ${kind}, ${variant}`, async () => {
        const thumbnail = withThumbnails ? await makeThumbnail(7) : undefined;
        if (thumbnail) console.log(`thumbnail: ${thumbnail.length} characters`);
        const name = uniqueName(`bench-month-${kind}`);
        const { store, close } = await open(kind, name, withThumbnails);
        const label = withThumbnails ? `${kind}+photo` : kind;
        await store.importEntries(busyMonth(thumbnail));
        const adds: number[] = [];
        for (let i = 0; i < 30; i++) {
          const entry = { label: 'happy' as const, note: `더하기 ${i}`, localDate: '2025-06-15' };
          adds.push(await time(() => store.add(thumbnail ? { ...entry, thumbnail } : entry)));
        }
        report(`add one entry to a 1,000-entry month`, label, adds, TARGETS.addInBusyMonth);
        const deletes: number[] = [];
        for (let i = 0; i < 30; i++) deletes.push(await time(() => store.delete(`busy-${i * 7}`)));
        report(`delete (soft) one entry in that month`, label, deletes, TARGETS.deleteInBusyMonth);
        const purges: number[] = [];
        for (let i = 0; i < 30; i++) purges.push(await time(() => store.purge(`busy-${i * 7 + 1}`)));
        report(`purge one entry in that month`, label, purges, TARGETS.deleteInBusyMonth);
        const months: number[] = [];
        for (let i = 0; i < 5; i++) months.push(await time(() => store.monthSummary('2025-06-01')));
        report(`month summary of that month`, label, months);
        close();
        await deleteDatabase(name);
      });
    }

  it('100,000 entries, encrypted', async () => {
    const entries = makeDiary(100_000, '1935-01-01', 3);
    const name = uniqueName('bench-100k');
    const diary = await openDiary({ name, fallback: 'error', persist: false });
    const created = await diary.createProfile('bench', PASSPHRASE);
    report(
      'import 100,000 entries',
      'encrypted',
      [await time(() => created.importEntries(entries))],
      TARGETS.import100k,
    );
    created.close();

    /** Times `fn` on a store just unlocked (the unlock itself not counted). */
    const afterUnlock = async (fn: (s: MoodStore) => Promise<unknown>) => {
      const store = await diary.unlock(created.profile, PASSPHRASE);
      try {
        return await time(() => fn(store));
      } finally {
        store.close();
      }
    };
    const samples = async (n: number, fn: (s: MoodStore) => Promise<unknown>) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await afterUnlock(fn));
      return out;
    };
    report('all(), just unlocked', 'encrypted', await samples(3, (s) => s.all()));
    report('first search after the import (builds digests)', 'encrypted', [
      await afterUnlock((s) => s.search('산책')),
    ]);
    report(
      'search, just unlocked',
      'encrypted',
      await samples(3, (s) => s.search('산책')),
      TARGETS.search100k,
    );
    // The worst case: nothing matches, so every year is read.
    report(
      'search finding nothing, just unlocked',
      'encrypted',
      await samples(3, (s) => s.search('없는말')),
      TARGETS.search100k,
    );
    const warm = await diary.unlock(created.profile, PASSPHRASE);
    await warm.search('산책');
    const warmSearches: number[] = [];
    for (let i = 0; i < 5; i++) warmSearches.push(await time(() => warm.search('우산 없음')));
    report('search, again', 'encrypted', warmSearches, TARGETS.search100k);
    const warmAll: number[] = [];
    for (let i = 0; i < 3; i++) warmAll.push(await time(() => warm.all()));
    report('all(), again', 'encrypted', warmAll);
    warm.close();
    // What a tracker's first screen needs: the calendar, streaks, this month and this year.
    report(
      'entriesPerDay (all days), just unlocked',
      'encrypted',
      await samples(3, (s) => s.entriesPerDay()),
    );
    report('streaks, just unlocked', 'encrypted', await samples(3, (s) => s.streaks('2026-06-01')));
    report(
      'month summary, just unlocked',
      'encrypted',
      await samples(3, (s) => s.monthSummary('2026-05-01')),
    );
    report('year summary, just unlocked', 'encrypted', await samples(3, (s) => s.yearSummary('2026-05-01')));
    diary.close();
    await deleteDatabase(name);
  });

  after(() => console.log(`\nsummary\n${rows.join('\n')}`));
});
