import { EmotionSmoother, type CaptureIssue, type SmoothedEmotion } from '@moodiary/emotion/webcam';
import type { Box, EmotionEstimate, EmotionFace } from '@moodiary/emotion';

/** How long the face must stay good and steady before auto-capture takes the picture (#15). */
const AUTO_CAPTURE_MS = 1000;
/** Fewest good frames a reading is averaged from (at 4 a second, a second gives 4 or 5). */
const MIN_FRAMES = 3;
/** A face whose centre moved more than this share of its width since the last frame is not steady. */
const MAX_MOVE = 0.15;

/** A second of good, steady frames: the SDK's smoothed average of them, and the last one's face. */
export interface GoodWindow {
  /** The last frame's main face (box, keypoints). */
  readonly face: EmotionFace;
  /** The last frame's size. */
  readonly image: EmotionEstimate['image'];
  readonly model: EmotionEstimate['model'];
  readonly backend: string;
  /** The probabilities (personalised, when the detector is) smoothed over the window. */
  readonly smoothed: SmoothedEmotion;
  /** The model's own probabilities smoothed the same way (what a later calibration learns from). */
  readonly modelSmoothed: SmoothedEmotion;
  /** How many frames of the window the reading is made of. */
  readonly frames: number;
  /** True when most of the window's frames were too unsure to name a mood. */
  readonly lowConfidence: boolean;
}

const moved = (a: Box, b: Box) =>
  Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2)) >
  MAX_MOVE * Math.max(a.width, b.width);

/**
 * Watches the preview's frames for auto-capture: a window opens at the first good frame (one face,
 * nothing to fix) and closes at any frame with an issue or a face that moved; once it has lasted
 * {@link AUTO_CAPTURE_MS}, it is answered with the smoother's average of its frames.
 */
export class GoodFrames {
  private since: number | null = null;
  private last: Box | null = null;
  private unsure = 0;
  private readonly smoother = new EmotionSmoother();
  private readonly modelSmoother = new EmotionSmoother();

  /** Adds a frame and its issues; answers the window once it is long enough (then starts over). */
  push(estimate: EmotionEstimate, issues: readonly CaptureIssue[], time: number): GoodWindow | null {
    const face = estimate.faces[0];
    if (!face || issues.length > 0) {
      this.reset();
      return null;
    }
    if (this.last && moved(this.last, face.box)) this.reset();
    this.since ??= time;
    this.last = face.box;
    if (face.uncertainReasons?.includes('low-confidence')) this.unsure++;
    const smoothed = this.smoother.push(estimate, time)!;
    const modelFace = { ...face, probabilities: face.modelProbabilities ?? face.probabilities };
    const modelSmoothed = this.modelSmoother.push({ ...estimate, faces: [modelFace] }, time)!;
    if (time - this.since < AUTO_CAPTURE_MS || smoothed.frames < MIN_FRAMES) return null;
    const window: GoodWindow = {
      face,
      image: estimate.image,
      model: estimate.model,
      backend: estimate.backend,
      smoothed,
      modelSmoothed,
      frames: smoothed.frames,
      lowConfidence: this.unsure * 2 > smoothed.frames,
    };
    this.reset();
    return window;
  }

  reset(): void {
    this.since = null;
    this.last = null;
    this.unsure = 0;
    this.smoother.reset();
    this.modelSmoother.reset();
  }
}
