import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStoreError } from './errors.js';
import { openDiary } from './profiles.js';
import { checkNewPassphrase, passphraseStrength } from './passphrase.js';

// Real zxcvbn-ts dictionaries; passphrases an attacker's word lists hold, and ones they do not.
const GUESSABLE = ['password1', 'qwer1234', '1q2w3e4r5t', 'iloveyou123', 'Passw0rd!', 'sunshine1'];
const STRONG = ['gray ocean kite 47', '봄날의 곰 correct horse', '비밀번호는 한글로 써요'];

async function weakError(promise: Promise<unknown>) {
  let error: unknown;
  await assert.rejects(promise, (e: unknown) => ((error = e), isStoreError(e, 'weak-passphrase')));
  return error as { message: string; details: Record<string, unknown> };
}

test('common passwords of 8+ characters are weak, and say why', async () => {
  for (const pass of GUESSABLE) {
    const s = await passphraseStrength(pass);
    assert.ok(s.score < 3 && !s.acceptable, `${pass}: score ${s.score}`);
    assert.ok([...pass].length >= 8, 'the old length rule let it through');
  }
  const common = await passphraseStrength('password1');
  assert.equal(common.score, 0);
  assert.ok(['common', 'similarToCommon'].includes(String(common.warning)), String(common.warning));
  const row = await passphraseStrength('qwertyuiop');
  assert.equal(row.warning, 'topHundred');
  const short = await passphraseStrength('x7#');
  assert.equal(short.warning, 'tooShort');
  assert.equal(short.acceptable, false);
});

test('long passphrases of uncommon words pass, in Hangul too, in any normalisation form', async () => {
  for (const pass of STRONG) {
    const s = await passphraseStrength(pass);
    assert.ok(s.acceptable && s.score >= 3, `${pass}: score ${s.score}`);
    assert.equal(s.warning, null);
    assert.deepEqual(await passphraseStrength(pass.normalize('NFD')), s);
  }
  assert.ok((await passphraseStrength('gray ocean kite 47')).guessesLog10 > 10);
});

test("the user's own name and the app's name make a passphrase weaker", async () => {
  const plain = await passphraseStrength('mina2026!');
  const named = await passphraseStrength('mina2026!', ['Mina']);
  assert.ok(plain.acceptable, 'accepted when nothing is known about the user');
  assert.ok(named.guessesLog10 < plain.guessesLog10 - 0.5 && !named.acceptable);
  const app = await passphraseStrength('moodiary2026');
  assert.ok(!app.acceptable, `score ${app.score}`);
  assert.equal(app.warning, 'userInputs');
});

test('a Korean name counts in the Latin letters it may be typed in, given name alone too', async () => {
  for (const [pass, name] of [
    ['minji2026!', '민지'], // romanised
    ['alswl2026!', '민지'], // typed with the keyboard in English mode
    ['seoyeon0303', '김서연'], // the given name without the surname
  ]) {
    const plain = await passphraseStrength(pass);
    const named = await passphraseStrength(pass, [name]);
    assert.ok(plain.acceptable, `${pass} alone: score ${plain.score}`);
    assert.ok(!named.acceptable, `${pass} for ${name}: score ${named.score}`);
  }
  assert.ok(!(await passphraseStrength('ilgijang2026')).acceptable, "the app's own words, romanised");
});

test('checkNewPassphrase throws weak-passphrase with the reason; the rule can be set', async () => {
  const error = await weakError(checkNewPassphrase('iloveyou123'));
  assert.equal(error.details.warning, 'similarToCommon');
  assert.deepEqual(error.details.suggestions, ['anotherWord']);
  assert.equal(error.details.minPassphraseScore, 3);
  assert.ok(Array.isArray(error.details.suggestions));
  assert.equal((await weakError(checkNewPassphrase('short'))).details.warning, 'tooShort');
  assert.equal((await weakError(checkNewPassphrase(42))).details.warning, 'tooShort');
  assert.equal(await checkNewPassphrase('password1', [], { minPassphraseScore: 0 }), 'password1');
  await weakError(checkNewPassphrase('mina2026!', [], { minPassphraseScore: 4 }));
  await assert.rejects(checkNewPassphrase(STRONG[0], [], { minPassphraseScore: 5 }), (e: unknown) =>
    isStoreError(e, 'invalid-query'),
  );
});

test('a diary refuses guessable passphrases when setting one, never when opening one', async () => {
  const diary = await openDiary({ kdfIterations: 10_000, persist: false, fallback: 'memory' });
  for (const pass of GUESSABLE) await weakError(diary.createProfile('Mina', pass));
  await weakError(diary.createProfile('Mina', 'mina2026!'));
  assert.deepEqual(await diary.listProfiles(), []);
  const store = await diary.createProfile('Mina', STRONG[0]);
  await weakError(diary.changePassphrase(store.profile, STRONG[0], 'password1'));
  assert.equal((await diary.unlock(store.profile, STRONG[0])).profile, store.profile);
  diary.close();

  // A profile made under a looser rule (as every profile before this one was) still opens.
  const loose = await openDiary({ kdfIterations: 10_000, minPassphraseScore: 0, fallback: 'memory' });
  const old = await loose.createProfile('Bo', 'password1');
  await old.add({ label: 'happy' });
  old.lock();
  const again = await loose.unlock(old.profile, 'password1');
  assert.equal(await again.count(), 1);
  loose.close();
});
