import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PassphraseStrength } from '@moodiary/store';
import { passphraseStrength } from './defaults.js';
import { DEFAULT_STRINGS, type StringKey } from './i18n.js';
import type { LocalizedElement } from './localized-element.js';

/** How long typing pauses before a new passphrase's strength is estimated again. */
const STRENGTH_DEBOUNCE_MS = 250;

/** The stable `code` of a store error, if it has one. */
export const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/** What a form's `passphrase` field holds. */
export const passphraseOf = (form: HTMLFormElement): string =>
  String(new FormData(form).get('passphrase') ?? '');

/**
 * Why a passphrase is weak, in the UI's language: `@moodiary/store`'s warning and first suggestion
 * (stable keys, from `passphraseStrength` or a `weak-passphrase` error's details). Keys this
 * version has no words for are left out.
 */
function weakness(host: LocalizedElement, reason: unknown): string {
  const { warning, suggestions, minPassphraseLength } = (reason ?? {}) as Record<string, unknown>;
  const tip = Array.isArray(suggestions) ? String(suggestions[0]) : '';
  return [`passphrase.warning.${String(warning)}`, `passphrase.suggestion.${tip}`]
    .filter((key): key is StringKey => key in DEFAULT_STRINGS.en)
    .map((key) => host.t(key, { min: Number(minPassphraseLength ?? 8) }))
    .join(' ');
}

/** A store refusal of a passphrase or a profile, in words; other errors keep their own message. */
export function passphraseMessage(host: LocalizedElement, error: unknown): string {
  switch (codeOf(error)) {
    case 'wrong-passphrase':
      return host.t('wrongPassphrase');
    case 'weak-passphrase':
      return `${host.t('weakPassphrase')} ${weakness(host, (error as { details?: unknown }).details)}`.trim();
    case 'profile-exists':
      return host.t('profileExists');
    default:
      return (error as Error)?.message ?? String(error);
  }
}

/**
 * Estimates a new passphrase's strength once typing pauses (each keystroke cancels the last check)
 * and keeps the latest estimate with the id of the field it was typed in.
 */
export class PassphraseStrengthController implements ReactiveController {
  /** The latest estimate, and the field it is for. */
  value: { readonly field: string; readonly strength: PassphraseStrength } | null = null;
  private check: AbortController | null = null;

  /** `userInputs`: words the passphrase must not lean on (the profile's name). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly userInputs: (input: HTMLInputElement) => readonly string[],
  ) {
    host.addController(this);
  }

  /** Starts a new estimate for what was typed in `input`. */
  readonly onInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const { id, value } = input;
    this.check?.abort();
    const check = (this.check = new AbortController());
    if (!value) {
      this.clear();
      return;
    }
    const inputs = this.userInputs(input).filter(Boolean);
    setTimeout(() => {
      if (check.signal.aborted) return;
      passphraseStrength(value, [...inputs]).then(
        (strength) => {
          if (check.signal.aborted) return;
          this.value = { field: id, strength };
          this.host.requestUpdate();
        },
        // The meter is advice: the store checks the passphrase again when the form is sent.
        () => undefined,
      );
    }, STRENGTH_DEBOUNCE_MS);
  };

  /** Forgets the estimate (a form was sent or reset). */
  clear(): void {
    this.check?.abort();
    this.check = null;
    if (this.value) {
      this.value = null;
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    this.check?.abort();
    this.check = null;
  }
}

/** The strength line under a new passphrase: a meter, a word, and while it is too weak, why. */
function renderStrength(host: LocalizedElement, id: string, meter: PassphraseStrengthController) {
  const s = meter.value?.field === id ? meter.value.strength : null;
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
            <span>${host.t('passphraseStrength', { label: host.t(`strength.${s.score}`) })}</span>
            ${s.acceptable ? nothing : html`<span class="muted">${weakness(host, s)}</span>`}`
        : nothing
    }
  </p>`;
}

/**
 * A labelled, required passphrase input. `isNew`: a passphrase being chosen (8+ characters,
 * password managers may suggest one); otherwise one being typed again. `hint` shows under it;
 * with `meter`, so does its strength as it is typed. `onInput` runs on every keystroke.
 */
export function passphraseField(
  host: LocalizedElement,
  id: string,
  label: string,
  {
    name = 'passphrase',
    isNew = false,
    hint,
    meter,
    onInput,
    autocomplete = isNew ? 'new-password' : 'current-password',
  }: {
    name?: string;
    isNew?: boolean;
    hint?: string;
    meter?: PassphraseStrengthController;
    onInput?: (event: Event) => void;
    autocomplete?: 'off' | 'new-password' | 'current-password';
  } = {},
) {
  const describedBy = [hint ? `${id}-hint` : '', meter ? `${id}-strength` : ''].filter(Boolean).join(' ');
  const input = (event: Event) => {
    onInput?.(event);
    meter?.onInput(event);
  };
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
      @input=${input}
    />
    ${hint ? html`<p id="${id}-hint" class="fine muted">${hint}</p>` : nothing}
    ${meter ? renderStrength(host, id, meter) : nothing}
  </div>`;
}

/** Styles of `passphraseField`: stacked label, input, hint and strength line. */
export const passphraseStyles = css`
  .field {
    display: grid;
    gap: 0.3rem;
  }
  .fine {
    font-size: 0.82rem;
  }
  .strength {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin: 0;
  }
  .strength:empty {
    display: none;
  }
  .strength meter {
    width: 5rem;
    height: 0.6rem;
  }
`;
