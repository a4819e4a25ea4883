// The contract every MoodStore implementation passes. Run it from a browser
// test: `runStoreContract('memory', (options) => createMemoryStore(options))`.
import { expect } from '@open-wc/testing';
import { addDays, deviceLocal, isMoodError } from '@moodiary/core';
import { exportCsv, exportJson, importCsv, importJson } from '../exchange.js';
import type { StoreOptions } from '../store.js';
import type { MoodEntry, MoodStore, StoreEvent } from '../types.js';
import { makeEntry, probabilitiesFor } from './fixtures.js';

export type StoreFactory = (options: StoreOptions) => Promise<MoodStore>;

/** Resolves with the error `promise` rejects with; fails if it resolves. */
async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected a rejection, but it resolved');
}

export async function expectCode(
  promise: Promise<unknown>,
  code: string,
): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  const error = await rejection(promise);
  expect(isMoodError(error), `a MoodError, got ${String(error)}`).to.equal(true);
  expect((error as { code?: string }).code).to.equal(code);
  return error;
}

export function runStoreContract(name: string, factory: StoreFactory): void {
  describe(`MoodStore contract: ${name}`, () => {
    let clock = new Date('2026-03-31T03:00:00.000Z');
    let store: MoodStore;
    const open = (options: StoreOptions = {}) => factory({ now: () => clock, ...options });

    beforeEach(async () => {
      clock = new Date('2026-03-31T03:00:00.000Z');
      store = await open();
    });
    afterEach(() => store.close());

    describe('writing', () => {
      it('add() fills id, times, local date and defaults, and get() returns the same entry', async () => {
        const entry = await store.add({ label: 'happy', note: '좋은 하루' });
        const local = deviceLocal(clock);
        expect(entry).to.deep.equal({
          id: entry.id,
          createdAt: clock.toISOString(),
          utcOffset: local.utcOffset,
          localDate: local.localDate,
          source: 'manual',
          label: 'happy',
          confidence: 1,
          note: '좋은 하루',
          tags: [],
          songs: [],
          updatedAt: clock.toISOString(),
        });
        expect(entry.id).to.match(/^[0-9a-f-]{36}$/);
        expect(await store.get(entry.id)).to.deep.equal(entry);
      });

      it('a face entry takes the most probable label and its probability as confidence', async () => {
        const p = probabilitiesFor('sad', 0.55);
        const entry = await store.add({ probabilities: p, modelVersion: 'fer-1', localDate: '2026-03-30' });
        expect(entry.source).to.equal('face');
        expect(entry.label).to.equal('sad');
        expect(entry.confidence).to.equal(0.55);
        expect(entry.probabilities).to.deep.equal(p);
        expect(entry.localDate).to.equal('2026-03-30');
      });

      it('keeps every field of a full entry exactly', async () => {
        const full = makeEntry('2026-02-14', 21, {
          id: 'full-1',
          source: 'corrected',
          label: 'embarrassed',
          confidence: 0.9,
          probabilities: probabilitiesFor('anxious', 0.5),
          modelVersion: 'fer-mini-1.2',
          note: '발표 망함… "다음엔 잘하자", ok?\nline 2',
          tags: ['학교', 'talk'],
          songs: [{ id: 'song-1', played: true }, { id: 'song-2' }],
        });
        await store.put(full);
        expect(await store.get('full-1')).to.deep.equal(full);
        // What a caller does with a returned entry never reaches the store.
        const copy = (await store.get('full-1'))!;
        copy.tags.push('changed');
        copy.songs[0]!.played = false;
        copy.probabilities!.happy = 1;
        copy.note = 'changed';
        expect(await store.get('full-1')).to.deep.equal(full);
        expect((await store.range()).entries[0]).to.deep.equal(full);
      });

      it('rejects invalid entries with typed errors and stores nothing', async () => {
        const bad: [unknown, string, string][] = [
          [{ label: 'joyful' }, 'invalid-entry', 'label'],
          [{ label: 'happy', confidence: 2 }, 'invalid-entry', 'confidence'],
          [{ label: 'happy', localDate: '2026-02-30' }, 'invalid-entry', 'localDate'],
          [
            { probabilities: { ...probabilitiesFor('happy'), happy: 0.9 }, modelVersion: 'x' },
            'invalid-entry',
            'probabilities',
          ],
          [{ probabilities: probabilitiesFor('happy') }, 'invalid-entry', 'modelVersion'],
          [
            { label: 'happy', source: 'manual', probabilities: probabilitiesFor('happy') },
            'invalid-entry',
            'probabilities',
          ],
          [{ label: 'happy', tags: ['a', 'a'] }, 'invalid-entry', 'tags'],
          [{ label: 'happy', songs: [{ id: '' }] }, 'invalid-entry', 'songs'],
          [{ label: 'happy', mood: 'x' }, 'invalid-entry', 'mood'],
          [{ label: 'happy', note: 'x'.repeat(10_001) }, 'invalid-entry', 'note'],
          [{ label: 'happy', utcOffset: 30.5 }, 'invalid-entry', 'utcOffset'],
          [{ label: 'happy', thumbnail: 'data:image/png;base64,AAAA' }, 'thumbnail-not-allowed', ''],
        ];
        for (const [input, code, field] of bad) {
          const error = await expectCode(store.add(input as never), code);
          if (field) expect(error.details?.field, JSON.stringify(input).slice(0, 60)).to.equal(field);
        }
        expect(await store.count()).to.equal(0);
      });

      it('keeps a thumbnail only when opted in', async () => {
        const photos = await open({ allowThumbnails: true });
        try {
          const e = await photos.add({ label: 'happy', thumbnail: 'data:image/jpeg;base64,/9j/AA==' });
          expect((await photos.get(e.id))?.thumbnail).to.equal('data:image/jpeg;base64,/9j/AA==');
          await expectCode(
            photos.add({ label: 'happy', thumbnail: 'https://example.com/a.jpg' }),
            'invalid-entry',
          );
        } finally {
          photos.close();
        }
      });

      it('add() with an existing id fails with duplicate-id and changes nothing', async () => {
        const first = await store.add({ id: 'same', label: 'happy' });
        await expectCode(store.add({ id: 'same', label: 'sad' }), 'duplicate-id');
        expect(await store.get('same')).to.deep.equal(first);
      });

      it('update() changes fields, moves updatedAt strictly forward and refuses other fields', async () => {
        const e = await store.add({ label: 'sad', note: 'before' });
        const u = await store.update(e.id, { note: 'after', label: 'happy', tags: ['fixed'] });
        expect(u.note).to.equal('after');
        expect(u.label).to.equal('happy');
        expect(u.createdAt).to.equal(e.createdAt);
        expect(u.updatedAt > e.updatedAt).to.equal(true);
        expect(await store.get(e.id)).to.deep.equal(u);
        await expectCode(store.update(e.id, { createdAt: 'x' } as never), 'invalid-entry');
        await expectCode(store.update(e.id, { label: 'bored' as never }), 'invalid-entry');
        await expectCode(store.update('nope', { note: 'x' }), 'not-found');
        expect(await store.get(e.id)).to.deep.equal(u);
      });

      it('moving an entry to another day (and month) moves it in every query', async () => {
        const e = await store.add({ label: 'sad', localDate: '2026-01-31' });
        await store.update(e.id, { localDate: '2026-02-01' });
        expect(await store.byDay('2026-01-31')).to.deep.equal([]);
        expect((await store.byDay('2026-02-01')).map((x) => x.id)).to.deep.equal([e.id]);
        expect((await store.get(e.id))?.localDate).to.equal('2026-02-01');
        expect(await store.count()).to.equal(1);
      });

      it('parallel writes are all kept', async () => {
        const added = await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            store.add({ label: 'happy', note: `n${i}`, localDate: '2026-03-15' }),
          ),
        );
        await Promise.all(added.slice(0, 10).map((e) => store.update(e.id, { note: `${e.note}!` })));
        const day = await store.byDay('2026-03-15');
        expect(day).to.have.length(25);
        expect(day.filter((e) => e.note.endsWith('!'))).to.have.length(10);
      });

      it('a face entry corrected by the user keeps the model probabilities', async () => {
        const e = await store.add({ probabilities: probabilitiesFor('neutral'), modelVersion: 'fer-1' });
        const c = await store.update(e.id, { source: 'corrected', label: 'anxious', confidence: 1 });
        expect(c.source).to.equal('corrected');
        expect(c.probabilities).to.deep.equal(e.probabilities);
      });

      it('delete() is soft: hidden everywhere, restorable, and purge() removes for good', async () => {
        const e = await store.add({ label: 'angry', localDate: '2026-03-31', note: 'grr' });
        const d = await store.delete(e.id);
        expect(d.deletedAt).to.be.a('string');
        expect(await store.get(e.id)).to.equal(undefined);
        expect((await store.get(e.id, { includeDeleted: true }))?.deletedAt).to.equal(d.deletedAt);
        expect(await store.byDay('2026-03-31')).to.deep.equal([]);
        expect((await store.daySummary('2026-03-31')).count).to.equal(0);
        expect(await store.search('grr')).to.deep.equal([]);
        expect((await store.range({ includeDeleted: true })).entries.map((x) => x.id)).to.deep.equal([e.id]);
        expect(await store.delete(e.id)).to.deep.equal(d);
        const r = await store.restore(e.id);
        expect(r.deletedAt).to.equal(undefined);
        expect(r.updatedAt > d.updatedAt).to.equal(true);
        expect(await store.byDay('2026-03-31')).to.have.length(1);
        expect(await store.entriesPerDay()).to.deep.equal({ '2026-03-31': 1 });
        await store.purge(e.id);
        expect(await store.get(e.id, { includeDeleted: true })).to.equal(undefined);
        expect(await store.entriesPerDay()).to.deep.equal({});
        await expectCode(store.delete(e.id), 'not-found');
      });
    });

    describe('queries', () => {
      async function seed(entries: MoodEntry[]) {
        const result = await store.importEntries(entries);
        expect(result.added).to.equal(entries.length);
      }

      it('byDay() returns the day in time order', async () => {
        await seed([
          makeEntry('2026-03-02', 20, { label: 'sad' }),
          makeEntry('2026-03-02', 8, { label: 'happy' }),
          makeEntry('2026-03-01', 12),
          makeEntry('2026-03-03', 12),
        ]);
        const day = await store.byDay('2026-03-02');
        expect(day.map((e) => e.label)).to.deep.equal(['happy', 'sad']);
        await expectCode(store.byDay('2026/03/02'), 'invalid-query');
      });

      it('range() pages forward and backward with a cursor across months, inclusive bounds, skipping deleted', async () => {
        const entries: MoodEntry[] = [];
        for (let d = 0; d < 12; d++)
          for (const h of [9, 18]) entries.push(makeEntry(addDays('2026-01-20', d * 4), h));
        await seed(entries);
        const deleted = entries[8]!.id;
        await store.delete(deleted);
        const from = '2026-01-24';
        const to = '2026-03-02';
        const expected = entries
          .filter((e) => e.localDate >= from && e.localDate <= to && e.id !== deleted)
          .map((e) => e.id);
        expect(expected).to.have.length(19);
        for (const order of ['asc', 'desc'] as const) {
          const seen: string[] = [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const page = await store.range({
              from,
              to,
              limit: 7,
              order,
              ...(cursor ? { cursor } : {}),
            });
            expect(page.entries.length).to.be.at.most(7);
            seen.push(...page.entries.map((e) => e.id));
            cursor = page.nextCursor;
            pages += 1;
          } while (cursor);
          expect(seen).to.deep.equal(order === 'asc' ? expected : [...expected].reverse());
          expect(pages).to.equal(3);
        }
        expect((await store.range()).entries).to.have.length(23);
        // A run of deleted entries longer than a page is skipped, not cut short.
        for (const e of entries.slice(1, 6)) await store.delete(e.id);
        const firstPage = await store.range({ limit: 2 });
        expect(firstPage.entries.map((e) => e.id)).to.deep.equal([entries[0]!.id, entries[6]!.id]);
        expect((await store.range({ limit: 2, cursor: firstPage.nextCursor! })).entries[0]!.id).to.equal(
          entries[7]!.id,
        );
        await expectCode(store.range({ cursor: 'garbage' }), 'invalid-query');
        await expectCode(store.range({ limit: 0 }), 'invalid-query');
        await expectCode(store.range({ from: '2026-13-01' }), 'invalid-query');
      });

      it('summaries give the dominant mood and mean valence for a day, week, month and year', async () => {
        await seed([
          makeEntry('2026-03-02', 8, { label: 'happy' }),
          makeEntry('2026-03-02', 12, { label: 'sad', confidence: 1 }),
          makeEntry('2026-03-02', 20, { label: 'happy' }),
          makeEntry('2026-03-08', 9, {
            label: 'neutral',
            source: 'face',
            probabilities: probabilitiesFor('neutral', 0.5),
            modelVersion: 'fer-1',
            confidence: 0.5,
          }),
          makeEntry('2026-03-09', 9, { label: 'angry' }),
          makeEntry('2026-07-01', 9, { label: 'anxious' }),
        ]);
        const day = await store.daySummary('2026-03-02');
        expect(day).to.deep.include({
          from: '2026-03-02',
          to: '2026-03-02',
          count: 3,
          days: 1,
          dominant: 'happy',
        });
        expect(day.meanValence).to.be.closeTo((0.93 * 2 + 0.14) / 3, 1e-9);
        expect(day.distribution).to.deep.equal({
          happy: 2,
          angry: 0,
          sad: 1,
          anxious: 0,
          neutral: 0,
          embarrassed: 0,
        });
        const empty = await store.daySummary('2026-03-03');
        expect(empty).to.deep.include({ count: 0, dominant: null, meanValence: null });

        const week = await store.weekSummary('2026-03-04');
        expect([week.from, week.to]).to.deep.equal(['2026-03-02', '2026-03-08']);
        expect(week.count).to.equal(4);
        expect(week.byDay).to.have.length(7);
        expect(week.byDay[6]!.meanValence).to.be.closeTo(
          0.5 * 0.56 + 0.1 * (0.93 + 0.19 + 0.14 + 0.35 + 0.31),
          1e-9,
        );

        const month = await store.monthSummary('2026-03-15');
        expect([month.from, month.to, month.count, month.days]).to.deep.equal([
          '2026-03-01',
          '2026-03-31',
          5,
          3,
        ]);
        expect(month.byDay).to.have.length(31);
        expect(month.byDay[1]!.count).to.equal(3);

        const year = await store.yearSummary('2026-12-31');
        expect([year.from, year.to, year.count]).to.deep.equal(['2026-01-01', '2026-12-31', 6]);
        expect(year.byDay).to.have.length(365);
        expect(year.byMonth!.map((m) => m.count)).to.deep.equal([0, 0, 5, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
        expect(year.byMonth![1]!.to).to.equal('2026-02-28');
      });

      it('moments() gives today, yesterday, a month ago (clamped) and a year ago', async () => {
        await seed([
          makeEntry('2026-03-31', 9, { label: 'happy' }),
          makeEntry('2026-03-30', 9, { label: 'sad' }),
          makeEntry('2026-02-28', 9, { label: 'angry' }),
          makeEntry('2025-03-31', 9, { label: 'anxious' }),
        ]);
        const m = await store.moments('2026-03-31');
        expect([m.today.date, m.yesterday.date, m.monthAgo.date, m.yearAgo.date]).to.deep.equal([
          '2026-03-31',
          '2026-03-30',
          '2026-02-28',
          '2025-03-31',
        ]);
        expect([m.today, m.yesterday, m.monthAgo, m.yearAgo].map((x) => x.summary.dominant)).to.deep.equal([
          'happy',
          'sad',
          'angry',
          'anxious',
        ]);
        expect(m.today.entries[0]!.id).to.equal('e-2026-03-31-09');
        const byClock = await store.moments();
        expect(byClock.today.date).to.equal(deviceLocal(clock).localDate);
      });

      it('streaks() counts the current and the longest run of days', async () => {
        const days = [
          '2026-03-01',
          '2026-03-02',
          '2026-03-03',
          '2026-03-04',
          '2026-03-10',
          '2026-03-29',
          '2026-03-30',
        ];
        await seed(days.map((d) => makeEntry(d, 9)).concat(makeEntry('2026-03-30', 20)));
        expect(await store.streaks('2026-03-31')).to.deep.equal({
          current: 2,
          currentFrom: '2026-03-29',
          longest: 4,
          longestFrom: '2026-03-01',
          longestTo: '2026-03-04',
          totalDays: 7,
        });
        expect((await store.streaks('2026-04-01')).current).to.equal(0);
        expect(await store.entriesPerDay({ from: '2026-03-04', to: '2026-03-30' })).to.deep.equal({
          '2026-03-04': 1,
          '2026-03-10': 1,
          '2026-03-29': 1,
          '2026-03-30': 2,
        });
        await store.delete('e-2026-03-30-09');
        await store.delete('e-2026-03-30-20');
        expect((await store.streaks('2026-03-31')).current).to.equal(0);
      });

      it('byWeekday() and distribution() aggregate over a range', async () => {
        await seed([
          makeEntry('2026-03-01', 9, { label: 'happy' }), // Sunday
          makeEntry('2026-03-08', 9, { label: 'happy' }), // Sunday
          makeEntry('2026-03-02', 9, { label: 'sad' }), // Monday
          makeEntry('2026-04-02', 9, { label: 'angry' }),
        ]);
        const weekdays = await store.byWeekday({ from: '2026-03-01', to: '2026-03-31' });
        expect(weekdays.map((w) => w.count)).to.deep.equal([2, 1, 0, 0, 0, 0, 0]);
        expect(weekdays[0]!.dominant).to.equal('happy');
        const dist = await store.distribution({ from: '2026-03-01', to: '2026-03-31' });
        expect(dist.total).to.equal(3);
        expect(dist.counts.happy).to.equal(2);
        expect(dist.shares.sad).to.be.closeTo(1 / 3, 1e-12);
        expect((await store.distribution()).total).to.equal(4);
      });

      it('search() finds notes and tags, Korean included, ignoring case and accents, newest first', async () => {
        await seed([
          makeEntry('2026-01-01', 9, { note: '오늘은 산책을 했다' }),
          makeEntry('2026-01-02', 9, { note: 'Café with Mina' }),
          makeEntry('2026-01-03', 9, { note: 'cafe again', tags: ['친구'] }),
          makeEntry('2026-01-04', 9, { note: '산책 두 번째' }),
        ]);
        expect((await store.search('산책')).map((e) => e.localDate)).to.deep.equal([
          '2026-01-04',
          '2026-01-01',
        ]);
        expect((await store.search('CAFE')).map((e) => e.localDate)).to.deep.equal([
          '2026-01-03',
          '2026-01-02',
        ]);
        expect((await store.search('친구')).map((e) => e.localDate)).to.deep.equal(['2026-01-03']);
        expect((await store.search('cafe mina')).map((e) => e.localDate)).to.deep.equal(['2026-01-02']);
        expect(await store.search('산책', { limit: 1 })).to.have.length(1);
        expect(await store.search('산책', { from: '2026-01-02' })).to.have.length(1);
        expect(await store.search('   ')).to.deep.equal([]);
      });

      it("moods() gives each live entry's mood in date order, without note, tags, songs or photo", async () => {
        await seed([
          makeEntry('2026-02-01', 20, { label: 'sad', note: 'secret', tags: ['t'] }),
          makeEntry('2026-02-01', 8, {
            label: 'happy',
            source: 'face',
            confidence: 0.8,
            probabilities: probabilitiesFor('happy', 0.8),
            modelVersion: 'test-1',
          }),
          makeEntry('2026-03-05', 9, { label: 'angry' }),
          makeEntry('2026-04-01', 9, { label: 'neutral' }),
        ]);
        await store.delete('e-2026-04-01-09');
        const points = await store.moods();
        expect(points.map((p) => [p.localDate, p.label])).to.deep.equal([
          ['2026-02-01', 'happy'],
          ['2026-02-01', 'sad'],
          ['2026-03-05', 'angry'],
        ]);
        expect(points[0]).to.deep.equal({
          id: 'e-2026-02-01-08',
          localDate: '2026-02-01',
          createdAt: makeEntry('2026-02-01', 8).createdAt,
          source: 'face',
          label: 'happy',
          confidence: 0.8,
          probabilities: probabilitiesFor('happy', 0.8),
        });
        expect(Object.keys(points[1]!).sort()).to.deep.equal([
          'confidence',
          'createdAt',
          'id',
          'label',
          'localDate',
          'source',
        ]);
        expect(
          (await store.moods({ from: '2026-03-01', to: '2026-03-31' })).map((p) => p.label),
        ).to.deep.equal(['angry']);
        await store.update('e-2026-03-05-09', { label: 'anxious' });
        expect((await store.moods({ from: '2026-03-01' })).map((p) => p.label)).to.deep.equal(['anxious']);
      });

      it('search() reads years newest first, across gaps, within from/to, and sees a change in an old year', async () => {
        await seed([
          makeEntry('2019-06-01', 9, { note: 'walk one' }),
          makeEntry('2022-12-31', 9, { note: 'walk two' }),
          makeEntry('2023-01-01', 9, { note: 'walk three' }),
          makeEntry('2026-01-04', 9, { note: 'walk four' }),
          makeEntry('2026-01-05', 9, { note: 'no match' }),
        ]);
        const dates = async (q?: Parameters<MoodStore['search']>[1]) =>
          (await store.search('walk', q)).map((e) => e.localDate);
        expect(await dates()).to.deep.equal(['2026-01-04', '2023-01-01', '2022-12-31', '2019-06-01']);
        expect(await dates({ limit: 2 })).to.deep.equal(['2026-01-04', '2023-01-01']);
        expect(await dates({ from: '2020-01-01', to: '2022-12-31' })).to.deep.equal(['2022-12-31']);
        await store.update('e-2019-06-01-09', { note: 'a run' });
        expect(await dates()).to.deep.equal(['2026-01-04', '2023-01-01', '2022-12-31']);
        expect(await store.search('zzz')).to.deep.equal([]);
      });
    });

    describe('settings', () => {
      it('keeps JSON values by name, replaces and removes them, and refuses bad names and sizes', async () => {
        expect(await store.settings()).to.deep.equal({});
        const calibration = { scale: 0.9, bias: { happy: -0.2, sad: 0.4 }, samples: 12 };
        await store.setSetting('calibration', calibration);
        await store.setSetting('songs.hidden', ['song-1']);
        expect(await store.settings()).to.deep.equal({ calibration, 'songs.hidden': ['song-1'] });
        await store.setSetting('songs.hidden', ['song-1', 'song-2']);
        await store.setSetting('calibration', undefined);
        expect(await store.settings()).to.deep.equal({ 'songs.hidden': ['song-1', 'song-2'] });
        await expectCode(store.setSetting('no spaces', 1), 'invalid-query');
        await expectCode(store.setSetting('big', 'x'.repeat(70_000)), 'invalid-entry');
        await expectCode(
          store.setSetting(
            'cycle',
            (() => {
              const a: Record<string, unknown> = {};
              a.self = a;
              return a;
            })(),
          ),
          'invalid-entry',
        );
        expect(Object.keys(await store.settings())).to.deep.equal(['songs.hidden']);
      });

      it('travel in the JSON export; an import adds the ones the diary lacks and keeps its own', async () => {
        await store.add({ label: 'happy' });
        await store.setSetting('calibration', { scale: 1.1 });
        await store.setSetting('theme', 'dark');
        const json = await exportJson(store);
        const copy = await factory({ now: () => clock });
        try {
          await copy.setSetting('theme', 'light');
          await importJson(copy, json);
          expect(await copy.settings()).to.deep.equal({ calibration: { scale: 1.1 }, theme: 'light' });
        } finally {
          copy.close();
        }
      });
    });

    describe('import, export and events', () => {
      it('importEntries() is all or nothing and skips ids already present', async () => {
        await store.add({ id: 'keep', label: 'happy', note: 'mine' });
        const a = makeEntry('2026-01-01', 9, { id: 'keep', note: 'theirs' });
        const b = makeEntry('2026-01-02', 9, { id: 'new' });
        const bad = { ...makeEntry('2026-01-03', 9, { id: 'bad' }), label: 'joy' } as unknown as MoodEntry;
        const error = await expectCode(store.importEntries([b, bad]), 'import-invalid');
        expect((error.details?.errors as { row: number }[])[0]!.row).to.equal(2);
        expect(await store.get('new')).to.equal(undefined);
        const result = await store.importEntries([a, b]);
        expect(result).to.deep.equal({ added: 1, skipped: 1, addedIds: ['new'], skippedIds: ['keep'] });
        expect((await store.get('keep'))?.note).to.equal('mine');
      });

      it('JSON and CSV exports round-trip exactly, deleted entries and Korean text included', async () => {
        await store.importEntries([
          makeEntry('2026-01-01', 9, {
            id: '=cmd',
            note: '=SUM(A1) 수식 아님, "quoted"\r\nnext line',
            tags: ['일기', 'a,b'],
            songs: [{ id: 's1', played: false }],
          }),
          makeEntry('2026-01-02', 9, {
            source: 'face',
            label: 'happy',
            probabilities: {
              happy: 0.1 + 0.2,
              angry: 0.1,
              sad: 0.1,
              anxious: 0.1,
              neutral: 0.1,
              embarrassed: 0.3,
            },
            modelVersion: "'v1",
            confidence: 0.30000000000000004,
            note: "'leading apostrophe",
          }),
          makeEntry('2026-01-03', 9, { note: '  spaces  ', label: 'embarrassed' }),
        ]);
        await store.delete('e-2026-01-03-09');
        const original = await store.all({ includeDeleted: true });
        const json = await exportJson(store);
        const csv = await exportCsv(store, { includeDeleted: true });
        expect(csv.charCodeAt(0)).to.equal(0xfeff);
        expect(csv).to.include('기쁨');

        for (const [text, load] of [
          [json, importJson],
          [csv, importCsv],
        ] as const) {
          const copy = await factory({ now: () => clock });
          try {
            const result = await load(copy, text);
            expect(result.added).to.equal(3);
            expect(await copy.all({ includeDeleted: true })).to.deep.equal(original);
            expect((await load(copy, text)).skipped).to.equal(3);
          } finally {
            copy.close();
          }
        }
      });

      it('notifies subscribers of local changes until they unsubscribe', async () => {
        const events: StoreEvent[] = [];
        const off = store.subscribe((e) => events.push(e));
        const e = await store.add({ label: 'happy' });
        await store.update(e.id, { note: 'x' });
        await store.delete(e.id);
        await store.restore(e.id);
        await store.importEntries([makeEntry('2026-01-01', 9)]);
        off();
        await store.add({ label: 'sad' });
        const changes = events.filter((x) => x.type === 'change');
        expect(changes.map((x) => x.type === 'change' && [x.kind, x.origin, x.ids.length])).to.deep.equal([
          ['add', 'local', 1],
          ['update', 'local', 1],
          ['delete', 'local', 1],
          ['restore', 'local', 1],
          ['import', 'local', 1],
        ]);
      });

      it('changedSince() lists every change after a time, deletions included, in change order', async () => {
        const a = await store.add({ label: 'happy' });
        const mark = clock.toISOString();
        clock = new Date(clock.getTime() + 1000);
        const b = await store.add({ label: 'sad' });
        clock = new Date(clock.getTime() + 1000);
        await store.delete(a.id);
        const changes = await store.changedSince(mark);
        expect(changes.map((e) => [e.id, !!e.deletedAt])).to.deep.equal([
          [b.id, false],
          [a.id, true],
        ]);
        expect(await store.changedSince(clock.toISOString())).to.deep.equal([]);
        await expectCode(store.changedSince('yesterday'), 'invalid-query');
      });

      it('close() makes every later call fail with closed', async () => {
        store.close();
        store.close();
        await expectCode(store.add({ label: 'happy' }), 'closed');
        await expectCode(store.range(), 'closed');
      });
    });
  });
}
