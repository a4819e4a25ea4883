import { html, nothing } from 'lit';
import { EMOTION_LABELS, type EmotionLabel, type EmotionProbabilities } from '@moodiary/core';
import type { SongRef } from '@moodiary/store';
import type { MoodEntryChangeEvent, MoodSongSelectEvent } from '../internal/events.js';
import type { MoodEntryProblem, MoodEntryValue } from '../internal/types.js';
import type { CameraContext } from './camera-context.js';

/** An entry with nothing written yet (the day: today). */
const NO_WORDS: MoodEntryValue = { label: null, note: '', tags: [], localDate: '' };

/** Certain of `label`: the probabilities songs are matched to when the user chose the word themselves. */
export const certainOf = (label: EmotionLabel): EmotionProbabilities =>
  Object.fromEntries(EMOTION_LABELS.map((l) => [l, l === label ? 1 : 0])) as EmotionProbabilities;

/**
 * The entry being written: the words as the `<mood-entry-form>` has them (label, note, tags, day), the
 * songs kept and the thumbnail choice, with the form and the song suggestions that edit them. The note
 * and tags outlive a new picture; only a save clears them.
 */
export class CameraEntry {
  private value: MoodEntryValue = NO_WORDS;
  /** Why the words cannot be saved, as the form last said (a missing label is the camera's to judge). */
  private wordProblems: readonly MoodEntryProblem[] = [];
  private thumbnail = false;
  private kept: SongRef[] = [];

  constructor(private readonly ctx: CameraContext) {}

  get words(): MoodEntryValue {
    return this.value;
  }

  get problems(): readonly MoodEntryProblem[] {
    return this.wordProblems;
  }

  /** Whether the user ticked "keep a thumbnail". */
  get keepThumbnail(): boolean {
    return this.thumbnail;
  }

  get keptSongs(): readonly SongRef[] {
    return this.kept;
  }

  /** The label chosen in the form, or pre-chosen from the face. */
  get label(): EmotionLabel | null {
    return this.value.label;
  }

  set label(label: EmotionLabel | null) {
    if (label !== this.value.label) this.update({ ...this.value, label });
  }

  /** A new picture or none: the label, songs and thumbnail chosen for the last one go; the words stay. */
  forgetChoices(): void {
    this.kept = [];
    this.thumbnail = false;
    this.label = null;
    this.ctx.host.requestUpdate();
  }

  /** Writing by hand for `date` (an earlier day). */
  writeFor(date: string): void {
    this.update({ ...this.value, localDate: date });
  }

  /** Saved: the next entry starts empty. */
  clear(): void {
    this.wordProblems = [];
    this.update(NO_WORDS);
  }

  private update(value: MoodEntryValue) {
    this.value = value;
    this.ctx.host.requestUpdate();
  }

  private readonly onWordsChange = (event: MoodEntryChangeEvent) => {
    this.wordProblems = event.detail.problems.filter((p) => p !== 'label-missing');
    this.update(event.detail.value);
  };

  private readonly onSongSelect = (event: MoodSongSelectEvent) => {
    const { match, how, selected } = event.detail;
    const id = match.song.id;
    const rest = this.kept.filter((s) => s.id !== id);
    const existing = this.kept.find((s) => s.id === id);
    if (how === 'chosen') this.kept = selected ? [...rest, { id, played: existing?.played ?? false }] : rest;
    else this.kept = [...rest, { id, played: true }];
    this.ctx.host.requestUpdate();
  };

  /** "Retake" beside Save: back to the start, and the camera on again when the picture was the camera's. */
  private retake() {
    const { host, camera } = this.ctx;
    const wasCamera = host.result?.source === 'camera';
    host.reset();
    if (wasCamera && !camera.active && host.cameraError === null) void host.start();
  }

  /** The entry form (label, note, tags; the day when written by hand) with the thumbnail choice and why a save failed. */
  renderForm(fromPicture: boolean, save: () => void) {
    const { host } = this.ctx;
    const view = this.ctx.view();
    const saveError = 'saveError' in view ? view.saveError : '';
    return html`<mood-entry-form
      exportparts="labels, date, note, tags, problem, save"
      lang=${host.language}
      theme=${host.theme}
      .strings=${host.strings}
      ?choose-date=${!fromPicture}
      state=${host.state === 'saving' ? 'busy' : 'ready'}
      .value=${this.value}
      @mood-entry-change=${this.onWordsChange}
      @mood-entry-submit=${save}
    >
      ${
        host.allowThumbnail && fromPicture
          ? html`<label class="check"
              ><input
                type="checkbox"
                .checked=${this.thumbnail}
                @change=${(e: Event) => {
                  this.thumbnail = (e.target as HTMLInputElement).checked;
                  host.requestUpdate();
                }}
              />${host.t('keepThumbnail')}</label
            >`
          : nothing
      }
      ${saveError ? html`<p part="message" class="error" role="alert">${saveError}</p>` : nothing}
      ${
        fromPicture
          ? html`<button slot="actions" type="button" @click=${() => this.retake()}>
              ${host.t('retake')}
            </button>`
          : nothing
      }
    </mood-entry-form>`;
  }

  /** Songs for the reading or the chosen word: after Save, so they never push it off the first screen (#16). */
  renderSongs(songProbabilities: EmotionProbabilities | null) {
    const { host } = this.ctx;
    return host.hideSongs || !songProbabilities
      ? nothing
      : html`<mood-songs
          part="songs"
          exportparts="song, link, keep, modes"
          selectable
          lang=${host.language}
          theme=${host.theme}
          .strings=${host.strings}
          .matcher=${host.songMatcher}
          .probabilities=${songProbabilities}
          .selected=${this.kept.map((s) => s.id)}
          @mood-song-select=${this.onSongSelect}
        ></mood-songs>`;
  }

  /** An entry written by hand: the form with the day, songs for the word chosen, and the way back. */
  renderManual(save: () => void) {
    const { host } = this.ctx;
    const label = this.label;
    return html`<div class="intro">
        <h2 id="title" tabindex="-1">${host.t('manualTitle')}</h2>
        <p>${host.t('manualIntro')}</p>
      </div>
      <div part="result" class="manual">
        ${this.renderForm(false, save)} ${this.renderSongs(label ? certainOf(label) : null)}
      </div>
      <div part="controls">
        <button type="button" class="link" @click=${() => host.reset()}>${host.t('backToPhoto')}</button>
      </div>`;
  }
}
