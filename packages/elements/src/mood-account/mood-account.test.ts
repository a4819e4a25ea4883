// `<mood-diary server>` and `<mood-account>` against a real sync server on PGlite (started by
// the test runner: `sync-server` in web-test-runner.config.mjs) with real IndexedDB diaries.
// The first test runs before anything imports the sync code: without `server` none of it loads.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../define/mood-diary.js';
import { openDiary, type Diary, type ProfileStore } from '@moodiary/store';
import type { MoodDiary } from '../mood-diary/mood-diary.js';
import type { MoodAccount } from './mood-account.js';
import type { ProfileDirectory } from '@moodiary/store';
import type { MoodErrorEvent } from '../internal/events.js';

/** The test runner's sync server; a command answers within 20 s, and the first start may take longer. */
async function syncServer(): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return ((await executeServerCommand('sync-server')) as { url: string }).url;
    } catch (error) {
      if (attempt === 4) throw error;
    }
  }
}

const PASS = '봄날의 곰 correct horse';
let n = 0;
const diaries: Diary[] = [];
async function realDiary(): Promise<Diary> {
  const diary = await openDiary({ name: `account-test-${Date.now()}-${++n}`, kdfIterations: 10_000 });
  diaries.push(diary);
  return diary;
}

/** The `<mood-account>` a diary shows, once rendered. */
async function account(el: MoodDiary): Promise<MoodAccount> {
  await waitUntil(() => el.shadowRoot!.querySelector('mood-account')?.shadowRoot, 'no <mood-account>');
  const a = el.shadowRoot!.querySelector<MoodAccount>('mood-account')!;
  await a.updateComplete;
  return a;
}

const $ = <T extends Element = HTMLElement>(root: Element, s: string) => root.shadowRoot!.querySelector<T>(s);

function fill(a: MoodAccount, values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) {
    const input = $<HTMLInputElement>(a, `#${id}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }
}

const loadedSync = () =>
  performance.getEntriesByType('resource').filter((e) => /\/store\/(src|dist)\/sync\//.test(e.name));

describe('<mood-diary server>', function () {
  this.timeout(120_000);
  let server = '';

  after(() => {
    for (const d of diaries) d.close();
  });

  it('without `server`: today’s sign-in, and no sync code loaded', async () => {
    const el = await fixture<MoodDiary>(
      html`<mood-diary .diary=${(await realDiary()) as unknown as ProfileDirectory}></mood-diary>`,
    );
    await waitUntil(() => el.screen === 'sign-up', 'no sign-up screen');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('mood-sign-in')).to.exist;
    expect(el.shadowRoot!.querySelector('mood-account')).to.equal(null);
    expect(customElements.get('mood-account')).to.equal(undefined);
    expect(loadedSync()).to.deep.equal([]);
    server = await syncServer();
  });

  it('creates an account, syncs live, lists devices, logs out everywhere', async () => {
    const username = `u${crypto.randomUUID().slice(0, 10)}`;
    const statuses: string[] = [];
    const el = await fixture<MoodDiary>(
      html`<mood-diary
        lang="en"
        server=${server}
        .diary=${(await realDiary()) as unknown as ProfileDirectory}
        @mood-sync-status=${(e: CustomEvent<{ status: { state: string } }>) => statuses.push(e.detail.status.state)}
      ></mood-diary>`,
    );
    await waitUntil(() => el.screen === 'sign-up', 'no sign-up screen');
    const form = await account(el);
    expect($(form, 'h2')!.textContent).to.equal('Create an account');
    await expect(form).to.be.accessible();
    fill(form, { 'account-username': username, 'account-pass': PASS, 'account-pass2': PASS });
    const unlocked = oneEvent(el, 'mood-profile-unlocked');
    $<HTMLButtonElement>(form, '#account-submit')!.click();
    const { detail } = await unlocked;
    const store = detail.store as unknown as ProfileStore;
    await waitUntil(() => el.screen === 'diary', 'the diary did not open');
    await waitUntil(() => $(el, '#sync-status')?.getAttribute('data-state') === 'idle', 'not synced', {
      timeout: 20_000,
    });
    expect($(el, '#sync-status')!.textContent!.trim()).to.equal('Synced');
    expect(statuses).to.include('syncing');
    expect(loadedSync().length).to.be.greaterThan(0);

    // an entry written here reaches a second device that logs in to the account
    const entry = await store.add({ label: 'happy', note: 'written on the first device' });
    await waitUntil(
      () => el.shadowRoot!.querySelector('#sync-status')?.getAttribute('data-state') === 'idle',
    );
    const { logIn } = await import('@moodiary/store/sync');
    await waitUntil(
      async () => {
        // the push may still be on its way: log in once it is there
        const probe = await realDiary();
        const other = await logIn(probe, {
          server,
          username,
          passphrase: PASS,
          deviceLabel: 'second device',
        });
        other.close();
        return (await other.store.get(entry.id))?.note === 'written on the first device';
      },
      'the entry never reached the second device',
      { timeout: 20_000 },
    );

    // Settings: the account, its devices, log out everywhere
    el.tab = 'settings';
    const panel = await account(el);
    await waitUntil(() => $(panel, '#devices'), 'no device list');
    expect($(panel, '#devices')!.textContent).to.contain('second device');
    expect($(panel, '#devices')!.textContent).to.contain('this device');
    await expect(panel).to.be.accessible();
    const ended = oneEvent(el, 'mood-account-ended');
    $<HTMLButtonElement>(panel, '#log-out-everywhere')!.click();
    expect((await ended).detail.reason).to.equal('logged-out-everywhere');
    await el.updateComplete;
    expect($(el, '#account-notice')!.textContent).to.contain('Logged out on every device');
    expect($(el, '#sync-status')).to.equal(null);
    expect(el.screen).to.equal('diary', 'the diary stays open here');
    expect((await store.get(entry.id))?.note).to.equal('written on the first device');
  });

  it('logs in on a new device (Korean), and says a wrong passphrase on the form without an error event', async () => {
    const username = `u${crypto.randomUUID().slice(0, 10)}`;
    const { signUp } = await import('@moodiary/store/sync');
    const first = await signUp(await realDiary(), { server, username, passphrase: PASS });
    const entry = await first.store.add({ label: 'sad', note: '첫 기기에서 쓴 글' });
    await first.syncNow();
    first.close();

    const errors: MoodErrorEvent[] = [];
    const el = await fixture<MoodDiary>(
      html`<mood-diary
        lang="ko"
        server=${server}
        .diary=${(await realDiary()) as unknown as ProfileDirectory}
        @mood-error=${(e: MoodErrorEvent) => errors.push(e)}
      ></mood-diary>`,
    );
    await waitUntil(() => el.screen === 'sign-up', 'no sign-up screen');
    const form = await account(el);
    expect($(form, 'h2')!.textContent).to.equal('계정 만들기');
    $<HTMLButtonElement>(form, '#account-switch')!.click();
    await form.updateComplete;
    expect($(form, 'h2')!.textContent).to.equal('계정으로 로그인');
    fill(form, { 'account-username': username, 'account-pass': 'not the passphrase' });
    $<HTMLButtonElement>(form, '#account-submit')!.click();
    await waitUntil(() => $(form, '#account-error'), 'no error on the form', { timeout: 20_000 });
    expect($(form, '#account-error')!.textContent).to.equal('아이디와 암호가 맞는 계정이 없어요.');
    expect(errors).to.deep.equal([]);

    fill(form, { 'account-pass': PASS });
    const unlocked = oneEvent(el, 'mood-profile-unlocked');
    $<HTMLButtonElement>(form, '#account-submit')!.click();
    const store = (await unlocked).detail.store as unknown as ProfileStore;
    expect((await store.get(entry.id))?.note).to.equal('첫 기기에서 쓴 글');
    await waitUntil(() => $(el, '#sync-status')?.getAttribute('data-state') === 'idle', 'not synced', {
      timeout: 20_000,
    });
    expect($(el, '#sync-status')!.textContent!.trim()).to.equal('동기화됨');

    // locked and opened again on this device: offline unlock, and sync resumes from the profile
    $<HTMLButtonElement>(el, '#lock')!.click();
    await waitUntil(() => el.screen === 'log-in', 'not locked');
    await el.updateComplete;
    expect($(el, '#account-log-in')).to.exist;
    const signIn = el.shadowRoot!.querySelector('mood-sign-in')!;
    await signIn.updateComplete;
    const pass = signIn.shadowRoot!.querySelector<HTMLInputElement>('#login-pass')!;
    pass.value = PASS;
    const again = oneEvent(el, 'mood-profile-unlocked');
    signIn.shadowRoot!.querySelector<HTMLButtonElement>('#login-submit')!.click();
    await again;
    await waitUntil(
      () => $(el, '#sync-status')?.getAttribute('data-state') === 'idle',
      'sync did not resume',
      {
        timeout: 20_000,
      },
    );
  });

  it('deletes the account after checking the passphrase; the diary stays', async () => {
    await import('../define/mood-account.js');
    const { signUp } = await import('@moodiary/store/sync');
    const username = `u${crypto.randomUUID().slice(0, 10)}`;
    const sync = await signUp(await realDiary(), { server, username, passphrase: PASS });
    const entry = await sync.store.add({ label: 'neutral', note: 'stays here' });
    await sync.syncNow();
    const errors: MoodErrorEvent[] = [];
    const panel = await fixture<MoodAccount>(
      html`<mood-account
        lang="en"
        .sync=${sync}
        @mood-error=${(e: MoodErrorEvent) => errors.push(e)}
      ></mood-account>`,
    );
    expect($(panel, 'p')!.textContent).to.contain(username);
    const pass = $<HTMLInputElement>(panel, '#delete-account-pass')!;
    pass.value = 'not the passphrase';
    $<HTMLButtonElement>(panel, '#delete-account-submit')!.click();
    await waitUntil(() => $(panel, '#account-error'), 'no error', { timeout: 20_000 });
    expect($(panel, '#account-error')!.textContent).to.equal(
      'That username and passphrase do not match an account.',
    );
    expect(errors).to.deep.equal([]);
    pass.value = PASS;
    const ended = oneEvent(panel, 'mood-account-ended');
    $<HTMLButtonElement>(panel, '#delete-account-submit')!.click();
    expect((await ended).detail.reason).to.equal('deleted');
    expect((await sync.store.get(entry.id))?.note).to.equal('stays here');
    const { logIn, isSyncError } = await import('@moodiary/store/sync');
    let refused: unknown;
    await logIn(await realDiary(), { server, username, passphrase: PASS }).catch(
      (e: unknown) => (refused = e),
    );
    expect(isSyncError(refused, 'bad-credentials'), String(refused)).to.equal(true);
  });
});
