import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizedElement } from '../internal/localized-element.js';
import { todayIso } from '../internal/dates.js';
import { tokens } from '../internal/styles.js';
import { styles } from './mood-settings.styles.js';
import { storeExchange } from '../internal/defaults.js';
import { toElementsError, type ElementsErrorCode } from '../internal/errors.js';
import { MoodErrorEvent, MoodLangChangeEvent } from '../internal/events.js';
import {
  PassphraseStrengthController,
  codeOf,
  passphraseField,
  passphraseMessage,
  passphraseOf,
  passphraseStyles,
} from '../internal/passphrase.js';
import type { ProfileEntryStore } from '@moodiary/store';
import { PersonalizationController } from '../internal/personalization.js';
import { ReminderController, notificationAllowance } from '../internal/reminders.js';

/** Deletes the open profile and every entry in it, after checking its passphrase. */
export type MoodDiaryDeleter = (passphrase: string) => Promise<void>;

/** Changes the open profile's passphrase, after checking the current one. */
export type MoodPassphraseChanger = (current: string, next: string) => Promise<void>;

/**
 * The settings of an open diary: language, a daily reminder to write (off by default; at a chosen
 * time, with notifications where the browser allows them, and saying plainly what it allows),
 * readings that learn from the user's corrections (on by default, with a reset), export (JSON, CSV, an encrypted backup), import (JSON,
 * CSV or an encrypted backup, which asks for its passphrase), changing the passphrase, and deleting
 * the whole diary.
 * A failed import or export changes nothing, says why, and leaves every control usable.
 *
 * `<mood-diary>` shows it in its Settings tab. On its own, give it the open `store`.
 *
 * @tagname mood-settings
 * @summary Language, export and import, delete the diary.
 *
 * @event mood-lang-change - The language was changed. `detail.lang`.
 * @event mood-error - `detail.code`: `import-failed`, `export-failed`, `profile-failed` (deleting failed), `settings-failed` (the personalisation or reminder choice could not be kept). A mistyped passphrase is not one: it is said in the settings.
 *
 * @csspart base - The settings card.
 */
export class MoodSettings extends LocalizedElement {
  static override styles = [tokens, passphraseStyles, styles];

  /** The open diary whose entries are exported and imported. */
  @property({ attribute: false }) store: ProfileEntryStore | null = null;

  /** The profile's name: an encrypted backup's passphrase must not lean on it. */
  @property({ attribute: 'profile-name' }) profileName = '';

  /** Deletes the diary with its passphrase; without it (a host's own store) nothing offers to. */
  @property({ attribute: false }) deleteDiary: MoodDiaryDeleter | null = null;

  /** Changes the diary's passphrase; without it nothing offers to. */
  @property({ attribute: false }) changePassphrase: MoodPassphraseChanger | null = null;

  @state() private busy = false;
  /** The outcome of the last export, import or deletion. */
  @state() private notice = '';
  @state() private confirmingDelete = false;
  /** The outcome of the last passphrase change, said beside its form. */
  @state() private passphraseNotice: { readonly text: string; readonly failed: boolean } | null = null;
  /** An encrypted backup chosen for import, waiting for its passphrase. */
  @state() private pendingBackup: Blob | null = null;

  private readonly strength = new PassphraseStrengthController(this, () => [this.profileName]);
  /** The store's personal calibration: the switch, the count, the reset (kept in the profile's settings). */
  private readonly personalization = new PersonalizationController(this, () => this.store);
  /** The store's daily reminder: the switch and the time (kept in the profile's settings). */
  private readonly reminder = new ReminderController(this, () => this.store);
  /** What the browser lets this page do with notifications, read again after asking. */
  @state() private notifications = notificationAllowance();

  private report(error: unknown, code: ElementsErrorCode) {
    const err = toElementsError(error, code);
    this.dispatchEvent(new MoodErrorEvent({ error: err, code: err.code }));
    return err;
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
    const store = this.store;
    if (!store) return '';
    this.busy = true;
    try {
      const entries = await store.all();
      const exchange = await storeExchange();
      const text = format === 'json' ? exchange.toJsonExport(entries) : exchange.toCsv(entries);
      this.download(
        `moodiary-${todayIso()}.${format}`,
        format === 'json' ? 'application/json' : 'text/csv;charset=utf-8',
        text,
      );
      return text;
    } catch (error) {
      this.notice = this.report(error, 'export-failed').message;
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
    const store = this.store;
    if (!store) return '';
    this.busy = true;
    this.notice = '';
    try {
      const exchange = await storeExchange();
      const json = exchange.toJsonExport(await store.all());
      const text = await exchange.encrypt(json, passphrase, this.profileName ? [this.profileName] : []);
      this.download(`moodiary-backup-${todayIso()}.json`, 'application/json', text);
      this.notice = this.t('backupSaved');
      return text;
    } catch (error) {
      const err = this.report(error, 'export-failed');
      this.notice = codeOf(error) === 'weak-passphrase' ? passphraseMessage(this, error) : err.message;
      return '';
    } finally {
      this.busy = false;
    }
  }

  /**
   * Imports a JSON or CSV export, or an encrypted backup (with its `passphrase`; without one the
   * settings ask for it). Every row is checked first; an invalid file or a wrong passphrase
   * changes nothing and says why. Entries already in the diary are skipped.
   */
  async importFile(file: Blob, passphrase?: string): Promise<void> {
    const store = this.store;
    if (!store) return;
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
      if (store.importEntries) ({ added, skipped } = await store.importEntries(entries));
      else {
        const have = new Set((await store.all()).map((e) => e.id));
        for (const e of entries) {
          if (have.has(e.id)) skipped++;
          else {
            await store.add(e);
            added++;
          }
        }
      }
      this.notice = this.t('imported', { added, skipped });
    } catch (error) {
      // A mistyped backup passphrase is a normal outcome: said here, not an error event.
      if (codeOf(error) === 'wrong-passphrase') {
        this.notice = this.t('backupWrongPassphrase');
        return;
      }
      const err = this.report(error, 'import-failed');
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

  private onBackupSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    void this.exportBackup(passphraseOf(form)).then((text) => {
      if (!text) return;
      form.reset();
      this.strength.clear();
    });
  }

  private onBackupImportSubmit(event: SubmitEvent) {
    event.preventDefault();
    const pass = passphraseOf(event.currentTarget as HTMLFormElement);
    if (this.pendingBackup) void this.importFile(this.pendingBackup, pass);
  }

  private async onDeleteSubmit(event: SubmitEvent) {
    event.preventDefault();
    const pass = passphraseOf(event.currentTarget as HTMLFormElement);
    if (!this.deleteDiary || this.busy) return;
    this.busy = true;
    this.notice = '';
    try {
      await this.deleteDiary(pass);
      this.confirmingDelete = false;
    } catch (error) {
      this.notice = passphraseMessage(this, error);
      if (codeOf(error) !== 'wrong-passphrase') this.report(error, 'profile-failed');
    } finally {
      this.busy = false;
    }
  }

  /** Changes the passphrase; what was typed stays in the form when it fails, with the reason. */
  private async onPassphraseSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    if (!this.changePassphrase || this.busy) return;
    const data = new FormData(form);
    const [current, next, again] = ['current', 'next', 'again'].map((k) => String(data.get(k) ?? ''));
    if (next !== again) {
      this.passphraseNotice = { text: this.t('passphraseMismatch'), failed: true };
      return;
    }
    this.busy = true;
    this.passphraseNotice = null;
    try {
      await this.changePassphrase(current!, next!);
      form.reset();
      this.strength.clear();
      this.passphraseNotice = { text: this.t('passphraseChanged'), failed: false };
    } catch (error) {
      this.passphraseNotice = { text: passphraseMessage(this, error), failed: true };
      const code = codeOf(error);
      if (code !== 'wrong-passphrase' && code !== 'weak-passphrase') this.report(error, 'profile-failed');
    } finally {
      this.busy = false;
    }
  }

  /** Turns personalisation on or off, or resets it; a store that cannot keep the choice says why. */
  private async personalize(action: 'on' | 'off' | 'reset') {
    const personal = this.personalization.personal;
    if (!personal || this.busy) return;
    this.busy = true;
    this.notice = '';
    try {
      if (action === 'reset') {
        await personal.reset();
        this.notice = this.t('personalResetDone');
      } else await personal.setEnabled(action === 'on');
    } catch (error) {
      this.notice = this.report(error, 'settings-failed').message;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Turns the reminder on or off, or sets its time. Turning it on asks for notifications (the user's
   * click allows the browser's prompt); a refusal leaves the reminder on, in the page.
   */
  private async remind(patch: { enabled?: boolean; time?: string }) {
    const reminder = this.reminder.reminder;
    if (!reminder || this.busy) return;
    if (patch.enabled && this.notifications === 'default') void this.askNotifications();
    this.busy = true;
    this.notice = '';
    try {
      await reminder.choose(patch);
    } catch (error) {
      this.notice = this.report(error, 'settings-failed').message;
    } finally {
      this.busy = false;
    }
  }

  private async askNotifications() {
    try {
      await Notification.requestPermission();
    } catch {
      // A browser that refuses to ask says so in the permission read below.
    }
    this.notifications = notificationAllowance();
  }

  /** A new passphrase's refusal no longer applies once it changes: the strength line speaks for it. */
  private readonly onNewPassphrase = () => {
    this.notice = '';
  };

  override render() {
    return html`<div part="base" class="card" aria-busy=${this.busy ? 'true' : 'false'}>
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
      ${this.renderReminder()} ${this.renderPersonal()} ${this.renderExport()} ${this.renderImport()}
      ${this.notice ? html`<p role="status" id="settings-notice">${this.notice}</p>` : nothing}
      ${this.changePassphrase ? this.renderPassphrase() : nothing}
      ${this.deleteDiary ? this.renderDelete() : nothing}
    </div>`;
  }

  private renderReminder() {
    if (!this.store) return nothing;
    const { loaded, enabled, time } = this.reminder.state;
    const allowance = this.notifications;
    const status = {
      granted: 'reminderNotifyGranted',
      default: 'reminderNotifyDefault',
      denied: 'reminderNotifyDenied',
      unsupported: 'reminderNotifyUnsupported',
    } as const;
    return html`<section aria-labelledby="reminder-title" id="reminder-settings">
      <h3 id="reminder-title">${this.t('reminderTitle')}</h3>
      <div class="row">
        <label class="check"
          ><input
            id="reminder-switch"
            type="checkbox"
            role="switch"
            aria-checked=${enabled ? 'true' : 'false'}
            aria-describedby="reminder-hint reminder-notify"
            .checked=${enabled}
            ?disabled=${this.busy || !loaded}
            @change=${(e: Event) => void this.remind({ enabled: (e.target as HTMLInputElement).checked })}
          />${this.t('reminderSwitch')}</label
        >
        <label class="check" for="reminder-time">${this.t('reminderTime')}</label>
        <input
          id="reminder-time"
          type="time"
          required
          .value=${time}
          ?disabled=${this.busy || !loaded}
          @change=${(e: Event) => {
            const value = (e.target as HTMLInputElement).value;
            if (value) void this.remind({ time: value });
          }}
        />
      </div>
      <p class="muted fine" id="reminder-hint">${this.t('reminderHint')}</p>
      <p class="fine" id="reminder-notify" data-permission=${allowance}>${this.t(status[allowance])}</p>
      ${
        enabled && allowance === 'default'
          ? html`<button type="button" id="reminder-allow" @click=${() => void this.askNotifications()}>
              ${this.t('reminderAllow')}
            </button>`
          : nothing
      }
    </section>`;
  }

  private renderPersonal() {
    if (!this.store) return nothing;
    const { loaded, enabled, answers, minimum, calibration } = this.personalization.state;
    const status = !loaded
      ? ''
      : !enabled
        ? this.t('personalOff')
        : calibration
          ? this.t('personalCount', { count: calibration.samples })
          : this.t('personalLearning', { min: minimum, count: answers });
    return html`<section aria-labelledby="personal-title">
      <h3 id="personal-title">${this.t('personalTitle')}</h3>
      <label class="check"
        ><input
          id="personalize"
          type="checkbox"
          role="switch"
          aria-checked=${enabled ? 'true' : 'false'}
          aria-describedby="personal-hint personal-status"
          .checked=${enabled}
          ?disabled=${this.busy}
          @change=${(e: Event) => void this.personalize((e.target as HTMLInputElement).checked ? 'on' : 'off')}
        />${this.t('personalSwitch')}</label
      >
      <p class="muted fine" id="personal-hint">${this.t('personalHint')}</p>
      <p id="personal-status" data-answers=${loaded ? answers : ''}>${status}</p>
      <button
        type="button"
        id="personal-reset"
        ?disabled=${this.busy}
        @click=${() => void this.personalize('reset')}
      >
        ${this.t('personalReset')}
      </button>
    </section>`;
  }

  private renderExport() {
    return html`<section aria-labelledby="export-title">
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
        ${passphraseField(this, 'backup-pass', this.t('backupPassphrase'), {
          isNew: true,
          hint: this.t('backupHint'),
          meter: this.strength,
          onInput: this.onNewPassphrase,
        })}
        <button type="submit" id="export-backup" ?disabled=${this.busy}>${this.t('exportBackup')}</button>
      </form>
    </section>`;
  }

  private renderImport() {
    return html`<section aria-labelledby="import-title">
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
              ${passphraseField(this, 'backup-import-pass', this.t('backupImportPassphrase'), {
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
    </section>`;
  }

  private renderPassphrase() {
    const notice = this.passphraseNotice;
    return html`<section aria-labelledby="passphrase-title">
      <h3 id="passphrase-title">${this.t('changePassphraseTitle')}</h3>
      <p class="muted fine">${this.t('changePassphraseHint')}</p>
      <form id="passphrase-form" @submit=${this.onPassphraseSubmit}>
        ${passphraseField(this, 'current-pass', this.t('currentPassphrase'), { name: 'current' })}
        ${passphraseField(this, 'new-pass', this.t('newPassphrase'), {
          name: 'next',
          isNew: true,
          meter: this.strength,
          onInput: () => (this.passphraseNotice = null),
        })}
        ${passphraseField(this, 'new-pass-again', this.t('passphraseRepeat'), { name: 'again', isNew: true })}
        <button type="submit" id="passphrase-submit" ?disabled=${this.busy}>
          ${this.t('changePassphrase')}
        </button>
        ${
          notice
            ? html`<p
                id="passphrase-notice"
                role=${notice.failed ? 'alert' : 'status'}
                class=${notice.failed ? 'error' : ''}
              >
                ${notice.text}
              </p>`
            : nothing
        }
      </form>
    </section>`;
  }

  private renderDelete() {
    return html`<section aria-labelledby="danger-title" class="danger-zone">
      <h3 id="danger-title">${this.t('dangerZone')}</h3>
      ${
        this.confirmingDelete
          ? html`<form @submit=${this.onDeleteSubmit} id="delete-form">
              <p>${this.t('confirmDeleteAll')}</p>
              ${passphraseField(this, 'delete-pass', this.t('confirmWithPassphrase'))}
              <div class="row">
                <button type="submit" class="danger" id="delete-confirm" ?disabled=${this.busy}>
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
    </section>`;
  }
}
