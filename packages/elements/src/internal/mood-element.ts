import { LitElement } from 'lit';
import { VERSION } from '../version.js';

/**
 * Base of every Moodiary element. It carries the library version, so that two
 * copies of Moodiary on one page can tell each other apart (see `defineElement`).
 */
export class MoodElement extends LitElement {
  static readonly version: string = VERSION;
}

export type MoodElementConstructor = CustomElementConstructor & { readonly version?: string };

/**
 * Registers `tag` once. Loading the bundle twice must never throw: when the tag is
 * already taken this does nothing, and warns only when a *different* version of
 * Moodiary holds it (the page then runs that version's element). Without a DOM
 * (server-side rendering) it does nothing at all.
 */
export function defineElement(tag: string, element: MoodElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag) as MoodElementConstructor | undefined;
  if (!existing) {
    customElements.define(tag, element);
    return;
  }
  if (existing !== element && existing.version !== element.version) {
    console.warn(
      `Moodiary: <${tag}> is already defined by version ${existing.version ?? 'unknown'}; ` +
        `version ${element.version ?? 'unknown'} was not registered. Load Moodiary once per page.`,
    );
  }
}
