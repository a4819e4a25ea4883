import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { EMOTION_LABELS, isLocalDate, type EmotionLabel } from '@moodiary/core';
import { ENTRY_LIMITS } from '@moodiary/store';
import { LocalizedElement } from '../internal/localized-element.js';
import { tokens } from '../internal/styles.js';
import { styles } from './mood-entry-form.styles.js';
import { MoodEntryChangeEvent, MoodEntrySubmitEvent } from '../internal/events.js';
import { todayIso } from '../internal/dates.js';
import { formatTags, readTags } from '../internal/tags.js';
import type { StringKey } from '../internal/i18n.js';
import type { MoodEntryProblem, MoodEntryValue } from '../internal/types.js';

/** What `<mood-entry-form>` allows: editing, editing while a save runs (no second submit), nothing. */
export type MoodEntryFormState = 'ready' | 'busy' | 'disabled';

const sameTags = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/** A word shown in a message: long ones are cut, so the message stays readable. */
const shown = (word: string) => ([...word].length > 24 ? `${[...word].slice(0, 24).join('')}…` : word);

/**
 * The words of a diary entry: how the user feels (label chips), a note, tags and, with `choose-date`,
 * the day (today by default, never a day after today). Used wherever an entry is written or edited.
 *
 * The form owns what is typed: tags stay as typed (`#work, 친구`), and nothing is cleared on its
 * own; a host that saved the entry sets a new `value`. The host saves and shows any save error
 * (slot it in); the form says what does not fit an entry before the user presses Save.
 *
 * @tagname mood-entry-form
 * @summary Label chips, note, tags and day of an entry.
 *
 * @slot - Shown after the fields, before the buttons (a photo choice, songs, a save error).
 * @slot actions - More buttons beside Save (e.g. Cancel).
 *
 * @event mood-entry-change - Every edit. `detail: { value, problems }` (`problems` empty: it can be saved).
 * @event mood-entry-submit - The user pressed Save (or Enter) on a value that can be saved. `detail.value`.
 *
 * @csspart labels - The label choice.
 * @csspart date - The day field.
 * @csspart note - The note field.
 * @csspart tags - The tags field (words, `#` optional).
 * @csspart problem - A message about what does not fit.
 * @csspart save - The Save button.
 *
 * @cssproperty --mood-color-accent - The Save button and highlights.
 * @cssproperty --mood-color-happy - Colour of happy (also angry, sad, anxious, neutral, embarrassed).
 */
export class MoodEntryForm extends LocalizedElement {
  static override styles = [tokens, styles];

  /**
   * The entry's words. Setting it replaces what the form shows (tags typed in another spelling that
   * read the same stay as typed); reading it gives what the form holds now.
   */
  @property({ attribute: false }) value: Partial<MoodEntryValue> = {};

  /** The labels offered, in order. */
  @property({ attribute: false }) labels: readonly EmotionLabel[] = EMOTION_LABELS;

  /** Show the day field (to write for a missed day). Without it the value keeps the day it was given. */
  @property({ type: Boolean, attribute: 'choose-date' }) chooseDate = false;

  /** What counts as today, `YYYY-MM-DD` (default: the device's date); no later day can be chosen. */
  @property() today = '';

  /** `ready`; `busy` while the host saves (Save says so and cannot be pressed again); `disabled`. */
  @property({ reflect: true }) state: MoodEntryFormState = 'ready';

  @state() private label: EmotionLabel | null = null;
  @state() private note = '';
  @state() private tagsText = '';
  /** The chosen day (`''`: the user cleared the field); `null`: today. */
  @state() private day: string | null = null;
  /** The value this form made itself: given back by the host, it changes nothing. */
  private own: Partial<MoodEntryValue> | null = null;

  private get todayDate(): string {
    return this.today || todayIso();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') && this.value !== this.own) this.take(this.value ?? {});
  }

  /** Shows a value given by the host, field by field. */
  private take(value: Partial<MoodEntryValue>) {
    this.label = value.label ?? null;
    this.note = value.note ?? '';
    const tags = value.tags ?? [];
    if (!sameTags(readTags(this.tagsText).tags, tags)) this.tagsText = formatTags(tags);
    this.day = value.localDate || null;
  }

  /** The value as it is now, the day resolved. */
  private current(): MoodEntryValue {
    return {
      label: this.label,
      note: this.note,
      tags: readTags(this.tagsText).tags,
      localDate: this.day ?? this.todayDate,
    };
  }

  /** Why the value cannot be saved now; empty when it can. */
  get problems(): MoodEntryProblem[] {
    const problems: MoodEntryProblem[] = [];
    if (!this.label) problems.push('label-missing');
    if (this.chooseDate) {
      const day = this.day ?? this.todayDate;
      if (!isLocalDate(day)) problems.push('date-missing');
      else if (day > this.todayDate) problems.push('date-future');
    }
    const tags = readTags(this.tagsText);
    if (tags.extra > 0) problems.push('too-many-tags');
    if (tags.tooLong.length > 0) problems.push('tag-too-long');
    if (this.note.length > ENTRY_LIMITS.noteLength) problems.push('note-too-long');
    return problems;
  }

  private edit(change: { label?: EmotionLabel; note?: string; tagsText?: string; day?: string }) {
    if (change.label !== undefined) this.label = change.label;
    if (change.note !== undefined) this.note = change.note;
    if (change.tagsText !== undefined) this.tagsText = change.tagsText;
    if (change.day !== undefined) this.day = change.day;
    const value = this.current();
    this.own = value;
    this.value = value;
    this.dispatchEvent(new MoodEntryChangeEvent({ value, problems: this.problems }));
  }

  private onSubmit(event: Event) {
    event.preventDefault();
    if (this.state !== 'ready' || this.problems.length > 0) return;
    this.dispatchEvent(new MoodEntrySubmitEvent({ value: this.current() }));
  }

  /** A problem's message, with the ids that tie it to its field. */
  private problem(id: string, text: string) {
    return html`<p id=${id} part="problem" class="error" role="alert">${text}</p>`;
  }

  override render() {
    const problems = this.problems;
    const disabled = this.state === 'disabled';
    const tags = readTags(this.tagsText);
    const dateProblem = problems.find((p) => p === 'date-future' || p === 'date-missing');
    const tagsProblem = problems.includes('too-many-tags') || problems.includes('tag-too-long');
    const noteProblem = problems.includes('note-too-long');
    return html`<form @submit=${this.onSubmit} aria-busy=${this.state === 'busy' ? 'true' : 'false'}>
      <fieldset part="labels" ?disabled=${disabled}>
        <legend>${this.t('howDoYouFeel')}</legend>
        <div class="chips">
          ${this.labels.map(
            (label) =>
              html`<label class="chip mood-${label}">
                <input
                  type="radio"
                  name="label"
                  value=${label}
                  .checked=${this.label === label}
                  @change=${() => this.edit({ label })}
                /><span><span class="dot" aria-hidden="true"></span>${this.labelText(label)}</span>
              </label>`,
          )}
        </div>
      </fieldset>
      ${
        this.chooseDate
          ? html`<div class="field">
              <label for="date">${this.t('dateLabel')}</label>
              <input
                id="date"
                part="date"
                type="date"
                max=${this.todayDate}
                required
                ?disabled=${disabled}
                .value=${this.day ?? this.todayDate}
                aria-invalid=${dateProblem ? 'true' : 'false'}
                aria-describedby=${dateProblem ? 'date-problem' : nothing}
                @input=${(e: Event) => this.edit({ day: (e.target as HTMLInputElement).value })}
              />
              ${dateProblem ? this.problem('date-problem', this.t(`problem.${dateProblem}` as StringKey)) : nothing}
            </div>`
          : nothing
      }
      <div class="field">
        <label for="note">${this.t('noteLabel')}</label>
        <textarea
          id="note"
          part="note"
          maxlength=${ENTRY_LIMITS.noteLength}
          placeholder=${this.t('notePlaceholder')}
          ?disabled=${disabled}
          .value=${this.note}
          aria-invalid=${noteProblem ? 'true' : 'false'}
          aria-describedby=${noteProblem ? 'note-problem' : nothing}
          @input=${(e: Event) => this.edit({ note: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        ${
          noteProblem
            ? this.problem(
                'note-problem',
                this.t('problem.note-too-long', { max: ENTRY_LIMITS.noteLength, n: this.note.length }),
              )
            : nothing
        }
      </div>
      <div class="field">
        <label for="tags">${this.t('tagsLabel')}</label>
        <input
          id="tags"
          part="tags"
          type="text"
          autocomplete="off"
          placeholder=${this.t('tagsPlaceholder')}
          ?disabled=${disabled}
          .value=${this.tagsText}
          aria-invalid=${tagsProblem ? 'true' : 'false'}
          aria-describedby=${tagsProblem ? 'tags-problem' : nothing}
          @input=${(e: Event) => this.edit({ tagsText: (e.target as HTMLInputElement).value })}
        />
        ${
          tagsProblem
            ? html`<div id="tags-problem">
                ${tags.extra > 0 ? this.problem('tags-count', this.t('problem.too-many-tags', { max: ENTRY_LIMITS.tags, extra: tags.extra })) : nothing}
                ${tags.tooLong.length > 0 ? this.problem('tags-length', this.t('problem.tag-too-long', { max: ENTRY_LIMITS.tagLength, tag: shown(tags.tooLong[0]!) })) : nothing}
              </div>`
            : nothing
        }
      </div>
      <slot></slot>
      <div class="row">
        <button
          part="save"
          class="primary"
          type="submit"
          ?disabled=${problems.length > 0 || this.state !== 'ready'}
        >
          ${this.state === 'busy' ? this.t('saving') : this.t('save')}
        </button>
        <slot name="actions"></slot>
      </div>
    </form>`;
  }
}
