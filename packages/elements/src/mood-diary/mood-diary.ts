import { html, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, state } from 'lit/decorators.js';
import { LocalizedElement } from '../internal/localized-element.js';
import { tokens } from '../internal/styles.js';
import { styles } from './mood-diary.styles.js';
import { defaultDiary, passphraseStrength, storeExchange } from '../internal/defaults.js';
import { isoDate } from '../internal/dates.js';
import { bookIcon, lockIcon } from '../internal/icons.js';
import { toElementsError, type ElementsErrorCode } from '../internal/errors.js';
import {
  MoodErrorEvent,
  MoodLangChangeEvent,
  MoodProfileLockedEvent,
  MoodProfileUnlockedEvent,
} from '../internal/events.js';
import { DEFAULT_STRINGS, type StringKey } from '../internal/i18n.js';
import type { PassphraseStrength } from '@moodiary/store';
import type {
  DetectorLike,
  DiaryLike,
  ProfileInfoLike,
  ProfileStoreLike,
  SongMatcher,
} from '../internal/types.js';

/** Which screen `<mood-diary>` shows. */
export type MoodDiaryScreen = 'loading' | 'sign-up' | 'log-in' | 'diary' | 'error';
export type MoodDiaryTab = 'today' | 'tracker' | 'settings';

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;
/** What a form's `passphrase` field holds. */
const passphraseOf = (form: HTMLFormElement): string => String(new FormData(form).get('passphrase') ?? '');
/** How long typing pauses before a new passphrase's strength is estimated again. */
const STRENGTH_DEBOUNCE_MS = 250;

/**
 * The whole diary in one tag: sign up or log in to a private profile on this
 * device (passphrase-encrypted), today's entry from the camera or a photo, song
 * suggestions, the mood tracker, and settings (language, export and import,
 * delete everything).
 *
 * With no properties set it opens the device's diary from `@moodiary/store` and
 * creates the face model from `@moodiary/emotion` on first use. Plug in your own
 * `diary`, `store` (skips sign-in: for hosts with their own accounts), `detector`
 * or `songMatcher`.
 *
 * @tagname mood-diary
 * @summary The complete mood diary: sign-in, today, songs, tracker, settings.
 *
 * @event mood-profile-unlocked - Signed up or logged in. `detail: { profile: { id, name }, created }`.
 * @event mood-profile-locked - The diary was locked (or deleted). `detail.profileId`.
 * @event mood-lang-change - The language was changed in the settings. `detail.lang`.
 * @event mood-error - A failure the user was told about. `detail.code`: `profile-failed`, `load-failed`, `import-failed`, `export-failed`, and those of `<mood-camera>` and `<mood-tracker>` (which bubble through). A mistyped passphrase is not one: it is said on the form.
 * @event mood-saved - Bubbles from the camera when today's entry is saved.
 *
 * @csspart base - Everything.
 * @csspart header - Title, greeting and lock button.
 * @csspart auth - The sign-up / log-in form.
 * @csspart tabs - The tab list.
 * @csspart tab - One tab.
 * @csspart panel - The open tab's panel.
 * @csspart camera - The `<mood-camera>`.
 * @csspart tracker - The `<mood-tracker>`.
 * @csspart settings - The settings panel.
 * @csspart banner - A notice (memory-only storage).
 *
 * @cssproperty --mood-color-paper - Page-like background.
 * @cssproperty --mood-color-accent - Buttons and the current tab.
 * @cssproperty --mood-diary-max-width - Widest the diary grows.
 */
export class MoodDiary extends LocalizedElement {
  static override styles = [tokens, styles];

  /** The profiles on this device. Default: `openDiary()` from `@moodiary/store` (with `allowThumbnails` when `allow-thumbnail` is set). */
  @property({ attribute: false }) diary: DiaryLike | null = null;

  /** An already-open store: skips sign-up and log-in (for hosts that handle accounts). */
  @property({ attribute: false }) store: ProfileStoreLike | null = null;

  /** Your detector for the camera (default: `@moodiary/emotion`). */
  @property({ attribute: false }) detector: DetectorLike | null = null;

  /** Options for the default detector, e.g. `{ modelBaseUrl }`. */
  @property({ attribute: false }) detectorConfig: Record<string, unknown> = {};

  /** Your song matcher (default: `@moodiary/songs`). */
  @property({ attribute: false }) songMatcher: SongMatcher | null = null;

  /** The open tab. */
  @property({ reflect: true }) tab: MoodDiaryTab = 'today';

  /** Offer to keep a small face thumbnail with entries. */
  @property({ type: Boolean, attribute: 'allow-thumbnail' }) allowThumbnail = false;

  /** What is shown; reflects to the `screen` attribute. */
  @property({ reflect: true }) screen: MoodDiaryScreen = 'loading';

  @state() private profiles: readonly ProfileInfoLike[] = [];
  @state() private profileId = '';
  @state() private active: ProfileStoreLike | null = null;
  @state() private activeName = '';
  @state() private formError = '';
  @state() private busy = false;
  @state() private notice = '';
  @state() private confirmingDelete = false;
  /** An encrypted backup chosen for import, waiting for its passphrase. */
  @state() private pendingBackup: Blob | null = null;
  @state() private memoryOnly = false;
  /** The strength of the new passphrase being typed, and the field it was typed in. */
  @state() private strength: { field: string; value: PassphraseStrength } | null = null;
  private strengthCheck: AbortController | null = null;

  @state() private storeNotice = '';
  private opened: DiaryLike | null = null;
  private unsubscribe: (() => void) | null = null;
  private openRun = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') && this.store) {
      this.watch(this.store);
      this.active = this.store;
      this.activeName = this.store.profileName ?? '';
      this.screen = 'diary';
    } else if ((changed.has('diary') || !this.hasUpdated) && !this.store) {
      void this.open();
    }
  }

  private report(error: unknown, code: ElementsErrorCode) {
    const err = toElementsError(error, code);
    this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    return err;
  }

  private async open() {
    const run = ++this.openRun;
    this.screen = 'loading';
    try {
      const diary = this.diary ?? (await defaultDiary({ allowThumbnails: this.allowThumbnail }));
      if (run !== this.openRun) return;
      this.opened = diary;
      this.memoryOnly = diary.persistence === 'memory';
      this.profiles = await diary.listProfiles();
      if (run !== this.openRun) return;
      this.profileId = this.profiles[0]?.id ?? '';
      this.formError = '';
      this.screen = this.profiles.length ? 'log-in' : 'sign-up';
    } catch (error) {
      if (run !== this.openRun) return;
      const err = this.report(error, 'load-failed');
      this.formError = this.t('storageFailed', { message: err.message });
      this.screen = 'error';
    }
  }

  private authMessage(error: unknown): string {
    switch (codeOf(error)) {
      case 'wrong-passphrase':
        return this.t('wrongPassphrase');
      case 'weak-passphrase':
        return `${this.t('weakPassphrase')} ${this.weakness((error as { details?: unknown }).details)}`.trim();
      case 'profile-exists':
        return this.t('profileExists');
      default:
        return (error as Error)?.message ?? String(error);
    }
  }

  /**
   * Why a passphrase is weak, in the UI's language: `@moodiary/store`'s warning and first suggestion
   * (stable keys, from `passphraseStrength` or a `weak-passphrase` error's details). Keys this
   * version has no words for are left out.
   */
  private weakness(reason: unknown): string {
    const { warning, suggestions, minPassphraseLength } = (reason ?? {}) as Record<string, unknown>;
    const tip = Array.isArray(suggestions) ? String(suggestions[0]) : '';
    return [`passphrase.warning.${String(warning)}`, `passphrase.suggestion.${tip}`]
      .filter((key): key is StringKey => key in DEFAULT_STRINGS.en)
      .map((key) => this.t(key, { min: Number(minPassphraseLength ?? 8) }))
      .join(' ');
  }

  /** Estimates a new passphrase's strength once typing pauses; each keystroke cancels the last check. */
  private onNewPassphraseInput(event: InputEvent) {
    const input = event.target as HTMLInputElement;
    const { id, value } = input;
    this.strengthCheck?.abort();
    const check = (this.strengthCheck = new AbortController());
    // A refusal of what was typed before no longer applies: the strength line speaks for the new text.
    this.formError = '';
    this.notice = '';
    if (!value) {
      this.strength = null;
      return;
    }
    const name =
      (input.form?.elements.namedItem('name') as HTMLInputElement | null)?.value ?? this.activeName;
    setTimeout(() => {
      if (check.signal.aborted) return;
      passphraseStrength(value, name ? [name] : []).then(
        (strength) => {
          if (!check.signal.aborted) this.strength = { field: id, value: strength };
        },
        // The meter is advice: the store checks the passphrase again when the form is sent.
        () => undefined,
      );
    }, STRENGTH_DEBOUNCE_MS);
  }

  private async signUp(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const name = String(form.get('name') ?? '').trim();
    const pass = String(form.get('passphrase') ?? '');
    const again = String(form.get('passphrase2') ?? '');
    if (pass !== again) {
      this.formError = this.t('passphraseMismatch');
      return;
    }
    if (!this.opened || this.busy) return;
    this.busy = true;
    this.formError = '';
    try {
      const store = await this.opened.createProfile(name, pass);
      const profiles = await this.opened.listProfiles();
      const id = store.profile || profiles.find((p) => p.name === name)?.id || '';
      this.profiles = profiles;
      this.enter(store, id, store.profileName ?? name, true);
    } catch (error) {
      this.formError = this.authMessage(error);
      this.report(error, 'profile-failed');
    } finally {
      this.busy = false;
    }
  }

  private async logIn(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const id = String(form.get('profile') ?? this.profileId);
    const pass = String(form.get('passphrase') ?? '');
    if (!this.opened || this.busy) return;
    this.busy = true;
    this.formError = '';
    try {
      const store = await this.opened.unlock(id, pass);
      const name = this.profiles.find((p) => p.id === id)?.name ?? store.profileName ?? '';
      this.enter(store, id, name, false);
    } catch (error) {
      this.formError = this.authMessage(error);
      // A mistyped passphrase is a normal outcome, said on the form; only real failures are events.
      if (codeOf(error) !== 'wrong-passphrase') this.report(error, 'profile-failed');
    } finally {
      this.busy = false;
    }
  }

  /** Listens to the open store for what the user must know: another tab's upgrade, or a lock. */
  private watch(store: ProfileStoreLike | null) {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.storeNotice = '';
    if (!store?.subscribe) return;
    this.unsubscribe = store.subscribe((event) => {
      if (event.type === 'versionchange') this.storeNotice = this.t('versionChange');
      else if (event.type === 'blocked') this.storeNotice = this.t('blockedUpgrade');
      else if (event.type === 'locked' && this.active === store && store !== this.store) this.lock();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.active && !this.unsubscribe) this.watch(this.active);
  }

  private enter(store: ProfileStoreLike, id: string, name: string, created: boolean) {
    this.strength = null;
    this.watch(store);
    this.active = store;
    this.profileId = id;
    this.activeName = name;
    this.tab = 'today';
    this.screen = 'diary';
    this.notice = '';
    this.confirmingDelete = false;
    this.dispatchEvent(new MoodProfileUnlockedEvent({ profile: { id, name }, created }));
  }

  /** Locks the diary: the key is forgotten and the sign-in screen returns. */
  lock(): void {
    const store = this.active;
    if (!store) return;
    const id = this.profileId || null;
    // Stop listening first: the store's own "locked" event must not lock (and announce) a second time.
    this.watch(null);
    this.active = null;
    this.activeName = '';
    if (store !== this.store) {
      if (this.opened && this.profileId) this.opened.lock(this.profileId);
      else store.lock?.();
    }
    this.dispatchEvent(new MoodProfileLockedEvent({ profileId: id }));
    void this.open();
  }

  private setLang(lang: string) {
    this.lang = lang;
    this.dispatchEvent(new MoodLangChangeEvent({ lang }));
  }

  private download(name: string, type: string, content: string) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    this.renderRoot.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /**
   * Exports every entry in `@moodiary/store`'s formats: versioned `json` (full fidelity) or `csv`
   * (opens cleanly in a spreadsheet, Korean intact). Downloads the file and resolves with its text.
   */
  async exportEntries(format: 'json' | 'csv' = 'json'): Promise<string> {
    if (!this.active) return '';
    this.busy = true;
    try {
      const entries = await this.active.all();
      const exchange = await storeExchange();
      const text = format === 'json' ? exchange.toJsonExport(entries) : exchange.toCsv(entries);
      const day = new Date().toISOString().slice(0, 10);
      this.download(
        `moodiary-${day}.${format}`,
        format === 'json' ? 'application/json' : 'text/csv;charset=utf-8',
        text,
      );
      return text;
    } catch (error) {
      const err = this.report(error, 'export-failed');
      this.notice = err.message;
      return '';
    } finally {
      this.busy = false;
    }
  }

  /**
   * Downloads an encrypted backup of every entry: the JSON export sealed under `passphrase`
   * (AES-GCM, PBKDF2 600k), which only that passphrase opens. Resolves with the file's text.
   */
  async exportBackup(passphrase: string): Promise<string> {
    if (!this.active) return '';
    this.busy = true;
    this.notice = '';
    try {
      const exchange = await storeExchange();
      const json = exchange.toJsonExport(await this.active.all());
      const text = await exchange.encrypt(json, passphrase, this.activeName ? [this.activeName] : []);
      const day = new Date().toISOString().slice(0, 10);
      this.download(`moodiary-backup-${day}.json`, 'application/json', text);
      this.notice = this.t('backupSaved');
      return text;
    } catch (error) {
      const err = this.report(error, 'export-failed');
      this.notice = codeOf(error) === 'weak-passphrase' ? this.authMessage(error) : err.message;
      return '';
    } finally {
      this.busy = false;
    }
  }

  /**
   * Imports a JSON or CSV export, or an encrypted backup (with its `passphrase`; without one the
   * settings screen asks for it). Every row is checked first; an invalid file or a wrong passphrase
   * changes nothing and says why. Entries already in the diary are skipped.
   */
  async importFile(file: Blob, passphrase?: string): Promise<void> {
    if (!this.active) return;
    this.busy = true;
    this.notice = '';
    try {
      let text = await file.text();
      const exchange = await storeExchange();
      if (exchange.isEncrypted(text)) {
        if (passphrase === undefined) {
          this.pendingBackup = file;
          this.notice = this.t('backupNeedsPassphrase');
          return;
        }
        text = await exchange.decrypt(text, passphrase);
      }
      this.pendingBackup = null;
      const json = /^\s*[[{]/.test(text.replace(/^\ufeff/, ''));
      const entries = json ? exchange.readJsonExport(text) : exchange.readCsvExport(text);
      let added = 0;
      let skipped = 0;
      if (this.active.importEntries) ({ added, skipped } = await this.active.importEntries(entries));
      else {
        const have = new Set((await this.active.all()).map((e) => e.id));
        for (const e of entries) {
          if (have.has(e.id)) skipped++;
          else {
            await this.active.add(e as never);
            added++;
          }
        }
      }
      this.notice = this.t('imported', { added, skipped });
    } catch (error) {
      const err = this.report(error, 'import-failed');
      if (codeOf(error) === 'wrong-passphrase') {
        this.notice = this.t('backupWrongPassphrase');
        return;
      }
      const rows = (error as { details?: { errors?: { row?: number; message?: string }[] } }).details?.errors;
      this.notice = rows?.length
        ? `${err.message} ${rows
            .slice(0, 3)
            .map((r) => `#${r.row}: ${r.message}`)
            .join(' · ')}`
        : err.message;
    } finally {
      this.busy = false;
    }
  }

  /**
   * A labelled, required passphrase input. `isNew`: a passphrase being chosen (8+ characters,
   * password managers may suggest one); otherwise one being typed again. `hint` shows under it;
   * `meter`: so does its strength, as it is typed.
   */
  private passphraseField(
    id: string,
    label: string,
    {
      name = 'passphrase',
      isNew = false,
      hint,
      meter = false,
      autocomplete = isNew ? 'new-password' : 'current-password',
    }: {
      name?: string;
      isNew?: boolean;
      hint?: string;
      meter?: boolean;
      autocomplete?: 'off' | 'new-password' | 'current-password';
    } = {},
  ) {
    const describedBy = [hint ? `${id}-hint` : '', meter ? `${id}-strength` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${name}
        type="password"
        required
        minlength=${ifDefined(isNew ? 8 : undefined)}
        autocomplete=${autocomplete}
        aria-describedby=${ifDefined(describedBy || undefined)}
        @input=${meter ? this.onNewPassphraseInput : undefined}
      />
      ${hint ? html`<p id="${id}-hint" class="fine muted">${hint}</p>` : nothing}
      ${meter ? this.renderStrength(id) : nothing}
    </div>`;
  }

  /** The strength line under a new passphrase: a meter, a word, and while it is too weak, why. */
  private renderStrength(id: string) {
    const s = this.strength?.field === id ? this.strength.value : null;
    return html`<p id="${id}-strength" class="strength fine" aria-live="polite">
      ${
        s
          ? html`<!-- score + 1: even "very weak" shows a (red) bar -->
              <meter
                min="0"
                max="5"
                low="3.5"
                high="4.5"
                optimum="5"
                .value=${s.score + 1}
                aria-hidden="true"
              ></meter>
              <span>${this.t('passphraseStrength', { label: this.t(`strength.${s.score}`) })}</span>
              ${s.acceptable ? nothing : html`<span class="muted">${this.weakness(s)}</span>`}`
          : nothing
      }
    </p>`;
  }

  private onBackupSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    void this.exportBackup(passphraseOf(form)).then((text) => {
      if (!text) return;
      form.reset();
      this.strength = null;
    });
  }

  private onBackupImportSubmit(event: SubmitEvent) {
    event.preventDefault();
    const pass = passphraseOf(event.currentTarget as HTMLFormElement);
    if (this.pendingBackup) void this.importFile(this.pendingBackup, pass);
  }

  private async deleteAll(event: SubmitEvent) {
    event.preventDefault();
    const pass = passphraseOf(event.target as HTMLFormElement);
    if (!this.opened || !this.profileId) return;
    this.busy = true;
    this.notice = '';
    try {
      await this.opened.deleteProfile(this.profileId, pass);
      const id = this.profileId;
      this.active = null;
      this.profileId = '';
      this.confirmingDelete = false;
      this.dispatchEvent(new MoodProfileLockedEvent({ profileId: id }));
      await this.open();
      this.formError = this.t('deleted');
    } catch (error) {
      this.notice = this.authMessage(error);
      this.report(error, 'profile-failed');
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<div part="base" aria-busy=${this.busy || this.screen === 'loading' ? 'true' : 'false'}>
      <header part="header">
        <div>
          <h1 class="title">${this.t('diaryTitle')}</h1>
          ${
            this.screen === 'diary'
              ? html`<p class="muted hello">
                  ${this.activeName ? html`${this.t('hello', { name: this.activeName })} · ` : nothing}<time
                    datetime=${isoDate(new Date())}
                    >${new Date().toLocaleDateString(this.locale, { month: 'long', day: 'numeric', weekday: 'long' })}</time
                  >
                </p>`
              : nothing
          }
        </div>
        ${
          this.screen === 'diary' && this.active !== this.store
            ? html`<button type="button" id="lock" part="lock" @click=${() => this.lock()}>
                ${lockIcon(18)}${this.t('logOut')}
              </button>`
            : nothing
        }
      </header>
      ${this.memoryOnly ? html`<p part="banner" role="status">${this.t('memoryOnly')}</p>` : nothing}
      ${this.storeNotice ? html`<p part="banner" role="alert" id="store-notice">${this.storeNotice}</p>` : nothing}
      ${this.renderScreen()}
      <footer class="muted fine">${this.t('privacy')}</footer>
    </div>`;
  }

  private renderScreen() {
    switch (this.screen) {
      case 'loading':
        return html`<p role="status" class="card">${this.t('openingDiary')}</p>`;
      case 'error':
        return html`<p role="alert" class="card error">${this.formError}</p>`;
      case 'sign-up':
        return this.renderSignUp();
      case 'log-in':
        return this.renderLogIn();
      default:
        return this.renderDiary();
    }
  }

  private renderError() {
    return this.formError
      ? html`<p class="error" role="alert" id="auth-error">${this.formError}</p>`
      : nothing;
  }

  private renderSignUp() {
    return html`<form
      part="auth"
      class="card auth"
      id="sign-up"
      @submit=${this.signUp}
      aria-labelledby="signup-title"
    >
      <h2 id="signup-title">${this.t('signUp')}</h2>
      <p class="muted">${this.t('welcome')}</p>
      <div class="field">
        <label for="signup-name">${this.t('name')}</label>
        <input id="signup-name" name="name" type="text" required maxlength="50" autocomplete="nickname" />
      </div>
      ${this.passphraseField('signup-pass', this.t('passphrase'), {
        isNew: true,
        hint: this.t('passphraseHint'),
        meter: true,
      })}
      ${this.passphraseField('signup-pass2', this.t('passphraseRepeat'), { name: 'passphrase2', isNew: true })}
      ${this.renderError()}
      <div class="row">
        <button type="submit" class="primary" id="signup-submit" ?disabled=${this.busy}>
          ${this.busy ? this.t('working') : this.t('signUp')}
        </button>
        ${
          this.profiles.length
            ? html`<button type="button" class="link" @click=${() => this.switchAuth('log-in')}>
                ${this.t('haveDiary')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  private switchAuth(screen: 'log-in' | 'sign-up') {
    this.formError = '';
    this.screen = screen;
  }

  private renderLogIn() {
    const many = this.profiles.length > 1;
    const one = this.profiles[0];
    return html`<form
      part="auth"
      class="card auth"
      id="log-in"
      @submit=${this.logIn}
      aria-labelledby="login-title"
    >
      <h2 id="login-title">${this.t('logIn')}</h2>
      ${
        many
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
      ${this.passphraseField('login-pass', this.t('passphrase'))} ${this.renderError()}
      <div class="row">
        <button type="submit" class="primary" id="login-submit" ?disabled=${this.busy}>
          ${this.busy ? this.t('working') : this.t('logIn')}
        </button>
        <button type="button" class="link" @click=${() => this.switchAuth('sign-up')}>
          ${this.t('newDiary')}
        </button>
      </div>
    </form>`;
  }

  private renderDiary() {
    const tabs: [MoodDiaryTab, StringKey][] = [
      ['today', 'tabToday'],
      ['tracker', 'tabTracker'],
      ['settings', 'tabSettings'],
    ];
    return html`<nav part="tabs" role="tablist" aria-label=${this.t('diaryTitle')} @keydown=${this.onTabKey}>
        ${tabs.map(
          ([tab, key]) =>
            html`<button
              part="tab"
              role="tab"
              type="button"
              id="tab-${tab}"
              aria-selected=${this.tab === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${this.tab === tab ? 0 : -1}
              @click=${() => (this.tab = tab)}
            >
              ${this.t(key)}
            </button>`,
        )}
      </nav>
      <section part="panel" id="panel" role="tabpanel" aria-labelledby="tab-${this.tab}">
        ${this.renderPanel()}
      </section>`;
  }

  private onTabKey(event: KeyboardEvent) {
    const order: MoodDiaryTab[] = ['today', 'tracker', 'settings'];
    const i = order.indexOf(this.tab);
    const next =
      event.key === 'ArrowRight'
        ? order[(i + 1) % 3]
        : event.key === 'ArrowLeft'
          ? order[(i + 2) % 3]
          : undefined;
    if (!next) return;
    event.preventDefault();
    this.tab = next;
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector(`#tab-${next}`) as HTMLElement | null)?.focus(),
    );
  }

  private renderPanel() {
    const common = { lang: this.language, theme: this.theme };
    switch (this.tab) {
      case 'today':
        return html`<mood-camera
            part="camera"
            id="camera"
            lang=${common.lang}
            theme=${common.theme}
            ?allow-thumbnail=${this.allowThumbnail}
            preload
            .strings=${this.strings}
            .store=${this.active}
            .detector=${this.detector}
            .detectorConfig=${this.detectorConfig}
            .songMatcher=${this.songMatcher}
            @mood-saved=${() => (this.notice = '')}
          ></mood-camera>
          <p class="after-save">
            <button type="button" class="link" id="go-tracker" @click=${() => (this.tab = 'tracker')}>
              ${this.t('goToDiary')} →
            </button>
          </p>`;
      case 'tracker':
        return html`<mood-tracker
          part="tracker"
          id="tracker"
          lang=${common.lang}
          theme=${common.theme}
          .strings=${this.strings}
          .store=${this.active}
        ></mood-tracker>`;
      default:
        return this.renderSettings();
    }
  }

  private renderSettings() {
    return html`<div part="settings" class="card settings">
      <h2>${this.t('settings')}</h2>
      <div class="field">
        <label for="settings-lang">${this.t('language')}</label>
        <select
          id="settings-lang"
          @change=${(e: Event) => this.setLang((e.target as HTMLSelectElement).value)}
        >
          <option value="ko" ?selected=${this.language === 'ko'}>한국어</option>
          <option value="en" ?selected=${this.language === 'en'}>English</option>
        </select>
      </div>
      <section aria-labelledby="export-title">
        <h3 id="export-title">${this.t('exportTitle')}</h3>
        <p class="muted fine">${this.t('exportHint')}</p>
        <div class="row">
          <button
            type="button"
            id="export-json"
            ?disabled=${this.busy}
            @click=${() => void this.exportEntries('json')}
          >
            ${this.t('exportJson')}
          </button>
          <button
            type="button"
            id="export-csv"
            ?disabled=${this.busy}
            @click=${() => void this.exportEntries('csv')}
          >
            ${this.t('exportCsv')}
          </button>
        </div>
        <form id="backup-form" @submit=${this.onBackupSubmit}>
          ${this.passphraseField('backup-pass', this.t('backupPassphrase'), {
            isNew: true,
            hint: this.t('backupHint'),
            meter: true,
          })}
          <button type="submit" id="export-backup" ?disabled=${this.busy}>${this.t('exportBackup')}</button>
        </form>
      </section>
      <section aria-labelledby="import-title">
        <h3 id="import-title">${this.t('importFile')}</h3>
        <p class="muted fine">${this.t('importHint')}</p>
        <label class="button" for="import-file">${this.t('importFile')}</label>
        <input
          id="import-file"
          class="visually-hidden"
          type="file"
          accept="application/json,.json,text/csv,.csv"
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            input.value = '';
            if (file) void this.importFile(file);
          }}
        />
        ${
          this.pendingBackup
            ? html`<form id="backup-import-form" @submit=${this.onBackupImportSubmit}>
                ${this.passphraseField('backup-import-pass', this.t('backupImportPassphrase'), {
                  autocomplete: 'off',
                })}
                <div class="row">
                  <button type="submit" id="backup-import-submit" ?disabled=${this.busy}>
                    ${this.t('backupOpen')}
                  </button>
                  <button type="button" @click=${() => ((this.pendingBackup = null), (this.notice = ''))}>
                    ${this.t('cancel')}
                  </button>
                </div>
              </form>`
            : nothing
        }
      </section>
      ${this.notice ? html`<p role="status" id="settings-notice">${this.notice}</p>` : nothing}
      ${
        this.active !== this.store
          ? html`<section aria-labelledby="danger-title" class="danger-zone">
              <h3 id="danger-title">${this.t('dangerZone')}</h3>
              ${
                this.confirmingDelete
                  ? html`<form @submit=${this.deleteAll} id="delete-form">
                      <p>${this.t('confirmDeleteAll')}</p>
                      ${this.passphraseField('delete-pass', this.t('confirmWithPassphrase'))}
                      <div class="row">
                        <button type="submit" class="danger" id="delete-confirm">
                          ${this.t('deleteAll')}
                        </button>
                        <button type="button" @click=${() => (this.confirmingDelete = false)}>
                          ${this.t('cancel')}
                        </button>
                      </div>
                    </form>`
                  : html`<button
                      type="button"
                      class="danger"
                      id="delete-all"
                      @click=${() => (this.confirmingDelete = true)}
                    >
                      ${this.t('deleteAll')}
                    </button>`
              }
            </section>`
          : nothing
      }
    </div>`;
  }
}
