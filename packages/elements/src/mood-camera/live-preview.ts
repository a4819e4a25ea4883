import { captureIssues, EmotionSmoother, SteadyIssue } from '@moodiary/emotion/webcam';
import { isElementsError, toElementsError, type CameraErrorCode } from '../internal/errors.js';
import { MoodCameraChangeEvent } from '../internal/events.js';
import type { CameraContext } from './camera-context.js';
import { normalizeFace } from './faces.js';
import { GoodFrames, type GoodWindow } from './good-frames.js';

/** Frames (4 a second) an issue must hold before its hint shows, or a good frame before it goes: no flicker. */
const HINT_FRAMES = 3;

/**
 * The camera turned on and its preview: each frame is read a few times a second for what to fix before
 * the shutter (a steady hint), with `live` for the face and its expression smoothed over time, and with
 * `auto-capture` for a window of good, steady frames that takes the picture by itself.
 */
export class LivePreview {
  /** The live expression, smoothed over time by the SDK's own rule (half-life 600 ms). */
  private readonly smoother = new EmotionSmoother();
  /** The capture hint (#15): the SDK's typed issues, shown once steady. */
  private readonly steady = new SteadyIssue(HINT_FRAMES);
  /** Auto-capture's window of good, steady frames. */
  private readonly goodFrames = new GoodFrames();

  constructor(
    private readonly ctx: CameraContext,
    /** Auto-capture found its window: `video` shows the frame to keep. */
    private readonly onGoodWindow: (video: HTMLVideoElement, window: GoodWindow) => void,
  ) {}

  /** The hint that holds now (shown again when a reading is dropped and the preview returns). */
  get hint() {
    return this.steady.current;
  }

  /**
   * Opens the camera and shows its preview, unless `work` is given up first. Failures set `cameraError`
   * and fire `mood-error`; upload keeps working.
   */
  async start(work: AbortSignal): Promise<void> {
    const { ctx } = this;
    try {
      if (!(await ctx.camera.open(work))) {
        if (!work.aborted) ctx.host.stop(false);
        return;
      }
      ctx.show({ kind: 'live', face: null, hint: null });
      ctx.host.dispatchEvent(new MoodCameraChangeEvent({ active: true }));
      // Every preview is read a few times a second for the capture hints; with `live`, for the face too.
      this.smoother.reset();
      this.steady.reset();
      this.goodFrames.reset();
      ctx.camera.runFrames((video) => this.tick(video));
      // Warm the model up while the user frames the picture.
      void ctx.model.ensure().catch(() => {});
    } catch (error) {
      if (work.aborted) return;
      ctx.host.stop(false);
      const err = isElementsError(error) ? error : toElementsError(error, 'camera-failed');
      ctx.host.cameraError = err.code as CameraErrorCode;
      ctx.report(err);
    }
  }

  private async tick(video: HTMLVideoElement): Promise<void> {
    const { ctx } = this;
    const detector = ctx.model.current;
    if (ctx.view().kind !== 'live' || !detector) return;
    ctx.personalize(detector);
    try {
      // One view a frame keeps the preview quick; the smoother averages over frames, the shutter reads all views.
      const estimate = await detector.estimate(video, { views: 'one' });
      if (ctx.view().kind !== 'live') return;
      estimate.faces.forEach(normalizeFace); // a host detector's faces must be readable
      const time = performance.now();
      const smoothed = this.smoother.push(estimate, time);
      const issues = captureIssues(estimate);
      const hint = this.steady.push(issues);
      const window = ctx.host.autoCapture ? this.goodFrames.push(estimate, issues, time) : null;
      if (window) {
        this.onGoodWindow(video, window);
        return;
      }
      ctx.show({
        kind: 'live',
        face:
          ctx.host.live && smoothed
            ? { box: smoothed.box, label: smoothed.label, probabilities: smoothed.probabilities }
            : null,
        hint,
      });
    } catch {
      // A dropped frame is not worth a message; the capture reports real failures.
    }
  }
}
