import { expect } from '@open-wc/testing';
import type { ProfileRecord, StoredRecord } from './backend.js';
import { DEFAULT_KDF_ITERATIONS } from './crypto.js';
import { exportJson, importJson } from './exchange.js';
import { PROFILES } from './idb-backend.js';
import { openDiary, type DiaryOptions } from './profiles.js';
import { expectCode } from './testing/contract.js';
import { makeDiary, makeEntry, probabilitiesFor } from './testing/fixtures.js';
import { readAll, readRecords, uniqueName, writeRecords } from './testing/raw.js';
import type { StoreEvent } from './types.js';

const PASS = '봄날의 곰 correct horse';
const fast = (name: string, more: DiaryOptions = {}) =>
  openDiary({ name, kdfIterations: 10_000, persist: false, fallback: 'error', ...more });

/** Every string reachable in a value, and every byte buffer decoded as UTF-8 and Latin-1. */
function readableText(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const bytes =
        v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      out.push(new TextDecoder().decode(bytes), String.fromCharCode(...bytes));
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push(k), walk(x));
    else out.push(String(v));
  };
  walk(value);
  return out.join('\n');
}

describe('profiles and encryption at rest', () => {
  it('raw records hold no readable note, label, probability, tag, song or model version', async () => {
    const name = uniqueName('raw');
    const diary = await fast(name);
    const store = await diary.createProfile('지민', PASS);
    await store.add({
      source: 'face',
      probabilities: probabilitiesFor('embarrassed', 0.8123),
      modelVersion: 'fer-secret-model',
      note: '아무도 읽으면 안 되는 일기 secret-note',
      tags: ['비밀태그'],
      songs: [{ id: 'song-secret', played: true }],
    });
    await store.importEntries(makeDiary(30));
    const records = await readRecords<StoredRecord>(name);
    expect(records).to.have.length(31);
    const text = readableText(records);
    // Secrets of 5+ bytes, so random ciphertext bytes cannot match them by chance.
    const secrets = [
      'secret-note',
      '일기',
      'embarrassed',
      'happy',
      'neutral',
      'anxious',
      'angry',
      '0.8123',
      'probabilities',
    ];
    secrets.push(
      '"note"',
      '"label"',
      '비밀태그',
      'song-secret',
      'fer-secret',
      '"face"',
      'manual',
      'confidence',
      'utcOffset',
      '산책',
    );
    for (const secret of secrets)
      expect(text.includes(secret), `raw records contain "${secret}"`).to.equal(false);
    for (const r of records) {
      expect(Object.keys(r).sort()).to.deep.equal([
        'createdAt',
        'ct',
        'id',
        'iv',
        'localDate',
        'profile',
        'updatedAt',
      ]);
      expect(r.data).to.equal(undefined);
    }
    // What search keeps (month digests, year texts) and the settings are sealed the same way.
    expect(await store.search('secret-note')).to.have.length(1);
    await store.setSetting('calibration', { secret: 'secret-note', bias: { embarrassed: 0.8123 } });
    for (const [cache, key] of [
      ['search', 'month'],
      ['searchYears', 'year'],
      ['settings', 'name'],
    ] as const) {
      const rows = await readAll(name, cache);
      expect(rows.length, `${cache} rows`).to.be.greaterThan(0);
      for (const secret of secrets)
        expect(readableText(rows).includes(secret), `${cache} contains "${secret}"`).to.equal(false);
      for (const row of rows)
        expect(Object.keys(row).sort()).to.deep.equal(['ct', 'iv', key, 'profile'].sort());
    }
    // The profile row keeps only the name, salt, iterations and the wrapped key.
    const [profile] = await readAll<ProfileRecord>(name, PROFILES);
    expect(readableText(profile).includes(PASS)).to.equal(false);
    expect(profile!.kdf.iterations).to.equal(10_000);
    diary.close();
  });

  it('new profiles default to 600,000 PBKDF2 iterations', async () => {
    const name = uniqueName('iterations');
    const diary = await openDiary({ name, persist: false, fallback: 'error' });
    await diary.createProfile('slow', PASS);
    const [profile] = await readAll<ProfileRecord>(name, PROFILES);
    expect(profile!.kdf).to.deep.include({
      algorithm: 'PBKDF2',
      hash: 'SHA-256',
      iterations: DEFAULT_KDF_ITERATIONS,
    });
    expect(DEFAULT_KDF_ITERATIONS).to.equal(600_000);
    expect(profile!.kdf.salt.byteLength).to.equal(16);
    diary.close();
  });

  it('lock forgets the key; unlock with the passphrase reads everything again', async () => {
    const diary = await fast(uniqueName('lock'));
    const store = await diary.createProfile('Mina', PASS);
    const entry = await store.add({ label: 'happy', note: '잠금 전' });
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    store.lock();
    expect(events).to.deep.include({ type: 'locked' });
    await expectCode(store.get(entry.id), 'locked');
    await expectCode(store.add({ label: 'sad' }), 'locked');
    const again = await diary.unlock(store.profile, PASS);
    expect(again.profileName).to.equal('Mina');
    expect(again.encrypted).to.equal(true);
    expect(await again.get(entry.id)).to.deep.equal(entry);
    diary.lock(store.profile);
    await expectCode(again.range(), 'locked');
    diary.close();
  });

  it('locks by itself after autoLockMs without a call', async () => {
    const diary = await fast(uniqueName('autolock'), { autoLockMs: 600 });
    const store = await diary.createProfile('Mina', PASS);
    const events: StoreEvent[] = [];
    store.subscribe((e) => events.push(e));
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      await store.add({ label: 'happy' }); // activity keeps it open
    }
    expect(events.map((e) => e.type)).not.to.include('locked');
    await new Promise((r) => setTimeout(r, 1000));
    expect(events.map((e) => e.type)).to.include('locked');
    await expectCode(store.count(), 'locked');
    diary.close();
  });

  it('a wrong passphrase gives wrong-passphrase and changes nothing', async () => {
    const name = uniqueName('wrong');
    const diary = await fast(name);
    const store = await diary.createProfile('Mina', PASS);
    await store.add({ label: 'happy' });
    const before = await readAll(name, PROFILES);
    const recordsBefore = await readRecords(name);
    await expectCode(diary.unlock(store.profile, 'wrong passphrase'), 'wrong-passphrase');
    await expectCode(diary.unlock(store.profile, PASS.normalize('NFD') + ' '), 'wrong-passphrase');
    await expectCode(
      diary.changePassphrase(store.profile, 'wrong passphrase', 'another long passphrase one'),
      'wrong-passphrase',
    );
    await expectCode(diary.deleteProfile(store.profile, 'wrong passphrase'), 'wrong-passphrase');
    expect(await readAll(name, PROFILES)).to.deep.equal(before);
    expect(await readRecords(name)).to.deep.equal(recordsBefore);
    expect(await store.count()).to.equal(1);
    await expectCode(diary.unlock('p_nope', PASS), 'not-found');
    diary.close();
  });

  it('the passphrase matches in any Unicode normalisation form', async () => {
    const diary = await fast(uniqueName('nfc'));
    const store = await diary.createProfile('한글', '비밀번호는 한글로 써요');
    const again = await diary.unlock(store.profile, '비밀번호는 한글로 써요'.normalize('NFD'));
    expect(again.profile).to.equal(store.profile);
    diary.close();
  });

  it('changing the passphrase keeps every entry readable and re-encrypts none', async () => {
    const name = uniqueName('change');
    const diary = await fast(name);
    const store = await diary.createProfile('Mina', PASS);
    await store.importEntries(makeDiary(200));
    const entries = await store.all();
    const rawBefore = await readRecords(name);
    await diary.changePassphrase(store.profile, PASS, 'a brand new passphrase');
    expect(await readRecords(name)).to.deep.equal(rawBefore);
    await expectCode(diary.unlock(store.profile, PASS), 'wrong-passphrase');
    const again = await diary.unlock(store.profile, 'a brand new passphrase');
    expect(await again.all()).to.deep.equal(entries);
    // The open store keeps working: its data key did not change.
    expect(await store.count()).to.equal(200);
    await expectCode(
      diary.changePassphrase(store.profile, 'a brand new passphrase', 'short'),
      'weak-passphrase',
    );
    diary.close();
  });

  it('a guessable passphrase is refused for a new profile or a change, with the reason; nothing is written', async () => {
    const name = uniqueName('guessable');
    const diary = await fast(name);
    // 9+ characters: the old length-only rule took these.
    const error = await expectCode(diary.createProfile('Mina', 'iloveyou123'), 'weak-passphrase');
    expect(error.details).to.include({ warning: 'similarToCommon', minPassphraseScore: 3 });
    expect(error.details?.suggestions).to.deep.equal(['anotherWord']);
    await expectCode(diary.createProfile('Mina', 'mina2026!'), 'weak-passphrase');
    expect(await readAll(name, PROFILES)).to.deep.equal([]);
    const store = await diary.createProfile('Mina', PASS);
    const before = await readAll(name, PROFILES);
    await expectCode(diary.changePassphrase(store.profile, PASS, 'qwer1234'), 'weak-passphrase');
    expect(await readAll(name, PROFILES)).to.deep.equal(before);
    diary.close();
  });

  it('a profile made under a looser rule still unlocks under the default one, and can move to a strong passphrase', async () => {
    const name = uniqueName('legacy');
    const loose = await fast(name, { minPassphraseScore: 0 });
    const old = await loose.createProfile('Bo', 'password1');
    await old.add({ label: 'happy', note: '예전 일기' });
    loose.close();
    const diary = await fast(name);
    const store = await diary.unlock(old.profile, 'password1');
    expect((await store.all()).map((e) => e.note)).to.deep.equal(['예전 일기']);
    await diary.changePassphrase(old.profile, 'password1', PASS);
    expect(await (await diary.unlock(old.profile, PASS)).count()).to.equal(1);
    await expectCode(diary.unlock(old.profile, 'password1'), 'wrong-passphrase');
    diary.close();
  });

  it('profiles: list, unique names, weak passphrases, isolation and rename', async () => {
    const diary = await fast(uniqueName('list'));
    const a = await diary.createProfile('Mina', PASS);
    const b = await diary.createProfile('지민', PASS);
    await expectCode(diary.createProfile('mina', 'another passphrase'), 'profile-exists');
    await expectCode(diary.createProfile('Third', 'short'), 'weak-passphrase');
    await expectCode(diary.createProfile('  ', PASS), 'invalid-entry');
    expect((await diary.listProfiles()).map((p) => p.name)).to.deep.equal(['Mina', '지민']);
    await a.add({ label: 'happy', note: 'a' });
    expect(await b.count()).to.equal(0);
    await diary.renameProfile(b.profile, '지민2');
    expect((await diary.listProfiles()).map((p) => p.name)).to.deep.equal(['Mina', '지민2']);
    diary.close();
  });

  it('deleteProfile removes the profile and all its data, and nothing of others', async () => {
    const name = uniqueName('delete');
    const diary = await fast(name);
    const a = await diary.createProfile('A', PASS);
    const b = await diary.createProfile('B', PASS);
    await a.importEntries(makeDiary(40));
    await b.importEntries(makeDiary(5));
    for (const s of [a, b]) {
      await s.setSetting('calibration', { scale: 1 });
      await s.search('산책'); // leaves digests and year texts
    }
    await diary.deleteProfile(a.profile, PASS);
    for (const cache of ['search', 'searchYears', 'settings']) {
      const rows = await readAll<{ profile: string }>(name, cache);
      expect(rows.length, cache).to.be.greaterThan(0);
      expect(
        rows.every((row) => row.profile === b.profile),
        cache,
      ).to.equal(true);
    }
    await expectCode(a.count(), 'locked');
    const records = await readRecords<StoredRecord>(name);
    expect(records.every((r) => r.profile === b.profile)).to.equal(true);
    expect(records).to.have.length(5);
    const calendar = await readAll<{ profile: string }>(name, 'calendar');
    expect(calendar.length).to.be.greaterThan(0);
    expect(calendar.every((row) => row.profile === b.profile)).to.equal(true);
    expect((await diary.listProfiles()).map((p) => p.name)).to.deep.equal(['B']);
    await expectCode(diary.unlock(a.profile, PASS), 'not-found');
    diary.close();
  });

  it('a tampered or moved ciphertext is reported corrupt, not shown', async () => {
    const name = uniqueName('tamper');
    const diary = await fast(name);
    const store = await diary.createProfile('A', PASS);
    await store.importEntries([
      makeEntry('2026-01-01', 9, { note: 'one' }),
      makeEntry('2026-01-02', 9, { note: 'two' }),
    ]);
    const [one, two] = await readRecords<StoredRecord>(name);
    const flipped = new Uint8Array(one!.ct!);
    flipped[0]! ^= 1;
    // Record one gets a flipped bit; record two is re-dated (its ciphertext bound to the old date).
    await writeRecords(name, [
      { ...one, ct: flipped.buffer },
      { ...two, localDate: '2026-01-05' },
    ]);
    expect(await store.all()).to.deep.equal([]);
    expect((await store.corruptRecords()).map((c) => c.id).sort()).to.deep.equal([one!.id, two!.id].sort());
    diary.close();
  });

  it('exports decrypted and imports into another profile, encrypting again', async () => {
    const diary = await fast(uniqueName('export'));
    const a = await diary.createProfile('A', PASS);
    await a.importEntries(makeDiary(25));
    const b = await diary.createProfile('B', PASS);
    expect((await importJson(b, await exportJson(a))).added).to.equal(25);
    expect(await b.all()).to.deep.equal(await a.all());
    diary.close();
  });

  it('a plain store on the same database is not encrypted and does not see profiles', async () => {
    const name = uniqueName('plain');
    const diary = await fast(name);
    const a = await diary.createProfile('A', PASS);
    await a.add({ label: 'happy' });
    expect(() => diary.plainStore(a.profile)).to.throw(/scope/);
    const plain = diary.plainStore('host-user-1');
    expect(plain.encrypted).to.equal(false);
    await plain.add({ label: 'sad', note: 'visible' });
    expect(await plain.count()).to.equal(1);
    const raw = await readRecords<StoredRecord>(name);
    expect(raw.find((r) => r.profile === 'host-user-1')!.data!.note).to.equal('visible');
    diary.close();
  });
});
