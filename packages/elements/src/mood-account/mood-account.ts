import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizedElement } from '../internal/localized-element.js';
import { tokens } from '../internal/styles.js';
import { styles } from './mood-account.styles.js';
import { toElementsError } from '../internal/errors.js';
import { MoodAccountEndedEvent, MoodErrorEvent, MoodProfileUnlockedEvent } from '../internal/events.js';
import {
  PassphraseStrengthController,
  codeOf,
  passphraseField,
  passphraseMessage,
  passphraseOf,
  passphraseStyles,
} from '../internal/passphrase.js';
import { loadSync, type DiarySync } from '../internal/sync.js';
import type { ProfileDirectory } from '@moodiary/store';

/** Which form `<mood-account>` shows while no account is open. */
export type MoodAccountMode = 'sign-up' | 'log-in';

type DeviceSession = Awaited<ReturnType<DiarySync['devices']>>[number];
type Diary = Parameters<Awaited<ReturnType<typeof loadSync>>['signUp']>[0];

/** What the account's device list calls this device: the browser and the system, no more. */
function deviceLabel(): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return system ? `${browser} · ${system}` : browser;
}

/** Failures the user can fix on the form: said there, not reported as errors. */
const EXPECTED = new Set([
  'bad-credentials',
  'username-taken',
  'weak-passphrase',
  'profile-exists',
  'wrong-passphrase',
]);

/**
 * The diary's account on a sync server (`@moodiary/store/sync`, loaded when first needed): create
 * one (a new diary on this device, encrypted here, synced there), or log in to one on a new
 * device (the diary is fetched and then opens offline too). With `sync` set, it shows the open
 * account instead: the signed-in devices, log out everywhere, and deleting the account.
 *
 * `<mood-diary server="https://…">` shows it; on its own, give it the `server` and the `diary`
 * (`openDiary()`), and take the open store from `mood-profile-unlocked`.
 *
 * @tagname mood-account
 * @summary Sign up or log in to a sync server; the account's devices, log out everywhere, delete.
 *
 * @event mood-profile-unlocked - Signed up or logged in: `detail: { profile: { id, name }, created, store }`.
 * @event mood-account-ended - Logged out everywhere, or the account was deleted (`detail.reason`); the diary stays on this device.
 * @event mood-error - A failure other than a mistyped passphrase or a taken name. `detail.code`: `sync-failed`.
 *
 * @csspart auth - The sign-up / log-in form.
 * @csspart account - The open account's card.
 */
export class MoodAccount extends LocalizedElement {
  static override styles = [tokens, passphraseStyles, styles];

  /** The sync server, `https://…`. */
  @property() server = '';

  /** The profiles on this device: `openDiary()` from `@moodiary/store`. */
  @property({ attribute: false }) diary: ProfileDirectory | null = null;

  /** `sign-up` (a new account) or `log-in` (an account made on another device). */
  @property({ reflect: true }) mode: MoodAccountMode = 'sign-up';

  /** The open profile's link to the server: shows the account rather than the forms. */
  @property({ attribute: false }) sync: DiarySync | null = null;

  @state() private error = '';
  @state() private busy = false;
  @state() private devices: readonly DeviceSession[] | null = null;

  private readonly strength = new PassphraseStrengthController(this, (input) => [
    (input.form?.elements.namedItem('username') as HTMLInputElement | null)?.value ?? '',
  ]);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sync')) {
      this.devices = null;
      this.error = '';
      const sync = this.sync;
      if (sync)
        sync.devices().then(
          (devices) => {
            if (this.sync === sync) this.devices = devices;
          },
          () => undefined, // offline: the list is left out
        );
    }
  }

  /** A sync or store failure in words. */
  private message(error: unknown): string {
    const code = codeOf(error);
    const details = (error as { details?: { retryAfterSeconds?: number } }).details;
    switch (code) {
      case 'bad-credentials':
      case 'username-taken':
      case 'network':
        return this.t(`syncError.${code}`);
      case 'too-many-requests':
        return this.t('syncError.too-many-requests', { seconds: details?.retryAfterSeconds ?? 60 });
      case 'wrong-passphrase':
      case 'weak-passphrase':
      case 'profile-exists':
        return passphraseMessage(this, error);
      default:
        return this.t('syncError.other', { message: (error as Error)?.message ?? String(error) });
    }
  }

  private fail(error: unknown) {
    this.error = this.message(error);
    if (EXPECTED.has(codeOf(error) ?? '')) return;
    const err = toElementsError(error, 'sync-failed');
    this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
  }

  /** Runs one account call with the form busy; failures are said on the form. */
  private async work(task: () => Promise<void>) {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      await task();
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  private submit(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const username = String(form.get('username') ?? '').trim();
    const passphrase = String(form.get('passphrase') ?? '');
    if (this.mode === 'sign-up' && passphrase !== String(form.get('passphrase2') ?? '')) {
      this.error = this.t('passphraseMismatch');
      return;
    }
    const diary = this.diary;
    if (!diary) return;
    const mode = this.mode;
    return this.work(async () => {
      const api = await loadSync();
      const options = {
        server: this.server,
        username,
        passphrase,
        deviceLabel: deviceLabel(),
      };
      const sync = await (mode === 'sign-up' ? api.signUp : api.logIn)(diary as unknown as Diary, options);
      // The diary shell resumes the link from the profile's settings; this one lets go.
      sync.close();
      formElement.reset();
      this.strength.clear();
      const store = sync.store;
      this.dispatchEvent(
        new MoodProfileUnlockedEvent({
          profile: { id: store.profile, name: store.profileName },
          created: mode === 'sign-up',
          store,
        }),
      );
    });
  }

  private logOutEverywhere() {
    const sync = this.sync;
    if (!sync) return;
    return this.work(async () => {
      await sync.logOutEverywhere();
      this.dispatchEvent(new MoodAccountEndedEvent({ reason: 'logged-out-everywhere' }));
    });
  }

  private deleteAccount(event: SubmitEvent) {
    event.preventDefault();
    const sync = this.sync;
    const passphrase = passphraseOf(event.target as HTMLFormElement);
    if (!sync) return;
    return this.work(async () => {
      await sync.deleteAccount(passphrase);
      this.dispatchEvent(new MoodAccountEndedEvent({ reason: 'deleted' }));
    });
  }

  private switchMode(mode: MoodAccountMode) {
    this.error = '';
    this.strength.clear();
    this.mode = mode;
  }

  private renderError() {
    return this.error ? html`<p class="error" role="alert" id="account-error">${this.error}</p>` : nothing;
  }

  override render() {
    return this.sync ? this.renderAccount(this.sync) : this.renderForm();
  }

  private renderForm() {
    const signUp = this.mode === 'sign-up';
    const title = signUp ? this.t('accountSignUp') : this.t('accountLogIn');
    let host = this.server;
    try {
      host = new URL(this.server).host;
    } catch {
      // shown as given
    }
    return html`<form
      part="auth"
      class="card auth"
      id="account-form"
      aria-labelledby="account-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${this.submit}
    >
      <h2 id="account-title">${title}</h2>
      <p class="muted">${this.t('accountIntro', { server: host })}</p>
      <div class="field">
        <label for="account-username">${this.t('username')}</label>
        <input
          id="account-username"
          name="username"
          type="text"
          required
          maxlength="64"
          pattern="[^\\s:|]+"
          autocomplete="username"
          autocapitalize="none"
          spellcheck="false"
          aria-describedby=${signUp ? 'account-username-hint' : nothing}
        />
        ${signUp ? html`<p id="account-username-hint" class="fine muted">${this.t('usernameHint')}</p>` : nothing}
      </div>
      ${
        signUp
          ? html`${passphraseField(this, 'account-pass', this.t('passphrase'), {
              isNew: true,
              hint: this.t('passphraseHint'),
              meter: this.strength,
              onInput: () => (this.error = ''),
            })}
            ${passphraseField(this, 'account-pass2', this.t('passphraseRepeat'), { name: 'passphrase2', isNew: true })}`
          : passphraseField(this, 'account-pass', this.t('passphrase'))
      }
      ${this.renderError()}
      <div class="row">
        <button type="submit" class="primary" id="account-submit" ?disabled=${this.busy}>
          ${this.busy ? this.t('working') : title}
        </button>
        <button
          type="button"
          class="link"
          id="account-switch"
          @click=${() => this.switchMode(signUp ? 'log-in' : 'sign-up')}
        >
          ${signUp ? this.t('haveAccount') : this.t('newAccount')}
        </button>
      </div>
    </form>`;
  }

  private renderAccount(sync: DiarySync) {
    let host = sync.server;
    try {
      host = new URL(sync.server).host;
    } catch {
      // shown as given
    }
    return html`<section part="account" class="card account" aria-labelledby="account-title">
      <h2 id="account-title">${this.t('accountTitle')}</h2>
      <p>${this.t('accountSignedIn', { username: sync.username, server: host })}</p>
      ${
        this.devices
          ? html`<h3 id="devices-title">${this.t('devicesTitle')}</h3>
              <ul id="devices" aria-labelledby="devices-title">
                ${this.devices.map(
                  (d) =>
                    html`<li>
                      ${d.label || this.t('unnamedDevice')}
                      <span class="muted fine"
                        >${d.current ? html`(${this.t('thisDevice')}) · ` : nothing}<time
                          datetime=${d.lastSeenAt}
                          >${new Date(d.lastSeenAt).toLocaleString(this.locale)}</time
                        ></span
                      >
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      <div class="row">
        <button type="button" id="log-out-everywhere" ?disabled=${this.busy} @click=${this.logOutEverywhere}>
          ${this.t('logOutEverywhere')}
        </button>
      </div>
      <form id="delete-account" @submit=${this.deleteAccount} aria-busy=${this.busy ? 'true' : 'false'}>
        <p class="fine muted">${this.t('deleteAccountHint')}</p>
        ${passphraseField(this, 'delete-account-pass', this.t('confirmWithPassphrase'))}
        <button type="submit" class="danger" id="delete-account-submit" ?disabled=${this.busy}>
          ${this.t('deleteAccount')}
        </button>
      </form>
      ${this.renderError()}
    </section>`;
  }
}
