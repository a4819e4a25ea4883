import type { EmotionEstimate, EmotionInput, Estimator } from '@moodiary/emotion';
import { screenPicture, toCanvas } from '../internal/camera.js';
import { ElementsError, toElementsError } from '../internal/errors.js';
import type { StringKey } from '../internal/i18n.js';
import type { MoodCaptureResult } from '../internal/events.js';
import type { CameraContext } from './camera-context.js';
import { normalizeFace } from './faces.js';
import type { GoodWindow } from './good-frames.js';
import { shotOf, type Shot } from './view.js';

/** What a failed picture shows: its own message (`no-face`, `bad-image`) or the detector's. */
type FailureCode = 'no-face' | 'bad-image' | 'error';

/** `name@version` of the model that read a picture, as stores require it; nothing when unknown. */
const modelOf = (model: EmotionEstimate['model']) =>
  model?.version ? { modelVersion: `${model.name ?? 'model'}@${model.version}` } : {};

/**
 * Reading one picture (a frame from the camera or a photo): the detector is made or waited for, told
 * this profile's calibration, and asked; its answer becomes a {@link MoodCaptureResult} and its failures
 * a message in the user's language with a stable code. Only the newest picture's outcome is shown.
 */
export class PictureReader {
  constructor(
    private readonly ctx: CameraContext,
    /** A picture was read (with or without faces): the element shows it and fires `mood-captured`. */
    private readonly onRead: (result: MoodCaptureResult) => void,
  ) {}

  /** Reads the frame `video` shows now. The camera turns off unless `live`. */
  async capture(video: HTMLVideoElement): Promise<MoodCaptureResult | null> {
    const { ctx } = this;
    const hadFocus = ctx.host.matches(':focus-within');
    const frame = toCanvas(video, video.videoWidth, video.videoHeight);
    if (!ctx.host.live) ctx.host.stop();
    const shot: Shot = { picture: frame, source: 'camera' };
    const work = this.begin(shot);
    const result = await this.read(frame, shot, work);
    void ctx.keepFocus(hadFocus, '#title');
    return result;
  }

  /**
   * Auto-capture: the frame on screen is the picture; its reading is the smoothed average of the good
   * window that ended with it (no second reading). The camera turns off unless `live`.
   */
  captureWindow(video: HTMLVideoElement, window: GoodWindow): void {
    const { ctx } = this;
    const hadFocus = ctx.host.matches(':focus-within');
    const frame = toCanvas(video, video.videoWidth, video.videoHeight);
    if (!ctx.host.live) ctx.host.stop();
    this.begin({ picture: frame, source: 'camera' });
    this.onRead(resultOfWindow(window, frame));
    void ctx.keepFocus(hadFocus, '#title');
  }

  /** Reads a photo file: decoded once, small, to show it; the file itself goes to the detector (EXIF-upright). */
  async analyzeFile(file: Blob): Promise<MoodCaptureResult | null> {
    const { ctx } = this;
    if (ctx.camera.active && !ctx.host.live) ctx.host.stop();
    const work = this.begin(null);
    const picture = await this.screen(file, work);
    if (!picture) return null;
    const shot: Shot = { picture, source: 'upload' };
    ctx.show({ kind: 'reading', phase: 'analyzing', shot });
    return this.read(file, shot, work);
  }

  /** Starts reading a new picture: the previous picture, reading and failure are dropped. */
  private begin(shot: Shot | null): AbortSignal {
    this.ctx.clear({ kind: 'reading', phase: 'analyzing', shot });
    return this.ctx.newWork();
  }

  /**
   * Decodes a photo once, small, to show it (the detector reads the file itself). `null` when it cannot
   * be read (the failure is shown) or when `work` was given up.
   */
  private async screen(file: Blob, work: AbortSignal): Promise<ImageBitmap | null> {
    let picture: ImageBitmap;
    try {
      const maxMegapixels = this.ctx.host.detectorConfig.maxMegapixels;
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
    return picture;
  }

  /** Reads `input` with the detector, showing `shot`; the outcome is shown only while `work` is not aborted. */
  private async read(
    input: EmotionInput,
    shot: Shot | null,
    work: AbortSignal,
  ): Promise<MoodCaptureResult | null> {
    const { ctx } = this;
    let detector: Estimator;
    try {
      if (!ctx.model.current) ctx.show({ kind: 'reading', phase: 'loading-model', shot });
      detector = await ctx.model.ensure();
    } catch (error) {
      if (!work.aborted) this.fail(toElementsError(error, 'model-load'), 'error');
      return null;
    }
    // Usually read long before (after the first paint); a picture taken at once waits the few ms.
    await ctx.personalization.personal?.load().catch(() => {});
    if (work.aborted) return null;
    ctx.personalize(detector);
    ctx.show({ kind: 'reading', phase: 'analyzing', shot });
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
        ...modelOf(estimate.model),
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
    this.onRead(result);
    if (result.faces.length === 0) this.fail(new ElementsError('no-face', 'No face was found.'), 'no-face');
    return result;
  }

  /** Shows a failure of the current picture in the user's language, and fires `mood-error`. */
  private fail(error: ElementsError, code: FailureCode): void {
    const { ctx } = this;
    const { width = 0, height = 0, maxMegapixels = 0 } = (error.details ?? {}) as Record<string, number>;
    const failure = ctx.host.t(`error.${error.code}` as StringKey, {
      megapixels: Math.round((width * height) / 1e6),
      max: maxMegapixels,
    });
    ctx.show({ kind: 'failed', code, failure, shot: shotOf(ctx.view()) });
    ctx.report(error);
  }
}

/**
 * Auto-capture's reading: the smoothed average of the good window that ended with `frame` (no second
 * reading of the frame itself), saying how many frames it averaged.
 */
function resultOfWindow(window: GoodWindow, frame: HTMLCanvasElement): MoodCaptureResult {
  const { smoothed, modelSmoothed, face } = window;
  const uncertain = window.lowConfidence;
  return {
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
    ...modelOf(window.model),
    ...(window.backend ? { backend: window.backend } : {}),
    frames: window.frames,
  };
}
