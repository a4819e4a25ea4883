import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Estimator } from '@moodiary/emotion';
import type { EntryStore } from '@moodiary/store';
import type { SongMatcher } from '@moodiary/songs';
import { LocalizedElement } from '../internal/localized-element.js';
import type { MoodEntryForm } from '../mood-entry-form/mood-entry-form.js';
import { tokens } from '../internal/styles.js';
import type { CameraErrorCode, ElementsError } from '../internal/errors.js';
import {
  MoodCameraChangeEvent,
  MoodCapturedEvent,
  MoodErrorEvent,
  MoodModelProgressEvent,
  type MoodCaptureResult,
} from '../internal/events.js';
import { defaultDetectorFactory, type DetectorFactory } from '../internal/defaults.js';
import { PersonalizationController } from '../internal/personalization.js';
import type { MoodEntryDraft } from '../internal/types.js';
import { styles } from './mood-camera.styles.js';
import { CameraStreamController } from './camera-stream.js';
import { DetectorController } from './detector-controller.js';
import type { CameraContext } from './camera-context.js';
import { LivePreview } from './live-preview.js';
import { PictureReader } from './picture-reading.js';
import { renderStage } from './camera-stage.js';
import { renderControls, renderStatus } from './camera-controls.js';
import { renderPersonal, ResultView } from './result-view.js';
import { CameraEntry } from './camera-entry.js';
import { DetectorCalibration } from './detector-calibration.js';
import { PagePresenceController } from './page-presence.js';
import { PhotoInputController } from './photo-input.js';
import { draftOf, renderSaved, saveEntry } from './entry-saving.js';
import { shotOf, stateOf, viewFor, type CameraView, type MoodCameraState } from './view.js';

export type { MoodCameraState } from './view.js';

/**
 * Today's entry from a face: a mirrored front-camera preview, a single captured
 * frame (the camera turns off right after, unless `live`), or a photo chosen,
 * dropped or pasted. Shows the face box and all six expression probabilities,
 * says honestly when it is not sure, lets the user pick the word that fits and
 * write a note, suggests songs, and saves only when the user presses Save.
 *
 * The picture itself is read on the device and never saved; a small thumbnail is
 * kept only when `allow-thumbnail` is set and the user ticks the box.
 *
 * @tagname mood-camera
 * @summary Camera or photo → facial expression → a diary entry.
 *
 * @event mood-captured - A picture was read. `detail.result`: faces with boxes and probabilities.
 * @event mood-save - The user pressed Save; cancelable (call `preventDefault()` to save it yourself). `detail.draft`.
 * @event mood-saved - The entry was saved (`detail.persisted` is false when there is no `store`). `detail.entry`.
 * @event mood-error - Something failed; `detail.code` is stable: `camera-denied`, `camera-not-found`, `camera-in-use`, `insecure-context`, `camera-blocked-by-policy`, `camera-unsupported`, `camera-failed`, `bad-image`, `no-face`, `model-load`, `detector-failed`, `save-failed`.
 * @event mood-camera-change - The camera turned on or off. `detail.active`.
 * @event mood-model-progress - The face model is loading. `detail: { progress, ready }`.
 * @event mood-backend-change - The face model changed TensorFlow.js backend mid-session (e.g. WebGL lost → WASM). `detail: { from, to, reason }`.
 *
 * @csspart base - Everything.
 * @csspart stage - The picture area (preview, captured photo, drop target).
 * @csspart video - The live preview.
 * @csspart image - The captured or chosen picture.
 * @csspart face-box - A box around a detected face (`face-box selected` on the chosen one).
 * @csspart controls - The row of buttons.
 * @csspart start - The "turn on camera" button.
 * @csspart capture - The shutter button.
 * @csspart upload - The "choose a photo" button.
 * @csspart manual - The "write without a photo" button.
 * @csspart hint - Over the preview: what to fix before the shutter ("Come a little closer"), one at a time; `data-hint` holds its code.
 * @csspart progress - The model-loading progress.
 * @csspart message - An error or hint message.
 * @csspart result - The reading and the entry form.
 * @csspart bars - The six probability bars.
 * @csspart frames - "Taken by itself: the average of 4 frames…", under a reading auto-capture took.
 * @csspart personal - "Adjusted to your corrections: 12 so far", when readings are personalised.
 * @csspart labels - The label choice (in the `<mood-entry-form>` inside).
 * @csspart date - The day field of an entry written by hand (today or an earlier day).
 * @csspart note - The note field.
 * @csspart tags - The tags field (words, `#` optional).
 * @csspart problem - What does not fit an entry (too many tags, a day after today).
 * @csspart save - The save button.
 * @csspart songs - The `<mood-songs>` inside.
 *
 * @cssproperty --mood-color-accent - Buttons and highlights.
 * @cssproperty --mood-color-happy - Colour of happy (also angry, sad, anxious, neutral, embarrassed).
 * @cssproperty --mood-camera-stage-background - Behind the picture.
 * @cssproperty --mood-camera-box-color - Face box colour.
 * @cssproperty --mood-camera-max-width - Largest width of the element.
 */
export class MoodCamera extends LocalizedElement {
  static override styles = [tokens, styles];

  /** Your detector (`@moodiary/emotion`'s or any with `estimate()`). Default: created on first use. */
  @property({ attribute: false }) detector: Estimator | null = null;

  /** Options for the default detector (`createEmotionDetector(config)`), e.g. `{ modelBaseUrl }`. */
  @property({ attribute: false }) detectorConfig: Record<string, unknown> = {};

  /** Where Save writes. Without one, Save only fires `mood-save` / `mood-saved` for the host. */
  @property({ attribute: false }) store: EntryStore | null = null;

  /** Your song matcher for the suggestions (default: `@moodiary/songs`). */
  @property({ attribute: false }) songMatcher: SongMatcher | null = null;

  /** Keep the camera on after a capture (default: it turns off), and show the face and its smoothed expression live. */
  @property({ type: Boolean }) live = false;

  /** Turn the camera on when the element appears (browsers may still ask). */
  @property({ type: Boolean }) autostart = false;

  /**
   * When the face model starts loading (in its worker, off the page's main thread): `visible` (default)
   * once the element is on screen and painted, so the first photo waits for the reading only; `eager` at
   * once (the bare attribute `preload` means this); `none` on first use, for pages where the camera is
   * seldom used and the download should wait.
   */
  @property({ converter: (value) => (value === '' ? 'eager' : value) }) preload:
    'visible' | 'eager' | 'none' = 'visible';

  /** Offer to keep a small face thumbnail with the entry (off unless the user ticks it). */
  @property({ type: Boolean, attribute: 'allow-thumbnail' }) allowThumbnail = false;

  /** Hide song suggestions. */
  @property({ type: Boolean, attribute: 'hide-songs' }) hideSongs = false;

  /**
   * Take the picture by itself once the face has been good (nothing to fix) and steady for about a
   * second; the reading is the smoothed average of those frames, and says how many. Off by default.
   */
  @property({ type: Boolean, attribute: 'auto-capture' }) autoCapture = false;

  /** Mirror the preview like a mirror (default on). */
  @property({ type: Boolean }) mirrored = true;

  /** What is shown. Reflects to the `state` attribute; set with `result` to show a given state (e.g. in stories). */
  @property({ reflect: true })
  get state(): MoodCameraState {
    return stateOf(this.view);
  }
  set state(state: MoodCameraState) {
    this.show(viewFor(state, this.view));
  }

  /** The last camera failure, shown with its own message; upload still works. Reflects to `camera-error`. */
  @property({ reflect: true, attribute: 'camera-error' }) cameraError: CameraErrorCode | null = null;

  /** The reading on screen. Set it to show a result without a model. */
  @property({ attribute: false }) result: MoodCaptureResult | null = null;

  /** Model loading progress, 0–1, or `null` when unknown. */
  @property({ attribute: false }) progress: number | null = null;

  /** What the element does now; `state` is read from it. Changed only through {@link show} and {@link clear}. */
  @state() private view: CameraView = { kind: 'idle' };

  @query('video') private video?: HTMLVideoElement;

  /** The stream, its preview and the live-frame loop; stopped when the element leaves the page. */
  private readonly camera = new CameraStreamController(
    this,
    () => this.video,
    () => this.dispatchEvent(new MoodCameraChangeEvent({ active: false })),
  );
  /** The detector: the host's, or the default one made on first need; let go when the element leaves. */
  private readonly model = new DetectorController(this, {
    given: () => this.detector,
    factory: () => this.detectorFactory,
    config: () => this.detectorConfig,
    onProgress: (progress, ready) => {
      this.progress = progress;
      this.dispatchEvent(new MoodModelProgressEvent({ progress, ready }));
    },
  });
  /** The store's personal calibration (#15): fitted after the first paint, refitted after each answer. */
  private readonly personalization = new PersonalizationController(this, () => this.store);
  private readonly calibration = new DetectorCalibration(this.personalization, () => Boolean(this.store));
  /** The photo picker, drop and paste. */
  private readonly photos = new PhotoInputController(this, (file) => void this.analyzeFile(file));

  /** What the parts below read of this element. */
  private readonly context: CameraContext = {
    host: this,
    camera: this.camera,
    model: this.model,
    personalization: this.personalization,
    view: () => this.view,
    show: (next) => this.show(next),
    clear: (next) => this.clear(next),
    newWork: () => this.newWork(),
    selectedFace: () => this.reading.selectedFace,
    selectFace: (index) => this.reading.select(index),
    mirrorPreview: () => this.mirrored && this.camera.facing !== 'environment',
    personalize: (detector) => this.calibration.give(detector),
    report: (error) => this.report(error),
    keepFocus: (hadFocus, selector) => this.keepFocus(hadFocus, selector),
  };
  private readonly preview = new LivePreview(this.context, (video, window) =>
    this.reader.captureWindow(video, window),
  );
  private readonly reader = new PictureReader(this.context, (result) => this.showReading(result));
  /** The entry being written: words, songs kept, thumbnail choice, and its form. */
  private readonly entry = new CameraEntry(this.context);
  /** The reading on screen and the face chosen in it. */
  private readonly reading = new ResultView(this.context, this.entry);

  /** The work in progress (a camera start, a picture's reading): a newer one, a reset or leaving the page aborts it. */
  private work = new AbortController();

  /** Starts a new piece of work; whatever ran before gives up its result. */
  private newWork(): AbortSignal {
    this.work.abort();
    this.work = new AbortController();
    return this.work.signal;
  }

  /** Shows `next`; a picture the new view no longer holds is let go (a bitmap's memory at once). */
  private show(next: CameraView) {
    const old = this.view;
    const shot = shotOf(old);
    if (shot && shot !== shotOf(next) && shot.picture instanceof ImageBitmap) shot.picture.close();
    this.view = next;
    this.requestUpdate('state', stateOf(old));
  }

  /**
   * The one reset: the work in progress is aborted, the picture and its reading are dropped with the
   * face, label and songs chosen for it, and `next` is shown. The note and tags stay: only a save clears them.
   */
  private clear(next: CameraView) {
    this.work.abort();
    this.result = null;
    this.reading.forget();
    this.show(next);
  }

  constructor() {
    super();
    // Camera off when the element or the tab is hidden; the model preloaded once it is on screen.
    void new PagePresenceController(this, {
      hidden: () => this.camera.active && this.stop(),
      painted: () => this.preload === 'visible' && this.preloadModel(),
    });
  }

  /** The default detector factory; replace for tests or a worker-backed detector. */
  detectorFactory: DetectorFactory = defaultDetectorFactory;

  /** True while the camera streams. */
  get cameraActive(): boolean {
    return this.camera.active;
  }

  /** How many cameras the device offers (known after the first start; 0 before). */
  get cameraCount(): number {
    return this.camera.cameraIds.length;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.autostart) void this.start();
    if (this.preload === 'eager') this.preloadModel();
  }

  /** Starts loading the model after the current task, once a parent template has set detector / detectorConfig. */
  private preloadModel() {
    setTimeout(() => this.isConnected && !this.model.isRequested && void this.model.ensure().catch(() => {}));
  }

  override disconnectedCallback(): void {
    // The detector may be the page's shared one: it does not keep this profile's calibration.
    this.calibration.withdraw();
    super.disconnectedCallback();
    this.stop();
    // A picture and its reading do not outlive the page they were taken on.
    if (['reading', 'failed', 'result'].includes(this.view.kind)) this.clear({ kind: 'idle' });
    else this.work.abort();
  }

  /** Done when the entry form inside has drawn too, so a host sees the whole element updated. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.renderRoot.querySelector<MoodEntryForm>('mood-entry-form')?.updateComplete;
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('result') && this.reading.isNew) this.reading.prepare();
    if (changed.has('detector')) this.model.forget();
    // Another profile's store: its calibration is not this one's.
    if (changed.has('store') && changed.get('store')) this.calibration.withdraw();
  }

  private report(error: ElementsError) {
    this.dispatchEvent(new MoodErrorEvent({ error, code: error.code }));
  }

  /** Turns the front camera on. Failures set `cameraError` and fire `mood-error`; upload keeps working. */
  async start(): Promise<void> {
    if (this.camera.active || this.view.kind === 'starting') return;
    this.cameraError = null;
    this.clear({ kind: 'starting' });
    return this.preview.start(this.newWork());
  }

  /**
   * Moves to the device's next camera (front ↔ back on a phone) while the camera is on; the choice is
   * kept for the next start. Does nothing with a single camera.
   */
  async switchCamera(): Promise<void> {
    if (this.view.kind !== 'live' || !this.camera.next()) return;
    this.stop(false);
    await this.start();
  }

  /** Turns the camera off (the picture on screen, if any, stays). */
  stop(notify = true): void {
    this.camera.stop({ quiet: !notify });
    if (this.view.kind === 'live' || this.view.kind === 'starting') {
      this.work.abort();
      this.show({ kind: 'idle' });
    }
  }

  /** Takes one frame from the camera and reads it. The camera turns off unless `live`. */
  async capture(): Promise<MoodCaptureResult | null> {
    const video = this.video;
    if (!this.camera.active || !video || video.videoWidth === 0) return null;
    return this.reader.capture(video);
  }

  /**
   * Reads a photo file (from a picker, drop or paste). The file itself goes to the detector, whose Blob
   * path reads it upright (EXIF); the page decodes it once, small, to show it.
   */
  async analyzeFile(file: Blob): Promise<MoodCaptureResult | null> {
    return this.reader.analyzeFile(file);
  }

  /** A picture was read: its reading is shown and announced with `mood-captured`. */
  private showReading(result: MoodCaptureResult) {
    this.result = result;
    this.reading.prepare();
    this.dispatchEvent(new MoodCapturedEvent({ result }));
  }

  /**
   * Writes an entry by hand: no camera, no photo; the user picks the word and writes a note. For
   * today, or for `date` (`YYYY-MM-DD`, an earlier day: the tracker's "write for this day").
   */
  writeByHand(date?: string): void {
    if (this.camera.active) this.stop();
    this.clear({ kind: 'manual', saving: false, saveError: '' });
    if (date) this.entry.writeFor(date);
  }

  /** Back to the start (the camera turns on again when `live`); what the user typed stays until saved. */
  reset(): void {
    this.clear(this.camera.active ? { kind: 'live', face: null, hint: this.preview.hint } : { kind: 'idle' });
  }

  /**
   * The entry the form describes now, or null when no face and label are chosen or the words do not
   * fit an entry (the form says why).
   */
  get draft(): MoodEntryDraft | null {
    return draftOf(this.context, this.entry);
  }

  /**
   * Saves the entry the user described. Does nothing without a chosen face and label. When the store
   * refuses, the form stays as it was, with everything typed and the reason.
   */
  async save(): Promise<void> {
    return saveEntry(this.context, this.entry);
  }

  private readonly onSave = () => void this.save();

  /**
   * When the control the user pressed disappears (capture, save), keep keyboard and screen-reader
   * users in place: move focus to what replaced it — but only if focus was inside this element.
   */
  private async keepFocus(hadFocus: boolean, selector: string) {
    if (!hadFocus) return;
    await this.updateComplete;
    (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
  }

  override render() {
    const busy = ['starting', 'loading-model', 'analyzing', 'saving'].includes(this.state);
    // A face's reading fits one screen (#16): a small picture beside the verdict, Save right after.
    const compact = this.reading.shown && this.reading.selectedFace !== null;
    return html`<div
      part="base"
      class="card ${compact ? 'has-result' : ''}"
      aria-busy=${busy ? 'true' : 'false'}
      @dragover=${this.photos.onDragOver}
      @dragleave=${this.photos.onDragLeave}
      @drop=${this.photos.onDrop}
    >
      ${this.state === 'saved' ? renderSaved(this.context) : this.renderMain()} ${this.photos.renderPicker()}
    </div>`;
  }

  private renderMain() {
    if (this.view.kind === 'manual') return this.entry.renderManual(this.onSave);
    const showResult = this.reading.shown;
    return html`
      <div class="intro">
        <h2 id="title" tabindex="-1">${showResult ? this.t('resultTitle') : this.t('cameraTitle')}</h2>
        ${showResult ? nothing : html`<p>${this.t('cameraIntro')}</p>`}
      </div>
      ${renderStage(this.context, this.photos.dragging)} ${renderStatus(this.context)}
      ${renderControls(this.context, () => this.photos.choose())}
      ${showResult ? this.reading.render(this.onSave) : renderPersonal(this.context, null)}
    `;
  }
}
