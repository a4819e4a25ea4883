// A full disk, for real: Chromium's DevTools protocol shrinks this origin's storage quota (see
// `storage-quota` in web-test-runner.config.mjs), the diary is filled until the browser refuses,
// and then the user must still be able to free space. Runs in a browser of its own, set before
// anything opens IndexedDB (Chromium caches an origin's free space while its databases are open).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { isStoreError } from './errors.js';
import { openDiary } from './profiles.js';
import { expectCode } from './testing/contract.js';
import { makeEntry, makeThumbnail } from './testing/fixtures.js';
import { uniqueName } from './testing/raw.js';
import type { MoodEntry } from './types.js';

interface Quota {
  usage: number;
  quota: number;
}
const setQuota = (quotaSize?: number) =>
  executeServerCommand('storage-quota', quotaSize === undefined ? {} : { quotaSize }) as Promise<Quota>;

describe('a full disk (a real quota)', function () {
  this.timeout(240_000);
  after(() => setQuota());

  it('when the diary no longer fits, deleting entries for good still works, and saving works again once there is room', async () => {
    const { usage } = await setQuota();
    expect((await setQuota(usage + 1_500_000)).quota).to.equal(usage + 1_500_000);
    const diary = await openDiary({
      name: uniqueName('full-disk'),
      kdfIterations: 10_000,
      persist: false,
      fallback: 'error',
      allowThumbnails: true,
    });
    const store = await diary.createProfile('가득', 'correct horse battery');
    const thumbnail = await makeThumbnail(3);
    // One busy month of entries with photos, ten at a time, then one at a time, until the browser refuses.
    let n = 0;
    const entry = (): MoodEntry =>
      makeEntry(`2026-05-${String(1 + (n % 28)).padStart(2, '0')}`, n % 24, {
        id: `full-${n++}`,
        note: `사진 ${n}`,
        thumbnail,
      });
    let refusal: unknown;
    for (const size of [10, 1]) {
      for (let tries = 0; tries < 400; tries++) {
        try {
          await store.importEntries(Array.from({ length: size }, entry));
        } catch (error) {
          refusal = error;
          break;
        }
      }
      expect(isStoreError(refusal, 'storage-quota'), `full at last: ${String(refusal)}`).to.equal(true);
    }
    const kept = await store.count();
    expect(kept).to.be.greaterThan(50);
    // The message names what works: room on the device, and deleting for good.
    expect((refusal as Error).message).to.match(/free some space on the device/i);
    expect((refusal as Error).message).to.match(/deleting diary entries for good still works/i);

    // Moving to the trash keeps the entry, so it needs a little room (a small write, its photo
    // untouched), and a disk this full has none: it is refused with the same truthful message.
    await expectCode(store.delete('full-0'), 'storage-quota');
    // Deleting for good is deletes only, which a full disk still accepts.
    for (let i = 0; i < 40; i++) await store.purge(`full-${i}`);
    expect(await store.count()).to.equal(kept - 40);
    expect(await store.get('full-0', { includeDeleted: true })).to.equal(undefined);
    // The calendar (whose rows a full disk cannot rewrite) still counts right, and search forgets them.
    const total = async () => Object.values(await store.entriesPerDay()).reduce((a, b) => a + b, 0);
    expect(await total()).to.equal(kept - 40);
    expect((await store.search('사진 1', { limit: 1000 })).map((e) => e.id)).to.not.include('full-0');

    // Chromium gives deleted rows' space back only when it compacts the database, later (not
    // within 30 s in our runs): what frees space at once is room on the device, here a larger quota.
    // Then the diary takes new entries again, on the same connection, nothing lost.
    await setQuota(usage + 40_000_000);
    const added = await store.add({ label: 'happy', note: '다시', thumbnail });
    expect(await store.get(added.id)).to.deep.equal(added);
    expect(await store.count()).to.equal(kept - 40 + 1);
    expect(await total()).to.equal(kept - 40 + 1);
    diary.close();
  });
});
