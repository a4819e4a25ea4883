import { property } from 'lit/decorators.js';
import { MoodElement } from './mood-element.js';
import {
  DEFAULT_STRINGS,
  format,
  langOf,
  resolveLang,
  type MoodLang,
  type MoodStrings,
  type StringKey,
} from './i18n.js';
import type { EmotionLabel } from '@moodiary/core';

const connected = new Set<LocalizedElement>();
let observer: MutationObserver | undefined;

/** Re-renders elements without their own `lang` when the page's language changes. */
function observeDocumentLang() {
  if (observer || typeof MutationObserver === 'undefined' || typeof document === 'undefined') return;
  observer = new MutationObserver(() => {
    for (const el of connected) if (!el.lang) el.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

/** A Moodiary element that speaks Korean or English, with replaceable strings and a theme. */
export class LocalizedElement extends MoodElement {
  /**
   * `ko` or `en`. Empty: the nearest `lang` attribute on the page, then the browser's language.
   */
  @property({ reflect: true }) override lang = '';

  /** Replaces any built-in string; merged over the defaults of the current language. */
  @property({ attribute: false }) strings: Partial<MoodStrings> = {};

  /** `light`, `dark`, or `auto` (follows the system's colour scheme). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    observeDocumentLang();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
  }

  /** The language in use. */
  get language(): MoodLang {
    return this.lang ? resolveLang(this.lang) : langOf(this.parentElement ?? this);
  }

  /**
   * A string of the current language, `{placeholders}` filled.
   * @internal for the elements and their helpers, not for hosts
   */
  t(key: StringKey, vars?: Record<string, string | number>): string {
    const template = this.strings[key] ?? DEFAULT_STRINGS[this.language][key];
    return vars ? format(template, vars) : template;
  }

  /**
   * A label's name in the current language.
   * @internal
   */
  labelText(label: EmotionLabel): string {
    return this.t(`label.${label}` as StringKey);
  }

  /** Dates and numbers in the current language. */
  protected get locale(): string {
    return this.language === 'ko' ? 'ko-KR' : 'en';
  }
}
