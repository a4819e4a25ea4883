import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { cssom } from '../internal/cssom-style.js';
import { EMOTION_LABELS, EMOTION_NAMES, type EmotionLabel, type EmotionProbabilities } from '@moodiary/core';
import { LocalizedElement } from '../internal/localized-element.js';
import type { MoodEntryForm } from '../mood-entry-form/mood-entry-form.js';
import { tokens } from '../internal/styles.js';
import { styles } from './mood-camera.styles.js';
import { screenPicture, thumbnailOf, toCanvas } from '../internal/camera.js';
import { CameraStreamController } from './camera-stream.js';
import { normalizeFace } from './faces.js';
import { GoodFrames, type GoodWindow } from './good-frames.js';
import { captureIssues, EmotionSmoother, SteadyIssue } from '@moodiary/emotion/webcam';
import {
  shotOf,
  stateOf,
  viewFor,
  type CameraView,
  type LiveFace,
  type MoodCameraState,
  type Shot,
} from './view.js';
import { drawn, type PictureSource } from '../internal/picture.js';
import { ElementsError, isElementsError, toElementsError, type CameraErrorCode } from '../internal/errors.js';
import {
  MoodCameraChangeEvent,
  MoodCapturedEvent,
  MoodErrorEvent,
  MoodModelProgressEvent,
  MoodSaveEvent,
  MoodSavedEvent,
  type MoodCaptureResult,
  type MoodFace,
} from '../internal/events.js';
import { defaultDetectorFactory, type DetectorFactory } from '../internal/defaults.js';
import { DetectorController } from './detector-controller.js';
import { calibrate, PersonalizationController } from '../internal/personalization.js';
import { isoDate } from '../internal/dates.js';
import { cameraIcon, photoIcon } from '../internal/icons.js';
import type { StringKey } from '../internal/i18n.js';
import type { MoodEntryDraft, MoodEntryProblem, MoodEntryValue } from '../internal/types.js';
import type { Calibration, EmotionInput, Estimator } from '@moodiary/emotion';
import type { EntryStore, MoodEntry, SongRef } from '@moodiary/store';
import type { SongMatcher } from '@moodiary/songs';
import type { MoodEntryChangeEvent, MoodSongSelectEvent } from '../internal/events.js';

export type { MoodCameraState } from './view.js';

const pct = (x: number) => Math.round(x * 100);

/** Frames (4 a second) an issue must hold before its hint shows, or a good frame before it goes: no flicker. */
const HINT_FRAMES = 3;

/** An entry with nothing written yet (the day: today). */
const NO_WORDS: MoodEntryValue = { label: null, note: '', tags: [], localDate: '' };

/** A box as percentages of the picture. Set through the CSSOM (see cssom()), so strict CSPs without 'unsafe-inline' allow it. */
const boxStyle = (b: { x: number; y: number; width: number; height: number }, w: number, h: number) => ({
  left: `${(b.x / w) * 100}%`,
  top: `${(b.y / h) * 100}%`,
  width: `${(b.width / w) * 100}%`,
  height: `${(b.height / h) * 100}%`,
});

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

  @state() private selectedFace: number | null = null;
  /** The entry's words as the form has them; the note and tags outlive a new picture (only a save clears them). */
  @state() private words: MoodEntryValue = NO_WORDS;
  /** Why the words cannot be saved, as the form last said (a missing label is the camera's to judge). */
  private wordProblems: readonly MoodEntryProblem[] = [];
  @state() private keepThumbnail = false;
  @state() private keptSongs: SongRef[] = [];
  @state() private dragging = false;
  /** What the element does now; `state` is read from it. Changed only through {@link show} and {@link clear}. */
  @state() private view: CameraView = { kind: 'idle' };

  @query('video') private video?: HTMLVideoElement;
  @query('input[type=file]') private fileInput?: HTMLInputElement;

  /** The stream, its preview and the live-frame loop; stopped when the element leaves the page. */
  private readonly camera = new CameraStreamController(
    this,
    () => this.video,
    () => this.dispatchEvent(new MoodCameraChangeEvent({ active: false })),
  );
  private shown: IntersectionObserver | undefined;
  /** The live preview's expression, smoothed over time by the SDK's own rule (half-life 600 ms). */
  private readonly smoother = new EmotionSmoother();
  /** The preview's capture hint (#15): the SDK's typed issues, shown once steady. */
  private readonly steady = new SteadyIssue(HINT_FRAMES);
  /** Auto-capture's window of good, steady frames. */
  private readonly goodFrames = new GoodFrames();
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
  /** What each detector was last given, so it is told only of changes; the one given a calibration. */
  private readonly calibrations = new WeakMap<Estimator, Calibration | null>();
  private calibrated: Estimator | null = null;

  /**
   * Gives the detector this profile's calibration (or none, when off or too few answers). Only with a
   * store whose personalisation was read: a host's own detector without one is left as it is.
   */
  private personalize(detector: Estimator) {
    const { loaded, calibration } = this.personalization.state;
    if (!this.store || !loaded) return;
    calibrate(detector, calibration, this.calibrations);
    this.calibrated = calibration ? detector : null;
  }

  /** The work in progress (a camera start, a picture's reading): a newer one, a reset or leaving the page aborts it. */
  private work = new AbortController();

  /** Starts a new piece of work; whatever ran before gives up its result. */
  private newWork(): AbortSignal {
    this.work.abort();
    this.work = new AbortController();
    return this.work.signal;
  }

  private cancelWork() {
    this.work.abort();
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
    this.cancelWork();
    this.result = null;
    this.preparedFor = null;
    this.selectedFace = null;
    this.chosenLabel = null;
    this.keptSongs = [];
    this.keepThumbnail = false;
    this.show(next);
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

  /** The preview is mirrored like a mirror, except for a camera that faces away from the user. */
  private get mirrorPreview(): boolean {
    return this.mirrored && this.camera.facing !== 'environment';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.addEventListener('paste', this.onPaste);
    // Hidden by the page (the `hidden` attribute, `display: none` on it or an ancestor): camera off.
    if (typeof IntersectionObserver !== 'undefined') {
      this.shown = new IntersectionObserver((entries) => {
        if (this.camera.active && typeof this.checkVisibility === 'function' && !this.checkVisibility())
          this.stop();
        // On screen: the next frame has painted it, so loading no longer competes with the first paint.
        if (this.preload === 'visible' && entries.some((e) => e.isIntersecting))
          requestAnimationFrame(() => this.preloadModel());
      });
      this.shown.observe(this);
    }
    if (this.autostart) void this.start();
    if (this.preload === 'eager') this.preloadModel();
  }

  /** Starts loading the model after the current task, once a parent template has set detector / detectorConfig. */
  private preloadModel() {
    setTimeout(() => this.isConnected && !this.model.isRequested && void this.model.ensure().catch(() => {}));
  }

  override disconnectedCallback(): void {
    // The detector may be the page's shared one: it does not keep this profile's calibration.
    if (this.calibrated) calibrate(this.calibrated, null, this.calibrations);
    this.calibrated = null;
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.removeEventListener('paste', this.onPaste);
    this.shown?.disconnect();
    this.shown = undefined;
    this.stop();
    // A picture and its reading do not outlive the page they were taken on.
    if (['reading', 'failed', 'result'].includes(this.view.kind)) this.clear({ kind: 'idle' });
    else this.cancelWork();
  }

  /** Done when the entry form inside has drawn too, so a host sees the whole element updated. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.renderRoot.querySelector<MoodEntryForm>('mood-entry-form')?.updateComplete;
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('result') && this.result !== this.preparedFor) this.prepareResult();
    if (changed.has('detector')) this.model.forget();
    if (changed.has('store') && this.calibrated && changed.get('store')) {
      // Another profile's store: its calibration is not this one's.
      calibrate(this.calibrated, null, this.calibrations);
      this.calibrated = null;
    }
  }

  private readonly onVisibility = () => {
    if (document.hidden && this.camera.active) this.stop();
  };

  private readonly onPaste = (event: ClipboardEvent) => {
    const file = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (!file) return;
    event.preventDefault();
    void this.analyzeFile(file);
  };

  private report(error: ElementsError) {
    this.dispatchEvent(new MoodErrorEvent({ error, code: error.code }));
  }

  /** Turns the front camera on. Failures set `cameraError` and fire `mood-error`; upload keeps working. */
  async start(): Promise<void> {
    if (this.camera.active || this.view.kind === 'starting') return;
    this.cameraError = null;
    this.clear({ kind: 'starting' });
    const work = this.newWork();
    try {
      if (!(await this.camera.open(work))) {
        if (!work.aborted) this.stop(false);
        return;
      }
      this.show({ kind: 'live', face: null, hint: null });
      this.dispatchEvent(new MoodCameraChangeEvent({ active: true }));
      // Every preview is read a few times a second for the capture hints; with `live`, for the face too.
      this.smoother.reset();
      this.steady.reset();
      this.goodFrames.reset();
      this.camera.runFrames((video) => this.liveTick(video));
      // Warm the model up while the user frames the picture.
      void this.model.ensure().catch(() => {});
    } catch (error) {
      if (work.aborted) return;
      this.stop(false);
      const err = isElementsError(error) ? error : toElementsError(error, 'camera-failed');
      this.cameraError = err.code as CameraErrorCode;
      this.report(err);
    }
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
      this.cancelWork();
      this.show({ kind: 'idle' });
    }
  }

  /**
   * Reads the preview a few times a second: what to fix before the shutter (a steady hint) and, in
   * live mode, the face and its expression smoothed over time.
   */
  private async liveTick(video: HTMLVideoElement): Promise<void> {
    const detector = this.model.current;
    if (this.view.kind !== 'live' || !detector) return;
    this.personalize(detector);
    try {
      // One view a frame keeps the preview quick; the smoother averages over frames, the shutter reads all views.
      const estimate = await detector.estimate(video, { views: 'one' });
      if (this.view.kind !== 'live') return;
      estimate.faces.forEach(normalizeFace); // a host detector's faces must be readable
      const time = performance.now();
      const smoothed = this.smoother.push(estimate, time);
      const issues = captureIssues(estimate);
      const hint = this.steady.push(issues);
      const window = this.autoCapture ? this.goodFrames.push(estimate, issues, time) : null;
      if (window) {
        this.captureWindow(video, window);
        return;
      }
      this.show({
        kind: 'live',
        face:
          this.live && smoothed
            ? { box: smoothed.box, label: smoothed.label, probabilities: smoothed.probabilities }
            : null,
        hint,
      });
    } catch {
      // A dropped frame is not worth a message; the capture reports real failures.
    }
  }

  /**
   * Auto-capture: the frame on screen is the picture; its reading is the smoothed average of the good
   * window that ended with it (no second reading). The camera turns off unless `live`.
   */
  private captureWindow(video: HTMLVideoElement, window: GoodWindow) {
    const hadFocus = this.matches(':focus-within');
    const frame = toCanvas(video, video.videoWidth, video.videoHeight);
    if (!this.live) this.stop();
    const shot: Shot = { picture: frame, source: 'camera' };
    this.beginReading(shot);
    const { smoothed, modelSmoothed, face } = window;
    const uncertain = window.lowConfidence;
    const result: MoodCaptureResult = {
      faces: [
        normalizeFace({
          ...face,
          probabilities: smoothed.probabilities,
          label: smoothed.label,
          confidence: smoothed.confidence,
          uncertain,
          uncertainReasons: uncertain ? ['low-confidence'] : [],
          ...(face.personalized ? { modelProbabilities: modelSmoothed.probabilities } : {}),
        }),
      ],
      width: window.image?.width ?? frame.width,
      height: window.image?.height ?? frame.height,
      source: 'camera',
      image: frame,
      ...(window.model?.version
        ? { modelVersion: `${window.model.name ?? 'model'}@${window.model.version}` }
        : {}),
      ...(window.backend ? { backend: window.backend } : {}),
      frames: window.frames,
    };
    this.result = result;
    this.prepareResult();
    this.dispatchEvent(new MoodCapturedEvent({ result }));
    void this.keepFocus(hadFocus, '#title');
  }

  /** Takes one frame from the camera and reads it. The camera turns off unless `live`. */
  async capture(): Promise<MoodCaptureResult | null> {
    const hadFocus = this.matches(':focus-within');
    const video = this.video;
    if (!this.camera.active || !video || video.videoWidth === 0) return null;
    const frame = toCanvas(video, video.videoWidth, video.videoHeight);
    if (!this.live) this.stop();
    const shot: Shot = { picture: frame, source: 'camera' };
    const work = this.beginReading(shot);
    const result = await this.read(frame, shot, work);
    void this.keepFocus(hadFocus, '#title');
    return result;
  }

  /**
   * Reads a photo file (from a picker, drop or paste). The file itself goes to the detector, whose Blob
   * path reads it upright (EXIF); the page decodes it once, small, to show it.
   */
  async analyzeFile(file: Blob): Promise<MoodCaptureResult | null> {
    if (this.camera.active && !this.live) this.stop();
    const work = this.beginReading(null);
    let picture: ImageBitmap;
    try {
      const maxMegapixels = this.detectorConfig.maxMegapixels;
      picture = await screenPicture(file, typeof maxMegapixels === 'number' ? { maxMegapixels } : {});
    } catch (error) {
      const code =
        (error as { code?: string } | null)?.code === 'image-too-large' ? 'image-too-large' : 'bad-image';
      if (!work.aborted) this.fail(toElementsError(error, code), 'bad-image');
      return null;
    }
    if (work.aborted) {
      picture.close();
      return null;
    }
    const shot: Shot = { picture, source: 'upload' };
    this.show({ kind: 'reading', phase: 'analyzing', shot });
    return this.read(file, shot, work);
  }

  /** Starts reading a new picture: the previous picture, reading and failure are dropped. */
  private beginReading(shot: Shot | null): AbortSignal {
    this.clear({ kind: 'reading', phase: 'analyzing', shot });
    return this.newWork();
  }

  /** Shows a failure of the current picture in the user's language. */
  private fail(error: ElementsError, code: 'no-face' | 'bad-image' | 'error') {
    const { width = 0, height = 0, maxMegapixels = 0 } = (error.details ?? {}) as Record<string, number>;
    const failure = this.t(`error.${error.code}` as StringKey, {
      megapixels: Math.round((width * height) / 1e6),
      max: maxMegapixels,
    });
    this.show({ kind: 'failed', code, failure, shot: shotOf(this.view) });
    this.report(error);
  }

  /** Reads `input` with the detector, showing `shot`; the outcome is shown only while `work` is not aborted. */
  private async read(
    input: EmotionInput,
    shot: Shot | null,
    work: AbortSignal,
  ): Promise<MoodCaptureResult | null> {
    let detector: Estimator;
    try {
      if (!this.model.current) this.show({ kind: 'reading', phase: 'loading-model', shot });
      detector = await this.model.ensure();
    } catch (error) {
      if (!work.aborted) this.fail(toElementsError(error, 'model-load'), 'error');
      return null;
    }
    // Usually read long before (after the first paint); a picture taken at once waits the few ms.
    await this.personalization.personal?.load().catch(() => {});
    if (work.aborted) return null;
    this.personalize(detector);
    this.show({ kind: 'reading', phase: 'analyzing', shot });
    let result: MoodCaptureResult;
    try {
      const estimate = await detector.estimate(input);
      if (work.aborted) return null;
      const size = shot?.picture ?? { width: 0, height: 0 };
      result = {
        faces: estimate.faces.map(normalizeFace),
        width: estimate.image?.width ?? size.width,
        height: estimate.image?.height ?? size.height,
        source: shot?.source ?? 'upload',
        ...(shot ? { image: shot.picture } : {}),
        ...(estimate.model?.version
          ? { modelVersion: `${estimate.model.name ?? 'model'}@${estimate.model.version}` }
          : {}),
        ...(estimate.backend ? { backend: estimate.backend } : {}),
      };
    } catch (error) {
      if (work.aborted) return null;
      const code = (error as { code?: string } | null)?.code;
      if (code === 'no-face') {
        this.fail(new ElementsError('no-face', 'No face was found.', { cause: error }), 'no-face');
      } else if (code === 'image-too-large' || code === 'bad-image') {
        this.fail(toElementsError(error, code), 'bad-image');
      } else {
        this.fail(toElementsError(error, 'detector-failed'), 'error');
      }
      return null;
    }
    this.result = result;
    this.prepareResult();
    this.dispatchEvent(new MoodCapturedEvent({ result }));
    if (result.faces.length === 0) {
      this.fail(new ElementsError('no-face', 'No face was found.'), 'no-face');
    }
    return result;
  }

  private preparedFor: MoodCaptureResult | null = null;

  /** A new reading (from a picture, or set by the host): nothing chosen for the last one carries over. */
  private prepareResult() {
    const result = this.result;
    this.preparedFor = result;
    // The note and tags are the user's words: a new picture keeps them; only a save clears them.
    this.keptSongs = [];
    this.keepThumbnail = false;
    this.selectedFace = null;
    this.chosenLabel = null;
    if (!result) return;
    const view = this.view;
    const shot = shotOf(view);
    if (result.faces.length === 0) {
      if (view.kind === 'result') this.show({ kind: 'failed', code: 'no-face', failure: '', shot });
      return;
    }
    if (view.kind !== 'saved' && !(view.kind === 'result' && view.saving))
      this.show({ kind: 'result', shot, saving: false, saveError: '' });
    if (result.faces.length === 1) this.selectFace(0);
  }

  private selectFace(index: number) {
    this.selectedFace = index;
    const face = this.result?.faces[index];
    // An honest "not sure": no label is pre-chosen; the user picks.
    this.chosenLabel = face && !face.uncertain ? face.label : null;
  }

  /**
   * Writes an entry by hand: no camera, no photo; the user picks the word and writes a note. For
   * today, or for `date` (`YYYY-MM-DD`, an earlier day: the tracker's "write for this day").
   */
  writeByHand(date?: string): void {
    if (this.camera.active) this.stop();
    this.clear({ kind: 'manual', saving: false, saveError: '' });
    if (date) this.words = { ...this.words, localDate: date };
  }

  /** Back to the start (the camera turns on again when `live`); what the user typed stays until saved. */
  reset(): void {
    this.clear(
      this.camera.active ? { kind: 'live', face: null, hint: this.steady.current } : { kind: 'idle' },
    );
  }

  /** The label chosen in the form, or pre-chosen from the face. */
  private get chosenLabel(): EmotionLabel | null {
    return this.words.label;
  }

  private set chosenLabel(label: EmotionLabel | null) {
    if (label !== this.words.label) this.words = { ...this.words, label };
  }

  private onWordsChange(event: MoodEntryChangeEvent) {
    this.words = event.detail.value;
    this.wordProblems = event.detail.problems.filter((p) => p !== 'label-missing');
  }

  /**
   * The entry the form describes now, or null when no face and label are chosen or the words do not
   * fit an entry (the form says why).
   */
  get draft(): MoodEntryDraft | null {
    const manual = this.view.kind === 'manual';
    // The day is asked only when writing by hand (a photo is of now).
    if (this.wordProblems.some((p) => manual || (p !== 'date-future' && p !== 'date-missing'))) return null;
    if (manual) {
      if (!this.chosenLabel) return null;
      const now = new Date();
      // Written by hand for today or a missed day, never a day to come.
      const localDate = this.words.localDate || isoDate(now);
      if (localDate > isoDate(now)) return null;
      return {
        createdAt: now.toISOString(),
        utcOffset: -now.getTimezoneOffset(),
        localDate,
        source: 'manual',
        label: this.chosenLabel,
        confidence: 1,
        note: this.words.note.trim(),
        tags: [...this.words.tags],
        songs: this.keptSongs.map((s) => ({ ...s })),
      };
    }
    const face = this.selectedFace === null ? undefined : this.result?.faces[this.selectedFace];
    if (!face || !this.chosenLabel) return null;
    const now = new Date();
    const corrected = this.chosenLabel !== face.label || face.uncertain;
    const picture = shotOf(this.view)?.picture;
    // Cut only now, and only when the host allows it and the user asked for it.
    const thumbnail =
      this.allowThumbnail && this.keepThumbnail && picture && this.result
        ? thumbnailOf(picture, face.box, picture.width / this.result.width)
        : undefined;
    return {
      createdAt: now.toISOString(),
      utcOffset: -now.getTimezoneOffset(),
      localDate: isoDate(now),
      source: corrected ? 'corrected' : 'face',
      label: this.chosenLabel,
      confidence: face.probabilities[this.chosenLabel],
      // The model's own view, not the personal adjustment of it: what a later fit learns from.
      probabilities: { ...(face.modelProbabilities ?? face.probabilities) },
      // Stores require the model that produced the probabilities.
      modelVersion: this.result?.modelVersion ?? 'unknown',
      note: this.words.note.trim(),
      tags: [...this.words.tags],
      songs: this.keptSongs.map((s) => ({ ...s })),
      ...(thumbnail ? { thumbnail } : {}),
    };
  }

  /**
   * Saves the entry the user described. Does nothing without a chosen face and label. When the store
   * refuses, the form stays as it was, with everything typed and the reason.
   */
  async save(): Promise<void> {
    const form = this.view;
    const draft = this.draft;
    if (!draft || (form.kind !== 'result' && form.kind !== 'manual') || form.saving) return;
    const event = new MoodSaveEvent({ draft });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    const hadFocus = this.matches(':focus-within');
    let entry: MoodEntryDraft | MoodEntry = draft;
    if (this.store) {
      this.show({ ...form, saving: true, saveError: '' });
      try {
        entry = await this.store.add(draft);
      } catch (error) {
        const err = toElementsError(error, 'save-failed');
        const cause = (err.details as { causeCode?: string } | undefined)?.causeCode;
        const saveError =
          cause === 'storage-quota'
            ? this.t('error.save-failed.storage-quota')
            : this.t('error.save-failed', { message: err.message });
        // The form stays as it was, with everything typed and the reason.
        this.show({ ...form, saving: false, saveError });
        this.report(err);
        return;
      }
    }
    // A corrected or confirmed reading is an answer: fit again (a store that announces changes refits too).
    if (this.store && draft.source !== 'manual')
      void this.personalization.personal?.refresh().catch(() => {});
    this.clear({ kind: 'saved' });
    this.words = NO_WORDS;
    this.wordProblems = [];
    void this.keepFocus(hadFocus, '#saved');
    this.dispatchEvent(new MoodSavedEvent({ entry, persisted: Boolean(this.store) }));
  }

  /**
   * When the control the user pressed disappears (capture, save), keep keyboard and screen-reader
   * users in place: move focus to what replaced it — but only if focus was inside this element.
   */
  private async keepFocus(hadFocus: boolean, selector: string) {
    if (!hadFocus) return;
    await this.updateComplete;
    (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
  }

  private onDrop(event: DragEvent) {
    event.preventDefault();
    this.dragging = false;
    const file = event.dataTransfer?.files?.[0];
    if (file) void this.analyzeFile(file);
  }

  private onDragOver(event: DragEvent) {
    if (![...(event.dataTransfer?.types ?? [])].includes('Files')) return;
    event.preventDefault();
    this.dragging = true;
  }

  private onFileChosen(event: Event) {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this.analyzeFile(file);
  }

  private songsFor(face: MoodFace): EmotionProbabilities {
    if (!this.chosenLabel || this.chosenLabel === face.label) return face.probabilities;
    const corrected = Object.fromEntries(EMOTION_LABELS.map((l) => [l, l === this.chosenLabel ? 1 : 0]));
    return corrected as EmotionProbabilities;
  }

  private onSongSelect(event: MoodSongSelectEvent) {
    const { match, how, selected } = event.detail;
    const id = match.song.id;
    const rest = this.keptSongs.filter((s) => s.id !== id);
    const existing = this.keptSongs.find((s) => s.id === id);
    if (how === 'chosen')
      this.keptSongs = selected ? [...rest, { id, played: existing?.played ?? false }] : rest;
    else this.keptSongs = [...rest, { id, played: true }];
  }

  override render() {
    const busy = ['starting', 'loading-model', 'analyzing', 'saving'].includes(this.state);
    // A face's reading fits one screen (#16): a small picture beside the verdict, Save right after.
    const compact = this.showsResult && this.selectedFace !== null;
    return html`<div
      part="base"
      class="card ${compact ? 'has-result' : ''}"
      aria-busy=${busy ? 'true' : 'false'}
      @dragover=${this.onDragOver}
      @dragleave=${() => (this.dragging = false)}
      @drop=${this.onDrop}
    >
      ${this.state === 'saved' ? this.renderSaved() : this.renderMain()}
      <input
        type="file"
        accept="image/*"
        hidden
        tabindex="-1"
        aria-hidden="true"
        @change=${this.onFileChosen}
      />
    </div>`;
  }

  /** A reading with faces is on screen (with its form), as opposed to the camera, a failure or a form by hand. */
  private get showsResult(): boolean {
    const s = this.state;
    return (s === 'result' || s === 'saving') && (this.result?.faces.length ?? 0) > 0;
  }

  private renderMain() {
    if (this.view.kind === 'manual')
      return html`<div class="intro">
          <h2 id="title" tabindex="-1">${this.t('manualTitle')}</h2>
          <p>${this.t('manualIntro')}</p>
        </div>
        ${this.renderManual()}
        <div part="controls">
          <button type="button" class="link" @click=${() => this.reset()}>${this.t('backToPhoto')}</button>
        </div>`;
    const showResult = this.showsResult;
    return html`
      <div class="intro">
        <h2 id="title" tabindex="-1">${showResult ? this.t('resultTitle') : this.t('cameraTitle')}</h2>
        ${showResult ? nothing : html`<p>${this.t('cameraIntro')}</p>`}
      </div>
      ${this.renderStage()} ${this.renderStatus()} ${this.renderControls()}
      ${showResult ? this.renderResult() : this.renderPersonal(null)}
    `;
  }

  private renderStage() {
    const s = this.state;
    const showVideo = this.camera.active && (s === 'live' || s === 'starting');
    const shot = shotOf(this.view);
    const picture = showVideo ? null : (this.result?.image ?? shot?.picture ?? null);
    const liveFace = this.view.kind === 'live' ? this.view.face : null;
    const { videoSize } = this.camera;
    return html`<div
      part="stage"
      class=${this.dragging ? 'dragging' : ''}
      role="group"
      aria-label=${showVideo ? this.t('preview') : this.t('dropHint')}
    >
      <div
        class="frame-wrap video-wrap ${this.mirrorPreview ? 'mirrored' : ''}"
        ?hidden=${!showVideo}
        style=${cssom(videoSize ? { aspectRatio: `${videoSize.width} / ${videoSize.height}` } : {})}
      >
        <video part="video" playsinline muted autoplay aria-label=${this.t('preview')}></video>
        ${liveFace && videoSize ? this.renderLiveFace(liveFace, videoSize) : nothing}
      </div>
      ${showVideo ? this.renderHint() : nothing}
      ${picture ? this.renderPicture(picture, this.result, shot?.source ?? 'upload') : nothing}
      ${
        !showVideo && !picture
          ? html`<div class="placeholder">
              <span class="big" aria-hidden="true">${cameraIcon(48)}</span>
              <span>${s === 'starting' ? this.t('startingCamera') : this.t('dropHint')}</span>
            </div>`
          : nothing
      }
    </div>`;
  }

  /**
   * One short, polite hint over the preview, from the SDK's typed issues once they held a few frames.
   * The region stays while the camera is on, so screen readers hear each new hint (and not every frame).
   */
  private renderHint() {
    const hint = this.view.kind === 'live' ? this.view.hint : null;
    return html`<p
      part="hint"
      class=${hint ? '' : 'empty'}
      aria-live="polite"
      aria-atomic="true"
      data-hint=${hint ?? ''}
    >
      ${hint ? this.t(`hint.${hint}`) : ''}
    </p>`;
  }

  private renderLiveFace(face: LiveFace, size: { width: number; height: number }) {
    const b = face.box;
    const style = boxStyle(b, size.width, size.height);
    // Updated a few times a second: kept out of the accessibility tree (the capture result is announced).
    return html`<div class="boxes" aria-hidden="true">
      <div part="face-box live" class="mood-${face.label}" style=${cssom(style)}>
        <span class="live-chip ${this.mirrorPreview ? 'mirrored' : ''}"
          ><span class="dot"></span>${this.labelText(face.label)}</span
        >
      </div>
    </div>`;
  }

  /** The picture being read or read (drawn on a canvas: strict CSPs block data: and blob: images), with its face boxes. */
  private renderPicture(
    picture: PictureSource,
    result: MoodCaptureResult | null,
    source: MoodCaptureResult['source'],
  ) {
    const mirror = this.mirrorPreview && (result?.source ?? source) === 'camera';
    const faces = result?.faces ?? [];
    const many = faces.length > 1;
    return html`<div class="frame-wrap ${mirror ? 'mirrored' : ''}">
      <canvas part="image" aria-hidden="true" ${drawn(picture)}></canvas>
      <div class="boxes">
        ${faces.map((face, i) => {
          const style = boxStyle(face.box, result!.width, result!.height);
          const selected = this.selectedFace === i;
          return many
            ? html`<button
                part="face-box${selected ? ' selected' : ''}"
                style=${cssom(style)}
                aria-pressed=${selected ? 'true' : 'false'}
                aria-label=${this.t('faceN', { n: i + 1 })}
                @click=${() => this.selectFace(i)}
              >
                <span class="face-num ${mirror ? 'mirrored' : ''}" aria-hidden="true">${i + 1}</span>
              </button>`
            : html`<div
                part="face-box selected"
                style=${cssom(style)}
                role="img"
                aria-label=${this.t('faceBox')}
              ></div>`;
        })}
      </div>
    </div>`;
  }

  private renderStatus() {
    const s = this.state;
    if (s === 'loading-model' || (s === 'live' && this.model.isLoading)) {
      const known = this.progress !== null && this.progress < 1;
      return html`<div part="progress" role="status">
        <span
          >${known ? this.t('loadingModelPercent', { percent: pct(this.progress!) }) : this.t('loadingModel')}</span
        >
        <progress
          max="1"
          .value=${known ? this.progress! : null}
          aria-label=${this.t('loadingModel')}
        ></progress>
      </div>`;
    }
    if (s === 'analyzing') return html`<p part="progress" role="status">${this.t('analyzing')}</p>`;
    if (s === 'starting')
      return html`<p class="visually-hidden" role="status">${this.t('startingCamera')}</p>`;
    if (s === 'no-face' || s === 'bad-image' || s === 'error')
      return html`<p part="message" role="alert" data-code=${s}>
        ${(this.view.kind === 'failed' && this.view.failure) || this.t(`error.${s === 'error' ? 'detector-failed' : s}` as StringKey)}
      </p>`;
    if (this.cameraError && s === 'idle')
      return html`<p part="message" role="alert" data-code=${this.cameraError}>
        ${this.t(`error.${this.cameraError}` as StringKey)}
      </p>`;
    return nothing;
  }

  private renderControls() {
    const s = this.state;
    // When the camera cannot be used, choosing a photo becomes the main action.
    const upload = html`<button
      part="upload"
      type="button"
      class=${this.cameraError && s === 'idle' ? 'primary' : ''}
      @click=${() => this.fileInput?.click()}
    >
      ${photoIcon()}${this.t('upload')}
    </button>`;
    if (s === 'live')
      return html`<div part="controls">
        <button part="capture" class="primary" type="button" @click=${() => void this.capture()}>
          <span aria-hidden="true">●</span>${this.t('capture')}
        </button>
        ${upload}
        ${
          this.camera.cameraIds.length > 1
            ? html`<button part="switch-camera" type="button" @click=${() => void this.switchCamera()}>
                ${this.t('switchCamera')}
              </button>`
            : nothing
        }
        <button type="button" class="link" @click=${() => this.stop()}>${this.t('stopCamera')}</button>
      </div>`;
    if (s === 'idle' || s === 'no-face' || s === 'bad-image' || s === 'error')
      return html`<div part="controls">
        ${
          // No retry where nothing the user does on this page can help.
          this.cameraError &&
          ['insecure-context', 'camera-unsupported', 'camera-blocked-by-policy'].includes(this.cameraError)
            ? nothing
            : html`<button
                part="start"
                class=${this.cameraError ? '' : 'primary'}
                type="button"
                @click=${() => void this.start()}
              >
                ${cameraIcon()}${this.cameraError ? this.t('retake') : this.t('startCamera')}
              </button>`
        }
        ${upload}
        ${s !== 'idle' ? html`<button type="button" class="link" @click=${() => this.reset()}>${this.t('retake')}</button>` : nothing}
        <button part="manual" type="button" class="link" @click=${() => this.writeByHand()}>
          ${this.t('writeByHand')}
        </button>
      </div>`;
    // On a reading, "retake" sits beside Save (in the form), so both fit the first screen.
    return nothing;
  }

  private retake() {
    const wasCamera = this.result?.source === 'camera';
    this.reset();
    if (wasCamera && !this.camera.active && this.cameraError === null) void this.start();
  }

  private renderResult() {
    const result = this.result!;
    const face = this.selectedFace === null ? null : result.faces[this.selectedFace]!;
    if (!face)
      return html`<div part="result">
        <p part="message" class="hint" role="status">${this.t('pickFace')}</p>
      </div>`;
    const other = this.language === 'ko' ? 'en' : 'ko';
    const top = face.label;
    return html`<div part="result">
      <div class="reading" role="status">
        ${
          face.uncertain
            ? html`<p class="verdict unsure">
                <span class="dot" aria-hidden="true"></span>${this.t('notSure')}
              </p>`
            : html`<p class="verdict mood-${top}">
                <span class="dot" aria-hidden="true"></span>${this.t('looksLike', {
                  label: this.language === 'en' ? this.labelText(top).toLowerCase() : this.labelText(top),
                })}
                <span class="fine">${this.t('confidence', { percent: pct(face.confidence) })}</span>
              </p>`
        }
        ${
          result.frames
            ? html`<p part="frames" class="fine">${this.t('autoFrames', { n: result.frames })}</p>`
            : nothing
        }
        ${this.renderPersonal(face)}
      </div>
      ${
        // Why it is unsure: under the picture, across the card (a narrow column beside it would push Save down).
        face.uncertain
          ? html`<div class="uncertain" role="status">
              <p>${this.t('notSureHint')}</p>
              ${
                face.uncertainReasons.length
                  ? html`<ul>
                      ${face.uncertainReasons.map((r) => html`<li>${this.strings[`reason.${r}` as StringKey] ?? this.t(`reason.${r}` as StringKey) ?? r}</li>`)}
                    </ul>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${this.renderForm(true)}
      <section aria-label=${this.t('probabilities')}>
        <ul part="bars">
          ${EMOTION_LABELS.map(
            (label) =>
              html`<li class="mood-${label}" data-label=${label}>
                <span
                  >${this.labelText(label)}
                  <span class="other" lang=${other}>${EMOTION_NAMES[label][other]}</span></span
                >
                <span class="track" aria-hidden="true"
                  ><span class="fill" style=${cssom({ width: `${pct(face.probabilities[label])}%` })}></span
                ></span>
                <span class="pct">${pct(face.probabilities[label])}%</span>
              </li>`,
          )}
        </ul>
      </section>
      <p class="fine">${this.t('expressionNote')}</p>
      ${this.renderSongs(this.songsFor(face))}
    </div>`;
  }

  /**
   * "Adjusted to your corrections: 12 so far": under a reading the detector personalised, or before a
   * picture while a calibration is in use (and the detector takes one). Nothing below the fit's minimum.
   */
  private renderPersonal(face: MoodFace | null) {
    const { calibration } = this.personalization.state;
    const detector = this.model.current;
    const shown = face
      ? face.personalized
      : this.store && (!detector || typeof detector.setCalibration === 'function');
    if (!shown || !calibration) return nothing;
    return html`<p part="personal" class="fine">
      ${this.t('personalCount', { count: calibration.samples })}
    </p>`;
  }

  /** The entry form (label, note, tags; the day when written by hand) with the thumbnail choice and why a save failed. */
  private renderForm(fromPicture: boolean) {
    const saveError = 'saveError' in this.view ? this.view.saveError : '';
    return html`<mood-entry-form
      exportparts="labels, date, note, tags, problem, save"
      lang=${this.language}
      theme=${this.theme}
      .strings=${this.strings}
      ?choose-date=${!fromPicture}
      state=${this.state === 'saving' ? 'busy' : 'ready'}
      .value=${this.words}
      @mood-entry-change=${this.onWordsChange}
      @mood-entry-submit=${() => void this.save()}
    >
      ${
        this.allowThumbnail && fromPicture
          ? html`<label class="check"
              ><input
                type="checkbox"
                .checked=${this.keepThumbnail}
                @change=${(e: Event) => (this.keepThumbnail = (e.target as HTMLInputElement).checked)}
              />${this.t('keepThumbnail')}</label
            >`
          : nothing
      }
      ${saveError ? html`<p part="message" class="error" role="alert">${saveError}</p>` : nothing}
      ${
        fromPicture
          ? html`<button slot="actions" type="button" @click=${() => this.retake()}>
              ${this.t('retake')}
            </button>`
          : nothing
      }
    </mood-entry-form>`;
  }

  /** Songs for the reading or the chosen word: after Save, so they never push it off the first screen (#16). */
  private renderSongs(songProbabilities: EmotionProbabilities | null) {
    return this.hideSongs || !songProbabilities
      ? nothing
      : html`<mood-songs
          part="songs"
          exportparts="song, link, keep, modes"
          selectable
          lang=${this.language}
          theme=${this.theme}
          .strings=${this.strings}
          .matcher=${this.songMatcher}
          .probabilities=${songProbabilities}
          .selected=${this.keptSongs.map((s) => s.id)}
          @mood-song-select=${this.onSongSelect}
        ></mood-songs>`;
  }

  private renderManual() {
    const probabilities = this.chosenLabel
      ? (Object.fromEntries(
          EMOTION_LABELS.map((l) => [l, l === this.chosenLabel ? 1 : 0]),
        ) as EmotionProbabilities)
      : null;
    return html`<div part="result" class="manual">
      ${this.renderForm(false)} ${this.renderSongs(probabilities)}
    </div>`;
  }

  private renderSaved() {
    return html`<div part="result" class="saved-view">
      <p class="saved" role="status" id="saved" tabindex="-1">✓ ${this.t('saved')}</p>
      <div part="controls">
        <button type="button" class="primary" @click=${() => this.reset()}>${this.t('newEntry')}</button>
      </div>
    </div>`;
  }
}
