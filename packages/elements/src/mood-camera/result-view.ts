import { html, nothing } from 'lit';
import { EMOTION_LABELS, EMOTION_NAMES, type EmotionProbabilities } from '@moodiary/core';
import { cssom } from '../internal/cssom-style.js';
import type { MoodCaptureResult, MoodFace } from '../internal/events.js';
import type { StringKey } from '../internal/i18n.js';
import { pct, type CameraContext } from './camera-context.js';
import { shotOf } from './view.js';
import { certainOf, type CameraEntry } from './camera-entry.js';

/**
 * The reading on screen and the face the entry is about: a new reading (a picture's, or one the host
 * set) chooses its only face, or asks which one; nothing chosen for the last reading carries over.
 */
export class ResultView {
  private selected: number | null = null;
  /** The reading last prepared, so a host setting the same `result` again changes nothing. */
  private preparedFor: MoodCaptureResult | null = null;

  constructor(
    private readonly ctx: CameraContext,
    private readonly entry: CameraEntry,
  ) {}

  /** The face of the reading the entry is about (`null`: none chosen yet). */
  get selectedFace(): number | null {
    return this.selected;
  }

  /** Whether the element's `result` is not the reading last prepared. */
  get isNew(): boolean {
    return this.ctx.host.result !== this.preparedFor;
  }

  select(index: number): void {
    this.selected = index;
    const face = this.ctx.host.result?.faces[index];
    // An honest "not sure": no label is pre-chosen; the user picks.
    this.entry.label = face && !face.uncertain ? face.label : null;
    this.ctx.host.requestUpdate();
  }

  /** No reading: what was chosen for the last one is dropped (the words stay). */
  forget(): void {
    this.preparedFor = null;
    this.selected = null;
    this.entry.forgetChoices();
  }

  /** A new reading (from a picture, or set by the host): shown, with its only face chosen. */
  prepare(): void {
    const { ctx } = this;
    const result = ctx.host.result;
    this.forget();
    this.preparedFor = result;
    if (!result) return;
    const view = ctx.view();
    const shot = shotOf(view);
    if (result.faces.length === 0) {
      if (view.kind === 'result') ctx.show({ kind: 'failed', code: 'no-face', failure: '', shot });
      return;
    }
    if (view.kind !== 'saved' && !(view.kind === 'result' && view.saving))
      ctx.show({ kind: 'result', shot, saving: false, saveError: '' });
    if (result.faces.length === 1) this.select(0);
  }

  /** A reading with faces is on screen (with its form), as opposed to the camera, a failure or a form by hand. */
  get shown(): boolean {
    const s = this.ctx.host.state;
    return (s === 'result' || s === 'saving') && (this.ctx.host.result?.faces.length ?? 0) > 0;
  }

  render(save: () => void) {
    return renderResult(this.ctx, this.entry, save);
  }
}

/**
 * A reading on screen: the verdict (or an honest "not sure" and why), the entry form, the six
 * probability bars and the songs for the chosen word. With several faces and none chosen: "pick one".
 */
function renderResult(ctx: CameraContext, entry: CameraEntry, save: () => void) {
  const { host } = ctx;
  const result = host.result!;
  const index = ctx.selectedFace();
  const face = index === null ? null : result.faces[index]!;
  if (!face)
    return html`<div part="result">
      <p part="message" class="hint" role="status">${host.t('pickFace')}</p>
    </div>`;
  const top = face.label;
  return html`<div part="result">
    <div class="reading" role="status">
      ${
        face.uncertain
          ? html`<p class="verdict unsure">
              <span class="dot" aria-hidden="true"></span>${host.t('notSure')}
            </p>`
          : html`<p class="verdict mood-${top}">
              <span class="dot" aria-hidden="true"></span>${host.t('looksLike', {
                label: host.language === 'en' ? host.labelText(top).toLowerCase() : host.labelText(top),
              })}
              <span class="fine">${host.t('confidence', { percent: pct(face.confidence) })}</span>
            </p>`
      }
      ${result.frames ? html`<p part="frames" class="fine">${host.t('autoFrames', { n: result.frames })}</p>` : nothing}
      ${renderPersonal(ctx, face)}
    </div>
    ${
      // Why it is unsure: under the picture, across the card (a narrow column beside it would push Save down).
      face.uncertain
        ? html`<div class="uncertain" role="status">
            <p>${host.t('notSureHint')}</p>
            ${
              face.uncertainReasons.length
                ? html`<ul>
                    ${face.uncertainReasons.map((r) => html`<li>${host.strings[`reason.${r}` as StringKey] ?? host.t(`reason.${r}` as StringKey) ?? r}</li>`)}
                  </ul>`
                : nothing
            }
          </div>`
        : nothing
    }
    ${entry.renderForm(true, save)} ${renderBars(ctx, face.probabilities)}
    <p class="fine">${host.t('expressionNote')}</p>
    ${entry.renderSongs(songsFor(entry, face))}
  </div>`;
}

/** The six probabilities as bars, each word also in the other language. */
function renderBars(ctx: CameraContext, probabilities: EmotionProbabilities) {
  const { host } = ctx;
  const other = host.language === 'ko' ? 'en' : 'ko';
  return html`<section aria-label=${host.t('probabilities')}>
    <ul part="bars">
      ${EMOTION_LABELS.map(
        (label) =>
          html`<li class="mood-${label}" data-label=${label}>
            <span
              >${host.labelText(label)}
              <span class="other" lang=${other}>${EMOTION_NAMES[label][other]}</span></span
            >
            <span class="track" aria-hidden="true"
              ><span class="fill" style=${cssom({ width: `${pct(probabilities[label])}%` })}></span
            ></span>
            <span class="pct">${pct(probabilities[label])}%</span>
          </li>`,
      )}
    </ul>
  </section>`;
}

/** Songs follow the face, or the word the user chose instead of it. */
function songsFor(entry: CameraEntry, face: MoodFace): EmotionProbabilities {
  const label = entry.label;
  return !label || label === face.label ? face.probabilities : certainOf(label);
}

/**
 * "Adjusted to your corrections: 12 so far": under a reading the detector personalised, or before a
 * picture while a calibration is in use (and the detector takes one). Nothing below the fit's minimum.
 */
export function renderPersonal(ctx: CameraContext, face: MoodFace | null) {
  const { calibration } = ctx.personalization.state;
  const detector = ctx.model.current;
  const shown = face
    ? face.personalized
    : ctx.host.store && (!detector || typeof detector.setCalibration === 'function');
  if (!shown || !calibration) return nothing;
  return html`<p part="personal" class="fine">
    ${ctx.host.t('personalCount', { count: calibration.samples })}
  </p>`;
}
