import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-sign-in.js';
import type { MoodSignIn } from './mood-sign-in.js';
import { openDiary } from '@moodiary/store';
import { DEFAULT_STRINGS } from '../internal/i18n.js';
import type { ProfileDirectory } from '@moodiary/store';

const $ = <T extends HTMLElement = HTMLElement>(el: Element, s: string) =>
  el.shadowRoot!.querySelector(s) as T | null;

let n = 0;
/** A real diary from @moodiary/store on its own IndexedDB database, with a fast key derivation. */
async function realDiary(): Promise<ProfileDirectory> {
  return await openDiary({
    name: `sign-in-test-${Date.now()}-${++n}`,
    kdfIterations: 10_000,
  });
}

function fill(el: MoodSignIn, id: string, value: string) {
  const input = $<HTMLInputElement>(el, `#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

/** Every `mood-error` the element raises. */
function errorsOf(el: MoodSignIn) {
  const codes: string[] = [];
  el.addEventListener('mood-error', (e) => codes.push(e.detail.code));
  return codes;
}

describe('<mood-sign-in>', function () {
  this.timeout(30_000);

  for (const lang of ['ko', 'en'] as const) {
    it(`speaks ${lang} on both forms and passes axe`, async () => {
      const s = DEFAULT_STRINGS[lang];
      const el = await fixture<MoodSignIn>(
        html`<mood-sign-in lang=${lang} .diary=${await realDiary()}></mood-sign-in>`,
      );
      expect($(el, '#signup-title')!.textContent).to.equal(s.signUp);
      expect($(el, 'label[for=signup-pass]')!.textContent).to.equal(s.passphrase);
      expect($(el, '#signup-pass-hint')!.textContent).to.equal(s.passphraseHint);
      await expect(el).to.be.accessible();
      el.profiles = [
        { id: 'a', name: '민지', createdAt: '2026-11-01T00:00:00.000Z' },
        { id: 'b', name: 'Sam', createdAt: '2026-11-02T00:00:00.000Z' },
      ];
      el.mode = 'log-in';
      await el.updateComplete;
      expect($(el, '#login-title')!.textContent).to.equal(s.logIn);
      expect($(el, 'label[for=login-profile]')!.textContent).to.equal(s.chooseProfile);
      expect($(el, '#login-submit')!.textContent!.trim()).to.equal(s.logIn);
      await expect(el).to.be.accessible();
    });
  }

  it('creates a profile and hands over its open store', async () => {
    const diary = await realDiary();
    const el = await fixture<MoodSignIn>(html`<mood-sign-in lang="en" .diary=${diary}></mood-sign-in>`);
    const errors = errorsOf(el);
    fill(el, 'signup-name', 'Ari');
    fill(el, 'signup-pass', 'a long passphrase 7');
    fill(el, 'signup-pass2', 'a long passphrase 8');
    $<HTMLButtonElement>(el, '#signup-submit')!.click();
    await el.updateComplete;
    expect($(el, '#auth-error')!.textContent).to.equal(DEFAULT_STRINGS.en.passphraseMismatch);
    expect(await diary.listProfiles()).to.deep.equal([]);

    fill(el, 'signup-pass2', 'a long passphrase 7');
    const unlocked = oneEvent(el, 'mood-profile-unlocked');
    $<HTMLButtonElement>(el, '#signup-submit')!.click();
    const { profile, created, store } = (await unlocked).detail;
    expect(created).to.equal(true);
    expect(profile.name).to.equal('Ari');
    expect(profile.id).to.equal((await diary.listProfiles())[0]!.id);
    const entry = await store.add({ label: 'happy' } as never);
    expect((await store.all()).map((e: { id: string }) => e.id)).to.deep.equal([entry.id]);
    expect(errors).to.deep.equal([]);
  });

  for (const lang of ['en', 'ko'] as const) {
    it(`says a wrong passphrase on the form (${lang}) and raises no mood-error; the right one opens`, async () => {
      const diary = await realDiary();
      await diary.createProfile('Ari', 'passphrase-a');
      const bo = await diary.createProfile('Bo', 'passphrase-b');
      const el = await fixture<MoodSignIn>(
        html`<mood-sign-in
          lang=${lang}
          mode="log-in"
          .diary=${diary}
          .profiles=${await diary.listProfiles()}
        ></mood-sign-in>`,
      );
      const errors = errorsOf(el);
      const select = $<HTMLSelectElement>(el, '#login-profile')!;
      select.value = bo.profile!;
      select.dispatchEvent(new Event('change'));
      fill(el, 'login-pass', 'passphrase-a');
      $<HTMLButtonElement>(el, '#login-submit')!.click();
      await waitUntil(() => $(el, '#auth-error'), 'refusal shown');
      expect($(el, '#auth-error')!.textContent).to.equal(DEFAULT_STRINGS[lang].wrongPassphrase);
      expect($(el, '#auth-error')!.getAttribute('role')).to.equal('alert');
      expect($<HTMLButtonElement>(el, '#login-submit')!.disabled, 'ready for another try').to.equal(false);
      expect(errors, 'a mistyped passphrase is not an error event').to.deep.equal([]);
      await expect(el).to.be.accessible();

      fill(el, 'login-pass', 'passphrase-b');
      const unlocked = oneEvent(el, 'mood-profile-unlocked');
      $<HTMLButtonElement>(el, '#login-submit')!.click();
      const { profile, created } = (await unlocked).detail;
      expect({ profile, created }).to.deep.equal({ profile: { id: bo.profile, name: 'Bo' }, created: false });
      expect(errors).to.deep.equal([]);
    });
  }

  it('raises mood-error for a failure that is not a mistyped passphrase, and stays usable', async () => {
    const broken: ProfileDirectory = {
      listProfiles: async () => [],
      createProfile: async () => Promise.reject(new Error('disk full')),
      unlock: async () => Promise.reject(new Error('disk full')),
      lock: () => undefined,
      deleteProfile: async () => undefined,
    };
    const el = await fixture<MoodSignIn>(
      html`<mood-sign-in
        lang="en"
        mode="log-in"
        .diary=${broken}
        .profiles=${[{ id: 'a', name: 'Ari' }]}
      ></mood-sign-in>`,
    );
    fill(el, 'login-pass', 'whatever-1');
    const failed = oneEvent(el, 'mood-error');
    $<HTMLButtonElement>(el, '#login-submit')!.click();
    const { detail } = await failed;
    expect(detail.code).to.equal('profile-failed');
    await el.updateComplete;
    expect($(el, '#auth-error')!.textContent).to.include('disk full');
    expect($<HTMLButtonElement>(el, '#login-submit')!.disabled).to.equal(false);
  });

  it('switches between the forms, says so, and shows a notice it is given', async () => {
    const el = await fixture<MoodSignIn>(
      html`<mood-sign-in
        lang="en"
        notice="The diary was deleted."
        .diary=${await realDiary()}
        .profiles=${[{ id: 'a', name: 'Ari' }]}
      ></mood-sign-in>`,
    );
    expect($(el, '#sign-in-notice')!.textContent).to.equal('The diary was deleted.');
    expect($(el, '#sign-in-notice')!.getAttribute('role')).to.equal('status');
    const switched = oneEvent(el, 'mood-sign-in-mode');
    $<HTMLButtonElement>(el, '#sign-up button.link')!.click();
    expect((await switched).detail.mode).to.equal('log-in');
    await el.updateComplete;
    expect(el.getAttribute('mode')).to.equal('log-in');
    expect($(el, '.profile-name')!.textContent).to.include('Ari');
    expect($<HTMLInputElement>(el, 'input[name=profile]')!.value).to.equal('a');
  });
});
