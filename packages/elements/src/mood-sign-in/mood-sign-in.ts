import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizedElement } from '../internal/localized-element.js';
import { tokens } from '../internal/styles.js';
import { styles } from './mood-sign-in.styles.js';
import { bookIcon } from '../internal/icons.js';
import { toElementsError } from '../internal/errors.js';
import { MoodErrorEvent, MoodProfileUnlockedEvent, MoodSignInModeEvent } from '../internal/events.js';
import {
  PassphraseStrengthController,
  codeOf,
  passphraseField,
  passphraseMessage,
  passphraseStyles,
} from '../internal/passphrase.js';
import type { ProfileDirectory, ProfileInfo } from '@moodiary/store';

/** Which form `<mood-sign-in>` shows. */
export type MoodSignInMode = 'sign-up' | 'log-in';

/**
 * Signing in to a private, passphrase-encrypted profile on this device: choose a profile and open
 * it with its passphrase, or create one (the new passphrase's strength and, while it is too weak,
 * why, are shown as it is typed). A mistyped passphrase is said on the form; it is not an error event.
 *
 * `<mood-diary>` shows it while the diary is locked. On its own, give it the `diary` and its
 * `profiles` and take the open store from `mood-profile-unlocked`.
 *
 * @tagname mood-sign-in
 * @summary Create a diary profile, or open one with its passphrase.
 *
 * @event mood-profile-unlocked - Created or opened. `detail: { profile: { id, name }, created, store }`.
 * @event mood-sign-in-mode - The user switched between the two forms. `detail.mode`.
 * @event mood-error - Creating or opening failed for another reason than a mistyped passphrase. `detail.code`: `profile-failed`.
 *
 * @csspart auth - The form (a card, with the notice at its top).
 */
export class MoodSignIn extends LocalizedElement {
  static override styles = [tokens, passphraseStyles, styles];

  /** The profiles on this device (`@moodiary/store`'s `openDiary()` fits). */
  @property({ attribute: false }) diary: ProfileDirectory | null = null;

  /** The profiles to choose from (`diary.listProfiles()`). */
  @property({ attribute: false }) profiles: readonly ProfileInfo[] = [];

  /** `sign-up` (create a profile) or `log-in` (open one). */
  @property({ reflect: true }) mode: MoodSignInMode = 'sign-up';

  /** A note shown above the form (e.g. that a diary was deleted). */
  @property() notice = '';

  /** The profile chosen for log-in. */
  @state() private profileId = '';
  /** Why the last try did not open a diary. */
  @state() private error = '';
  @state() private busy = false;

  private readonly strength = new PassphraseStrengthController(this, (input) => [
    (input.form?.elements.namedItem('name') as HTMLInputElement | null)?.value ?? '',
  ]);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('profiles') && !this.profiles.some((p) => p.id === this.profileId))
      this.profileId = this.profiles[0]?.id ?? '';
  }

  private fail(error: unknown) {
    this.error = passphraseMessage(this, error);
    // A mistyped passphrase is a normal outcome, said on the form; only real failures are events.
    if (codeOf(error) === 'wrong-passphrase') return;
    const err = toElementsError(error, 'profile-failed');
    this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
  }

  private async signUp(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const name = String(form.get('name') ?? '').trim();
    const pass = String(form.get('passphrase') ?? '');
    if (pass !== String(form.get('passphrase2') ?? '')) {
      this.error = this.t('passphraseMismatch');
      return;
    }
    const diary = this.diary;
    if (!diary || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const store = await diary.createProfile(name, pass);
      const id = store.profile || (await diary.listProfiles()).find((p) => p.name === name)?.id || '';
      this.strength.clear();
      this.dispatchEvent(
        new MoodProfileUnlockedEvent({
          profile: { id, name: store.profileName ?? name },
          created: true,
          store,
        }),
      );
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  private async logIn(event: SubmitEvent) {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const id = String(form.get('profile') ?? this.profileId);
    const pass = String(form.get('passphrase') ?? '');
    const diary = this.diary;
    if (!diary || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const store = await diary.unlock(id, pass);
      const name = this.profiles.find((p) => p.id === id)?.name ?? store.profileName ?? '';
      formElement.reset();
      this.dispatchEvent(new MoodProfileUnlockedEvent({ profile: { id, name }, created: false, store }));
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  }

  private switchMode(mode: MoodSignInMode) {
    this.error = '';
    this.strength.clear();
    this.mode = mode;
    this.dispatchEvent(new MoodSignInModeEvent({ mode }));
  }

  /** A new passphrase's refusal no longer applies once it changes: the strength line speaks for it. */
  private readonly onNewPassphrase = () => {
    this.error = '';
  };

  override render() {
    return this.mode === 'log-in' ? this.renderLogIn() : this.renderSignUp();
  }

  private renderNotice() {
    return this.notice ? html`<p role="status" id="sign-in-notice">${this.notice}</p>` : nothing;
  }

  private renderError() {
    return this.error ? html`<p class="error" role="alert" id="auth-error">${this.error}</p>` : nothing;
  }

  private renderSignUp() {
    return html`<form
      part="auth"
      class="card auth"
      id="sign-up"
      aria-labelledby="signup-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${this.signUp}
    >
      <h2 id="signup-title">${this.t('signUp')}</h2>
      ${this.renderNotice()}
      <p class="muted">${this.t('welcome')}</p>
      <div class="field">
        <label for="signup-name">${this.t('name')}</label>
        <input id="signup-name" name="name" type="text" required maxlength="50" autocomplete="nickname" />
      </div>
      ${passphraseField(this, 'signup-pass', this.t('passphrase'), {
        isNew: true,
        hint: this.t('passphraseHint'),
        meter: this.strength,
        onInput: this.onNewPassphrase,
      })}
      ${passphraseField(this, 'signup-pass2', this.t('passphraseRepeat'), {
        name: 'passphrase2',
        isNew: true,
      })}
      ${this.renderError()}
      <div class="row">
        <button type="submit" class="primary" id="signup-submit" ?disabled=${this.busy}>
          ${this.busy ? this.t('working') : this.t('signUp')}
        </button>
        ${
          this.profiles.length
            ? html`<button type="button" class="link" @click=${() => this.switchMode('log-in')}>
                ${this.t('haveDiary')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  private renderLogIn() {
    const one = this.profiles[0];
    return html`<form
      part="auth"
      class="card auth"
      id="log-in"
      aria-labelledby="login-title"
      aria-busy=${this.busy ? 'true' : 'false'}
      @submit=${this.logIn}
    >
      <h2 id="login-title">${this.t('logIn')}</h2>
      ${this.renderNotice()}
      ${
        this.profiles.length > 1
          ? html`<div class="field">
              <label for="login-profile">${this.t('chooseProfile')}</label>
              <select
                id="login-profile"
                name="profile"
                @change=${(e: Event) => (this.profileId = (e.target as HTMLSelectElement).value)}
              >
                ${this.profiles.map((p) => html`<option value=${p.id} ?selected=${p.id === this.profileId}>${p.name}</option>`)}
              </select>
            </div>`
          : html`<p class="profile-name">${bookIcon()} ${one?.name}</p>
              <input type="hidden" name="profile" .value=${one?.id ?? ''} />`
      }
      <!-- For password managers: which diary this passphrase belongs to. -->
      <input
        class="visually-hidden"
        type="text"
        name="username"
        autocomplete="username"
        tabindex="-1"
        aria-hidden="true"
        readonly
        .value=${this.profiles.find((p) => p.id === this.profileId)?.name ?? one?.name ?? ''}
      />
      ${passphraseField(this, 'login-pass', this.t('passphrase'))} ${this.renderError()}
      <div class="row">
        <button type="submit" class="primary" id="login-submit" ?disabled=${this.busy}>
          ${this.busy ? this.t('working') : this.t('logIn')}
        </button>
        <button type="button" class="link" @click=${() => this.switchMode('sign-up')}>
          ${this.t('newDiary')}
        </button>
      </div>
    </form>`;
  }
}
