import { expect } from '@open-wc/testing';
import { createIndexedDbStore } from './factories.js';
import { openDiary } from './profiles.js';
import { expectCode } from './testing/contract.js';
import { readAll, readRecords, uniqueName } from './testing/raw.js';
import { makeEntry } from './testing/fixtures.js';
import type { MoodEntry, MoodStore, StoreEvent } from './types.js';

function nextEvent(store: MoodStore, match: (e: StoreEvent) => boolean, ms = 5000): Promise<StoreEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no event')), ms);
    const off = store.subscribe((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

class SecondTab {
  private calls = 0;
  readonly events: StoreEvent[] = [];
  private constructor(private readonly frame: HTMLIFrameElement) {
    window.addEventListener('message', (e) => {
      if (e.source === frame.contentWindow && e.data?.event) this.events.push(e.data.event as StoreEvent);
    });
  }

  static async open(): Promise<SecondTab> {
    const frame = document.createElement('iframe');
    const ready = new Promise<void>((resolve) =>
      window.addEventListener('message', function on(e) {
        if (e.source === frame.contentWindow && e.data?.ready) {
          window.removeEventListener('message', on);
          resolve();
        }
      }),
    );
    frame.src = new URL('./testing/tab.html', import.meta.url).href;
    document.body.append(frame);
    await ready;
    return new SecondTab(frame);
  }

  send<T>(message: Record<string, unknown>): Promise<T> {
    const call = ++this.calls;
    return new Promise((resolve, reject) => {
      const on = (e: MessageEvent) => {
        if (e.source !== this.frame.contentWindow || e.data?.call !== call) return;
        window.removeEventListener('message', on);
        if (e.data.error) reject(new Error(e.data.error));
        else resolve(e.data.result as T);
      };
      window.addEventListener('message', on);
      this.frame.contentWindow!.postMessage({ ...message, call }, '*');
    });
  }

  async waitFor(match: (e: StoreEvent) => boolean, ms = 5000): Promise<StoreEvent> {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const found = this.events.find(match);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the second tab saw no such event');
  }

  remove(): void {
    this.frame.remove();
  }
}

describe('two tabs', () => {
  it('a second document (iframe) and this page see each other’s changes through IndexedDB and BroadcastChannel', async () => {
    const name = uniqueName('tabs');
    const here = await createIndexedDbStore({ name, fallback: 'error', persist: false });
    const tab = await SecondTab.open();
    try {
      expect(await tab.send({ cmd: 'open', name })).to.equal('indexeddb');

      // The other tab writes; this one is told, and reads the entry from the database.
      const seen = nextEvent(here, (e) => e.type === 'change');
      const theirs = await tab.send<MoodEntry>({ cmd: 'add', entry: { label: 'sad', note: '다른 탭에서' } });
      const event = await seen;
      expect(event).to.deep.equal({ type: 'change', kind: 'add', ids: [theirs.id], origin: 'remote' });
      expect(await here.get(theirs.id)).to.deep.equal(theirs);

      // This tab writes; the other one is told and reads it.
      const mine = await here.add({ label: 'happy', note: '이 탭에서' });
      await tab.waitFor((e) => e.type === 'change' && e.origin === 'remote' && e.ids.includes(mine.id));
      expect(await tab.send({ cmd: 'get', id: mine.id })).to.deep.equal(mine);

      await here.delete(mine.id);
      await tab.waitFor((e) => e.type === 'change' && e.kind === 'delete' && e.ids.includes(mine.id));
      expect(await tab.send({ cmd: 'get', id: mine.id })).to.equal(undefined);
    } finally {
      await tab.send({ cmd: 'close' }).catch(() => undefined);
      tab.remove();
      here.close();
    }
  });

  it('notifications stay within a profile, and a closed store gets none', async () => {
    const name = uniqueName('tabs-profiles');
    const diaryA = await openDiary({ name, kdfIterations: 10_000, persist: false });
    const diaryB = await openDiary({ name, kdfIterations: 10_000, persist: false });
    const picker: string[] = [];
    diaryB.subscribe((e) => picker.push(`${e.type}:${'origin' in e ? e.origin : ''}`));
    const a = await diaryA.createProfile('A', 'passphrase-a');
    const b = await diaryA.createProfile('B', 'passphrase-b');
    const a2 = await diaryB.unlock(a.profile, 'passphrase-a');
    const gotA: StoreEvent[] = [];
    const gotB: StoreEvent[] = [];
    a2.subscribe((e) => gotA.push(e));
    b.subscribe((e) => gotB.push(e));
    const seen = nextEvent(a2, (e) => e.type === 'change');
    const entry = await a.add({ label: 'happy' });
    await seen;
    expect(await a2.get(entry.id)).to.deep.equal(entry);
    await new Promise((r) => setTimeout(r, 50));
    expect(gotB).to.deep.equal([]);
    a2.close();
    await a.add({ label: 'sad' });
    await new Promise((r) => setTimeout(r, 50));
    expect(gotA).to.have.length(1);

    // Deleting the profile here locks its open store in the other "tab", so it cannot write orphans.
    const a3 = await diaryB.unlock(a.profile, 'passphrase-a');
    const locked = nextEvent(a3, (e) => e.type === 'locked');
    await diaryA.deleteProfile(a.profile, 'passphrase-a');
    await locked;
    await expectCode(a3.count(), 'locked');
    // The other "tab"'s profile picker heard of both creations and the deletion.
    await new Promise((r) => setTimeout(r, 50));
    expect(picker).to.deep.equal(['profiles:remote', 'profiles:remote', 'profiles:remote']);
    expect((await diaryB.listProfiles()).map((p) => p.name)).to.deep.equal(['B']);
    diaryA.close();
    diaryB.close();
  });

  it('deleting a profile while another tab writes: writes after the delete fail with profile-deleted and nothing is left behind', async () => {
    const name = uniqueName('tabs-delete-race');
    const here = await openDiary({ name, kdfIterations: 10_000, persist: false, fallback: 'error' });
    const there = await openDiary({ name, kdfIterations: 10_000, persist: false, fallback: 'error' });
    const mine = await here.createProfile('A', 'passphrase-a');
    const keep = await here.createProfile('B', 'passphrase-b');
    await keep.add({ label: 'happy', note: 'B stays' });
    const writer = await there.unlock(mine.profile, 'passphrase-a');
    await writer.importEntries([makeEntry('2026-01-01', 9)]);
    // The other tab keeps saving while this one deletes the profile.
    const writes = Array.from({ length: 20 }, (_, i) =>
      writer.add({ label: 'sad', note: `${i}`, localDate: '2026-01-02' }).then(
        () => 'saved',
        (error: { code?: string }) => error.code,
      ),
    );
    await here.deleteProfile(mine.profile, 'passphrase-a');
    // The delete has finished; the other tab has not heard of it yet and saves once more.
    const late = await expectCode(
      writer.add({ label: 'angry', note: 'after the delete' }),
      'profile-deleted',
    );
    expect(late.message).to.match(/deleted/);
    for (const outcome of await Promise.all(writes))
      expect(['saved', 'profile-deleted', 'locked']).to.include(outcome);
    // The refused store locks itself, and no record of the deleted profile is left, in any store.
    await expectCode(writer.count(), 'locked');
    const left = await readRecords<{ profile: string }>(name);
    expect(left.map((r) => r.profile)).to.deep.equal([keep.profile]);
    here.close();
    there.close();
  });

  it('search and summaries in one tab see what another tab saves, changes and deletes for good', async () => {
    const name = uniqueName('tabs-search');
    const here = await openDiary({ name, kdfIterations: 10_000, persist: false, fallback: 'error' });
    const there = await openDiary({ name, kdfIterations: 10_000, persist: false, fallback: 'error' });
    const mine = await here.createProfile('A', 'passphrase-a');
    const theirs = await there.unlock(mine.profile, 'passphrase-a');
    await mine.importEntries([
      makeEntry('2026-01-01', 9, { id: 'walk', note: '산책했다' }),
      makeEntry('2026-02-01', 9, { id: 'rain', note: '비가 왔다' }),
    ]);
    expect((await mine.search('산책')).map((e) => e.id)).to.deep.equal(['walk']);
    // The other tab writes; this one's search (its digests in memory) must not miss it.
    const added = await theirs.add({ label: 'happy', note: '또 산책', localDate: '2026-02-02' });
    expect((await mine.search('산책')).map((e) => e.id)).to.deep.equal([added.id, 'walk']);
    await theirs.update('walk', { note: '집에 있었다' });
    expect((await mine.search('산책')).map((e) => e.id)).to.deep.equal([added.id]);
    expect((await mine.monthSummary('2026-02-01')).count).to.equal(2);
    await theirs.update('rain', { label: 'angry' });
    expect((await mine.monthSummary('2026-02-01')).distribution.angry).to.equal(1);
    await theirs.purge(added.id);
    // Words of what is deleted for good leave the stored search texts with it.
    expect(await readAll(name, 'searchYears')).to.deep.equal([]);
    expect(await mine.search('산책')).to.deep.equal([]);
    expect((await mine.yearSummary('2026-02-01')).count).to.equal(2);
    // A new session reads the stored digests: the same answers.
    const again = await here.unlock(mine.profile, 'passphrase-a');
    expect((await again.search('비')).map((e) => e.id)).to.deep.equal(['rain']);
    here.close();
    there.close();
  });

  it('renaming a profile that another tab deletes meanwhile does not bring it back', async () => {
    const name = uniqueName('tabs-rename-race');
    const here = await openDiary({ name, kdfIterations: 10_000, persist: false, fallback: 'error' });
    const there = await openDiary({ name, kdfIterations: 10_000, persist: false, fallback: 'error' });
    const profile = await here.createProfile('A', 'passphrase-a');
    // Hold the other tab's rename between its read and its write (the backend's test hook)…
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const backend = (there as unknown as { backend: { options: { stall?: (what: string) => unknown } } })
      .backend;
    backend.options.stall = (what) => (what === 'save the profile' ? held : undefined);
    const renaming = there.renameProfile(profile.profile, 'B');
    await new Promise((r) => setTimeout(r, 50));
    // …while this one deletes the profile.
    await here.deleteProfile(profile.profile, 'passphrase-a');
    release();
    await expectCode(renaming, 'not-found');
    expect(await here.listProfiles()).to.deep.equal([]);
    here.close();
    there.close();
  });
});
