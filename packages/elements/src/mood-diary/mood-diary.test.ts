import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-diary.js';
import type { MoodDiary } from './mood-diary.js';
import { PASSPHRASE_SUGGESTIONS, PASSPHRASE_WARNINGS, openDiary, passphraseStrength } from '@moodiary/store';
import { DEFAULT_STRINGS } from '../internal/i18n.js';
import type { ProfileDirectory } from '@moodiary/store';
import type { MoodCamera } from '../mood-camera/mood-camera.js';
import type { MoodTracker } from '../mood-tracker/mood-tracker.js';
import type { MoodSettings } from '../mood-settings/mood-settings.js';
import type { MoodSignIn } from '../mood-sign-in/mood-sign-in.js';
import {
  FakeDetector,
  FakeStore,
  fakeFace,
  fakeMatcher,
  generateEntries,
} from '../internal/testing/fakes.js';

/** `s` in the diary's shadow root, or in that of the `<mood-sign-in>` or `<mood-settings>` it shows. */
const $ = <T extends HTMLElement = HTMLElement>(el: Element, s: string): T | null => {
  const root = el.shadowRoot!;
  const parts = [...root.querySelectorAll('mood-sign-in, mood-settings')].map((c) => c.shadowRoot!);
  for (const r of [root, ...parts]) {
    const found = r.querySelector<T>(s);
    if (found) return found;
  }
  return null;
};

let n = 0;
/** A real diary from @moodiary/store on its own IndexedDB database, with a fast key derivation. */
async function realDiary(): Promise<ProfileDirectory> {
  return await openDiary({
    name: `elements-test-${Date.now()}-${++n}`,
    kdfIterations: 10_000,
  });
}

function fill(el: MoodDiary, id: string, value: string) {
  const input = $<HTMLInputElement>(el, `#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

async function pngBlob(): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  canvas.getContext('2d')!.fillRect(0, 0, 320, 240);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}

/** Waits for the diary, and the `<mood-sign-in>` or `<mood-settings>` it shows, to render. */
async function settled(el: MoodDiary) {
  await el.updateComplete;
  for (const child of el.shadowRoot!.querySelectorAll<MoodSignIn | MoodSettings>(
    'mood-sign-in, mood-settings',
  ))
    await child.updateComplete;
}

async function signUp(el: MoodDiary, name = '민지', pass = 'correct horse battery') {
  await waitUntil(() => el.screen === 'sign-up', 'sign-up screen');
  fill(el, 'signup-name', name);
  fill(el, 'signup-pass', pass);
  fill(el, 'signup-pass2', pass);
  const unlocked = oneEvent(el, 'mood-profile-unlocked');
  $<HTMLButtonElement>(el, '#signup-submit')!.click();
  return (await unlocked).detail;
}

describe('<mood-diary>', function () {
  this.timeout(60_000);

  it('signs up, saves today’s entry, shows it in the tracker, locks and unlocks with the passphrase', async () => {
    const diary = await realDiary();
    const detector = new FakeDetector([fakeFace('happy')]);
    const el = await fixture<MoodDiary>(
      html`<mood-diary
        lang="en"
        .diary=${diary}
        .detector=${detector}
        .songMatcher=${fakeMatcher}
      ></mood-diary>`,
    );
    await waitUntil(() => el.screen === 'sign-up');
    await expect(el).to.be.accessible();
    const { profile, created } = await signUp(el);
    expect(created).to.equal(true);
    expect(profile.name).to.equal('민지');
    await settled(el);
    expect(el.screen).to.equal('diary');
    expect($(el, '.hello')!.textContent).to.include('민지');

    const camera = $<MoodCamera>(el, '#camera')!;
    await camera.analyzeFile(await pngBlob());
    const saved = oneEvent(el, 'mood-saved');
    await camera.save();
    expect((await saved).detail.persisted).to.equal(true);

    $<HTMLButtonElement>(el, '#tab-tracker')!.click();
    await settled(el);
    const tracker = $<MoodTracker>(el, '#tracker')!;
    await waitUntil(() => tracker.shownEntries.length === 1, 'tracker shows the entry');
    await tracker.updateComplete;
    expect(tracker.shadowRoot!.querySelector('[data-moment=today]')!.textContent).to.include('Happy');

    const events: string[] = [];
    for (const type of ['mood-profile-locked', 'mood-error'])
      el.addEventListener(type, () => events.push(type));
    const locked = oneEvent(el, 'mood-profile-locked');
    $<HTMLButtonElement>(el, '#lock')!.click();
    await locked;
    await waitUntil(() => el.screen === 'log-in');

    // A mistyped passphrase is a normal outcome: said on the form, not an error event.
    fill(el, 'login-pass', 'wrong passphrase');
    $<HTMLButtonElement>(el, '#login-submit')!.click();
    await waitUntil(() => $(el, '#auth-error')?.textContent?.includes('does not open'), 'refusal shown');
    expect(el.screen).to.equal('log-in');
    expect(events, 'one lock, one event; no error event').to.deep.equal(['mood-profile-locked']);

    fill(el, 'login-pass', 'correct horse battery');
    const unlocked = oneEvent(el, 'mood-profile-unlocked');
    $<HTMLButtonElement>(el, '#login-submit')!.click();
    expect((await unlocked).detail.created).to.equal(false);
    el.tab = 'tracker';
    await settled(el);
    const again = $<MoodTracker>(el, '#tracker')!;
    await waitUntil(() => again.shownEntries.length === 1, 'entry still there after unlock');
  });

  it('lets the user pick among several diaries on this device', async () => {
    const diary = await realDiary();
    await diary.createProfile('Ari', 'passphrase-a');
    await diary.createProfile('Bo', 'passphrase-b');
    const el = await fixture<MoodDiary>(
      html`<mood-diary lang="en" .diary=${diary} .store=${null}></mood-diary>`,
    );
    await waitUntil(() => el.screen === 'log-in');
    await expect(el).to.be.accessible();
    const select = $<HTMLSelectElement>(el, '#login-profile')!;
    expect([...select.options].map((o) => o.textContent!.trim()).sort()).to.deep.equal(['Ari', 'Bo']);
    select.value = [...select.options].find((o) => o.textContent!.trim() === 'Bo')!.value;
    select.dispatchEvent(new Event('change'));
    fill(el, 'login-pass', 'passphrase-b');
    const unlocked = oneEvent(el, 'mood-profile-unlocked');
    $<HTMLButtonElement>(el, '#login-submit')!.click();
    expect((await unlocked).detail.profile.name).to.equal('Bo');
  });

  it('keeps the small photo only when the user ticks it, and shows it in the tracker', async () => {
    const diary = await openDiary({
      name: `elements-thumb-${Date.now()}`,
      kdfIterations: 10_000,
      allowThumbnails: true,
    });
    const el = await fixture<MoodDiary>(
      html`<mood-diary
        lang="en"
        allow-thumbnail
        .diary=${diary}
        .detector=${new FakeDetector([fakeFace('happy', { x: 80, y: 60, width: 120, height: 120 })])}
        .songMatcher=${fakeMatcher}
      ></mood-diary>`,
    );
    await signUp(el, 'Thumb', 'passphrase-t');
    await settled(el);
    const camera = $<MoodCamera>(el, '#camera')!;
    await camera.analyzeFile(await pngBlob());
    const keep = camera.shadowRoot!.querySelector<HTMLInputElement>('.check input[type=checkbox]')!;
    expect(keep.checked).to.equal(false); // off unless the user asks
    keep.click();
    await camera.updateComplete;
    const saved = oneEvent(el, 'mood-saved');
    await camera.save();
    const { entry } = (await saved).detail as { entry: { thumbnail?: string } };
    expect(entry.thumbnail).to.match(/^data:image\/jpeg;base64,/);
    el.tab = 'tracker';
    await settled(el);
    const tracker = $<MoodTracker>(el, '#tracker')!;
    await waitUntil(() => tracker.shownEntries.length === 1);
    const today = tracker.shadowRoot!.querySelector<HTMLButtonElement>('[data-moment=today]')!;
    today.click();
    await tracker.updateComplete;
    // Drawn from the stored bytes on a canvas (a data: image would be blocked by a strict policy).
    const thumb = tracker.shadowRoot!.querySelector('dialog canvas.thumb') as HTMLCanvasElement;
    await waitUntil(() => thumb.width === 96, 'thumbnail drawn');
    const { data } = thumb.getContext('2d')!.getImageData(0, 0, 96, 96);
    expect(data.every((v, i) => i % 4 !== 3 || v === 255)).to.equal(true); // painted (a JPEG is opaque)
  });

  it('refuses mismatched passphrases before creating anything', async () => {
    const diary = await realDiary();
    const el = await fixture<MoodDiary>(html`<mood-diary lang="en" .diary=${diary}></mood-diary>`);
    await waitUntil(() => el.screen === 'sign-up');
    fill(el, 'signup-name', 'A');
    fill(el, 'signup-pass', 'aaaaaaaa1');
    fill(el, 'signup-pass2', 'aaaaaaaa2');
    $<HTMLButtonElement>(el, '#signup-submit')!.click();
    await settled(el);
    expect($(el, '#auth-error')!.textContent).to.include('do not match');
    expect(await diary.listProfiles()).to.have.length(0);
  });

  it('refuses a guessable passphrase at sign-up, says why in Korean as it is typed, and keeps what was typed', async () => {
    const diary = await realDiary();
    const el = await fixture<MoodDiary>(html`<mood-diary lang="ko" .diary=${diary}></mood-diary>`);
    await waitUntil(() => el.screen === 'sign-up', 'sign-up screen');
    const ko = DEFAULT_STRINGS.ko;
    // 8 characters: the old length-only rule took it.
    const weak = 'qwer1234';
    const expected = await passphraseStrength(weak, ['민지']);
    expect(expected.acceptable).to.equal(false);
    fill(el, 'signup-name', '민지');
    fill(el, 'signup-pass', weak);
    fill(el, 'signup-pass2', weak);
    const line = () => $(el, '#signup-pass-strength')!.textContent!.replace(/\s+/g, ' ');
    // The first estimate loads the dictionaries.
    await waitUntil(() => line().includes('강도'), 'the strength line appears as the user types', {
      timeout: 10_000,
    });
    expect(line()).to.include(ko[`strength.${expected.score}`]);
    expect(line()).to.include(ko[`passphrase.warning.${expected.warning!}`]);
    expect(line(), 'no English feedback in a Korean UI').not.to.match(/[A-Za-z]{3,}/);
    expect($(el, '#signup-pass')!.getAttribute('aria-describedby')).to.include('signup-pass-strength');
    await expect(el).to.be.accessible();

    const failed = oneEvent(el, 'mood-error');
    $<HTMLButtonElement>(el, '#signup-submit')!.click();
    expect((await failed).detail.code).to.equal('profile-failed');
    await settled(el);
    const error = $(el, '#auth-error')!.textContent!;
    expect(error).to.include(ko.weakPassphrase);
    expect(error).to.include(ko[`passphrase.warning.${expected.warning!}`]);
    expect(await diary.listProfiles()).to.deep.equal([]);
    expect(el.screen).to.equal('sign-up');
    expect($<HTMLInputElement>(el, '#signup-name')!.value).to.equal('민지');
    expect($<HTMLInputElement>(el, '#signup-pass')!.value).to.equal(weak);

    fill(el, 'signup-pass', '봄날의 곰 세 마리 산책');
    fill(el, 'signup-pass2', '봄날의 곰 세 마리 산책');
    await settled(el);
    expect($(el, '#auth-error') === null, 'the refusal goes once the passphrase changes').to.equal(true);
    await waitUntil(() => line().includes(ko['strength.4']), 'a strong passphrase reads strong', {
      timeout: 10_000,
    });
    const unlocked = oneEvent(el, 'mood-profile-unlocked');
    $<HTMLButtonElement>(el, '#signup-submit')!.click();
    expect((await unlocked).detail.created).to.equal(true);
  });

  it('refuses a guessable backup passphrase with the reason and keeps it in the field', async () => {
    const diary = await realDiary();
    const el = await fixture<MoodDiary>(html`<mood-diary lang="en" .diary=${diary}></mood-diary>`);
    await signUp(el, 'Bo', 'passphrase-1');
    el.tab = 'settings';
    await settled(el);
    fill(el, 'backup-pass', 'iloveyou123');
    await waitUntil(() => $(el, '#backup-pass-strength')!.textContent!.includes('Strength'), 'meter', {
      timeout: 10_000,
    });
    const failed = oneEvent(el, 'mood-error');
    $<HTMLButtonElement>(el, '#export-backup')!.click();
    expect((await failed).detail.code).to.equal('export-failed');
    await settled(el);
    const notice = $(el, '#settings-notice')!.textContent!;
    expect(notice).to.include(DEFAULT_STRINGS.en.weakPassphrase);
    expect(notice).to.include(DEFAULT_STRINGS.en['passphrase.warning.similarToCommon']);
    expect($<HTMLInputElement>(el, '#backup-pass')!.value).to.equal('iloveyou123');
  });

  it('has words in both languages for every reason the store can give', () => {
    const keys = [
      ...PASSPHRASE_WARNINGS.map((w) => `passphrase.warning.${w}`),
      ...PASSPHRASE_SUGGESTIONS.map((s) => `passphrase.suggestion.${s}`),
      ...[0, 1, 2, 3, 4].map((score) => `strength.${score}`),
    ];
    for (const lang of ['en', 'ko'] as const)
      expect(
        keys.filter((key) => !(key in DEFAULT_STRINGS[lang])),
        lang,
      ).to.deep.equal([]);
  });

  it('changes the passphrase in Korean: a wrong current one or a mismatch keeps what was typed; then only the new one opens the diary', async () => {
    const diary = await realDiary();
    const el = await fixture<MoodDiary>(html`<mood-diary lang="ko" .diary=${diary}></mood-diary>`);
    const { store } = await signUp(el, '민지', 'correct horse battery');
    const entries = generateEntries(5, '2026-11-24').map(({ id: _id, ...e }) => e);
    for (const e of entries) await store.add(e as never);
    el.tab = 'settings';
    await settled(el);
    const ko = DEFAULT_STRINGS.ko;
    expect($(el, '#passphrase-title')!.textContent).to.equal(ko.changePassphraseTitle);
    const events: string[] = [];
    el.addEventListener('mood-error', (e) => events.push(e.detail.code));
    const submit = async () => {
      $<HTMLButtonElement>(el, '#passphrase-submit')!.click();
      await settled(el);
      // (the new passphrase's strength is checked first: its dictionaries load on first use)
      await waitUntil(
        () => $(el, '#passphrase-notice') && !$<HTMLButtonElement>(el, '#passphrase-submit')!.disabled,
        'an outcome is said',
        { timeout: 20_000 },
      );
      return $(el, '#passphrase-notice')!.textContent!.trim();
    };
    const typed = () =>
      ['current-pass', 'new-pass', 'new-pass-again'].map((id) => $<HTMLInputElement>(el, `#${id}`)!.value);

    fill(el, 'current-pass', 'not my passphrase');
    fill(el, 'new-pass', 'a new quiet morning 77');
    fill(el, 'new-pass-again', 'a new quiet morning 77');
    expect(await submit()).to.equal(ko.wrongPassphrase);
    expect($(el, '#passphrase-notice')!.getAttribute('role')).to.equal('alert');
    expect(typed(), 'nothing typed is lost').to.deep.equal([
      'not my passphrase',
      'a new quiet morning 77',
      'a new quiet morning 77',
    ]);

    fill(el, 'current-pass', 'correct horse battery');
    fill(el, 'new-pass-again', 'a new quiet morning 78');
    expect(await submit()).to.equal(ko.passphraseMismatch);

    fill(el, 'new-pass-again', 'a new quiet morning 77');
    expect(await submit()).to.equal(ko.passphraseChanged);
    expect(typed(), 'the form is cleared once it worked').to.deep.equal(['', '', '']);
    expect(events, 'refusals are said on the form, not error events').to.deep.equal([]);
    expect(el.screen, 'the diary stays open').to.equal('diary');

    const locked = oneEvent(el, 'mood-profile-locked');
    el.lock();
    await locked;
    await waitUntil(() => el.screen === 'log-in');
    fill(el, 'login-pass', 'correct horse battery');
    $<HTMLButtonElement>(el, '#login-submit')!.click();
    await waitUntil(
      () => $(el, '#auth-error')?.textContent === ko.wrongPassphrase,
      'the old one no longer opens it',
    );
    fill(el, 'login-pass', 'a new quiet morning 77');
    const unlocked = oneEvent(el, 'mood-profile-unlocked');
    $<HTMLButtonElement>(el, '#login-submit')!.click();
    const { store: reopened } = (await unlocked).detail;
    expect((await reopened.all()).length, 'the entries are as they were').to.equal(entries.length);
  });

  it('exports JSON and CSV, imports back (skipping duplicates), and deletes everything with the passphrase', async () => {
    const diary = await realDiary();
    const el = await fixture<MoodDiary>(html`<mood-diary lang="en" .diary=${diary}></mood-diary>`);
    const { store } = await signUp(el, 'Sam', 'passphrase-1');
    const entries = generateEntries(10, '2026-11-24').map(({ id: _id, ...e }) => e);
    for (const e of entries) await store.add(e as never);
    el.tab = 'settings';
    await settled(el);
    await expect(el).to.be.accessible();
    const json = await el.exportEntries('json');
    const parsed = JSON.parse(json);
    expect(parsed.format).to.equal('moodiary-diary');
    expect(parsed.entries).to.have.length(entries.length);
    const csv = await el.exportEntries('csv');
    expect(csv.charCodeAt(0)).to.equal(0xfeff);
    expect(csv.slice(1).split(/\r?\n/)[0]).to.match(/^id,local_date,created_at,/);
    expect(csv).to.include('label_ko');
    await el.importFile(new Blob([json], { type: 'application/json' }));
    await settled(el);
    expect($(el, '#settings-notice')!.textContent).to.include(`0 entries (${entries.length} already there)`);
    // The CSV round-trips too, and a broken file changes nothing and names the problem.
    await el.importFile(new Blob([csv], { type: 'text/csv' }));
    await settled(el);
    expect($(el, '#settings-notice')!.textContent).to.include(`(${entries.length} already there)`);
    const failed = oneEvent(el, 'mood-error');
    await el.importFile(new Blob(['{"format":"moodiary-diary","version":1,"entries":[{"id":1}]}']));
    expect((await failed).detail.code).to.equal('import-failed');

    // A mistyped passphrase deletes nothing and is said in the settings, not raised as an error.
    const events: { type: string; detail: unknown }[] = [];
    for (const type of ['mood-profile-locked', 'mood-error'] as const)
      el.addEventListener(type, (e) => events.push({ type, detail: e.detail }));
    $<HTMLButtonElement>(el, '#delete-all')!.click();
    await settled(el);
    fill(el, 'delete-pass', 'not-my-passphrase');
    $<HTMLButtonElement>(el, '#delete-confirm')!.click();
    await waitUntil(() => $(el, '#settings-notice')?.textContent?.includes('does not open'), 'refusal shown');
    expect(await diary.listProfiles()).to.have.length(1);
    expect(events).to.deep.equal([]);

    fill(el, 'delete-pass', 'passphrase-1');
    $<HTMLButtonElement>(el, '#delete-confirm')!.click();
    await waitUntil(() => el.screen === 'sign-up');
    await settled(el);
    expect(await diary.listProfiles()).to.have.length(0);
    // The store locks itself when its profile is deleted: still one event for one lock.
    expect(events).to.deep.equal([
      { type: 'mood-profile-locked', detail: { profileId: store.profile, deleted: true } },
    ]);
    expect($(el, '#sign-in-notice')!.textContent).to.include('deleted');
  });

  it('announces one lock when the store locks by itself, and none for a host’s own store', async () => {
    const diary = await realDiary();
    const el = await fixture<MoodDiary>(html`<mood-diary lang="en" .diary=${diary}></mood-diary>`);
    const { profile } = await signUp(el, 'Ari', 'passphrase-a');
    const locked: unknown[] = [];
    el.addEventListener('mood-profile-locked', (e) => locked.push(e.detail));
    // Another part of the page (or the store's auto-lock) locks it: the diary follows, once.
    diary.lock(profile.id);
    await waitUntil(() => el.screen === 'log-in', 'back to log-in');
    await new Promise((r) => setTimeout(r, 50));
    expect(locked).to.deep.equal([{ profileId: profile.id, deleted: false }]);

    const host = await fixture<MoodDiary>(
      html`<mood-diary lang="en" .store=${new FakeStore()}></mood-diary>`,
    );
    host.addEventListener('mood-profile-locked', (e) => locked.push(e.detail));
    host.lock();
    await host.updateComplete;
    expect(host.screen, 'the host’s store is the host’s to lock').to.equal('diary');
    expect(locked).to.have.length(1);
  });

  it('downloads an encrypted backup and imports it back only with its passphrase', async () => {
    const diary = await realDiary();
    const el = await fixture<MoodDiary>(html`<mood-diary lang="en" .diary=${diary}></mood-diary>`);
    const { store } = await signUp(el, 'Bo', 'passphrase-1');
    const entries = generateEntries(4, '2026-11-24').map(({ id: _id, ...e }) => e);
    for (const e of entries) await store.add({ ...e, note: '비밀 노트' } as never);
    el.tab = 'settings';
    await settled(el);

    // through the form, then through the method (which also returns the file's text)
    fill(el, 'backup-pass', 'backup-pass-1');
    $<HTMLButtonElement>(el, '#export-backup')!.click();
    await waitUntil(() => $(el, '#settings-notice')?.textContent?.includes('downloaded'), '', {
      timeout: 10_000,
    });
    expect($<HTMLInputElement>(el, '#backup-pass')!.value).to.equal('');
    const backup = await el.exportBackup('backup-pass-1');
    const doc = JSON.parse(backup);
    expect(doc.format).to.equal('moodiary-diary-encrypted');
    expect(backup).not.to.include('비밀');
    expect(await el.exportBackup('short')).to.equal('');

    // importing asks for the passphrase; a wrong one changes nothing, the right one skips duplicates
    await el.importFile(new Blob([backup], { type: 'application/json' }));
    await settled(el);
    expect($(el, '#settings-notice')!.textContent).to.include('encrypted backup');
    await expect(el).to.be.accessible();
    // The backup waits for its passphrase across a tab switch; the methods work from any tab.
    el.tab = 'tracker';
    await settled(el);
    expect(JSON.parse(await el.exportEntries('json')).entries).to.have.length(entries.length);
    el.tab = 'settings';
    await settled(el);
    expect($(el, '#backup-import-form')).to.exist;
    fill(el, 'backup-import-pass', 'wrong-pass-9');
    $<HTMLButtonElement>(el, '#backup-import-submit')!.click();
    await waitUntil(() => $(el, '#settings-notice')?.textContent?.includes('does not open'), '', {
      timeout: 10_000,
    });
    expect($(el, '#backup-import-form')).to.exist;
    fill(el, 'backup-import-pass', 'backup-pass-1');
    $<HTMLButtonElement>(el, '#backup-import-submit')!.click();
    await waitUntil(() => $(el, '#settings-notice')?.textContent?.includes('already there'), '', {
      timeout: 10_000,
    });
    expect($(el, '#settings-notice')!.textContent).to.include(`0 entries (${entries.length} already there)`);
    expect($(el, '#backup-import-form')).to.equal(null);
  });

  it('skips sign-in when the host gives an open store', async () => {
    const store = new FakeStore(generateEntries(5));
    const el = await fixture<MoodDiary>(
      html`<mood-diary
        lang="ko"
        .store=${store}
        .detector=${new FakeDetector()}
        .songMatcher=${fakeMatcher}
      ></mood-diary>`,
    );
    expect(el.screen).to.equal('diary');
    expect($(el, '#tab-today')!.textContent).to.include('오늘');
    expect($(el, '#lock')).to.equal(null);
  });

  it('opens the entry form on a day the tracker asks to write for', async () => {
    const store = new FakeStore(generateEntries(5));
    const el = await fixture<MoodDiary>(
      html`<mood-diary
        lang="en"
        tab="tracker"
        .store=${store}
        .detector=${new FakeDetector()}
        .songMatcher=${fakeMatcher}
      ></mood-diary>`,
    );
    const tracker = el.shadowRoot!.querySelector<MoodTracker>('mood-tracker')!;
    await tracker.updateComplete;
    const day = '2020-02-03'; // no entry that day
    tracker.openDay(day);
    await tracker.updateComplete;
    const write = () => tracker.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=write-day]');
    await waitUntil(write, 'write for this day');
    write()!.click();
    await waitUntil(() => el.tab === 'today', 'Today');
    await el.updateComplete;
    const camera = el.shadowRoot!.querySelector<MoodCamera>('mood-camera')!;
    await waitUntil(() => camera.state === 'manual', 'the entry form');
    await camera.updateComplete;
    const form = camera.shadowRoot!.querySelector('mood-entry-form')!;
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('[part=date]')!.value).to.equal(day);
  });

  it('tells the user when another tab upgrades the diary', async () => {
    const store = new FakeStore();
    const el = await fixture<MoodDiary>(
      html`<mood-diary lang="en" .store=${store} .detector=${new FakeDetector()}></mood-diary>`,
    );
    for (const listener of store.listeners) listener({ type: 'versionchange' });
    await settled(el);
    expect($(el, '#store-notice')!.textContent).to.include('Reload this page');
    expect($(el, '#store-notice')!.getAttribute('role')).to.equal('alert');
  });

  it('changes language from the settings', async () => {
    const el = await fixture<MoodDiary>(html`<mood-diary lang="en" .store=${new FakeStore()}></mood-diary>`);
    el.tab = 'settings';
    await settled(el);
    const changed = oneEvent(el, 'mood-lang-change');
    const select = $<HTMLSelectElement>(el, '#settings-lang')!;
    select.value = 'ko';
    select.dispatchEvent(new Event('change'));
    expect((await changed).detail.lang).to.equal('ko');
    await settled(el);
    expect($(el, '#tab-settings')!.textContent).to.include('설정');
  });

  it('moves between tabs with the arrow keys', async () => {
    const el = await fixture<MoodDiary>(
      html`<mood-diary lang="en" .store=${new FakeStore()} .detector=${new FakeDetector()}></mood-diary>`,
    );
    $(el, '#tab-today')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }),
    );
    await settled(el);
    expect(el.tab).to.equal('tracker');
    expect($(el, '#tab-tracker')!.getAttribute('aria-selected')).to.equal('true');
  });
});
