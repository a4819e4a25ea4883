import { EMOTION_LABELS, type EmotionLabel, type EmotionProbabilities } from '@moodiary/core';
import type { Box, EmotionEstimate, Estimator, UncertainReason } from './types.js';

export interface WatchVideoOptions {
  /** Estimates per second (0.2–60). A tick that comes while the previous estimate runs is skipped. Default 10. */
  fps?: number;
  /** Half-life of the exponential smoothing of probabilities over time, in ms (0 = none). Default 600. */
  halfLife?: number;
  /** Test-time views per frame (`estimate()`'s `views`). Default `one`: the smoothing averages over frames anyway. */
  views?: 'all' | 'one';
  /** Called with each result. */
  onResult?: (result: WebcamResult) => void;
  /** Called when an estimate fails (the loop keeps running unless the detector was disposed). */
  onError?: (error: unknown) => void;
  /** Stops the loop when aborted. */
  signal?: AbortSignal;
}

/** The smoothed expression of the main face over recent frames. */
export interface SmoothedEmotion {
  probabilities: EmotionProbabilities;
  label: EmotionLabel;
  confidence: number;
  /** The main face's latest box (input pixels). */
  box: Box;
  /** Frames folded into this estimate since the face appeared. */
  frames: number;
}

export interface WebcamResult {
  /** This frame's raw estimate. */
  estimate: EmotionEstimate;
  /** Smoothed over time; `null` while no face has been seen recently. */
  smoothed: SmoothedEmotion | null;
  /** `performance.now()` when the frame was taken. */
  time: number;
}

export interface WebcamStats {
  /** Frames estimated. */
  frames: number;
  /** Ticks skipped because the previous estimate was still running or the video had no frame. */
  skipped: number;
  errors: number;
}

/** A running webcam loop. */
export interface WebcamSession {
  /** Stops the loop (the camera stream is the host's: this does not stop its tracks). */
  stop(): void;
  readonly running: boolean;
  readonly stats: Readonly<WebcamStats>;
  /** The latest result, if any. */
  readonly latest: WebcamResult | undefined;
  /** Resolves once the loop stopped and no estimate is in flight. */
  readonly done: Promise<void>;
}

/**
 * What is wrong with a frame for reading a face, as a camera hint would say it: `no-face`,
 * `several-faces`, or one of the main face's {@link UncertainReason}s but `low-confidence` (not
 * something the person in front of the camera can fix).
 */
export type CaptureIssue = 'no-face' | 'several-faces' | Exclude<UncertainReason, 'low-confidence'>;

/** Most important first: what to fix before anything else can be judged (light before size, size before focus). */
export const CAPTURE_ISSUES: readonly CaptureIssue[] = [
  'no-face',
  'several-faces',
  'dark',
  'bright',
  'cut-off',
  'small-face',
  'turned-away',
  'blurry',
  'low-face-score',
];

/** A frame's issues ({@link CaptureIssue}), most important first; empty for a frame good to read. */
export function captureIssues(estimate: Pick<EmotionEstimate, 'faces'>): CaptureIssue[] {
  const [main, ...others] = estimate.faces;
  if (!main) return ['no-face'];
  const found = new Set<string>(main.uncertainReasons ?? []);
  if (others.length > 0) found.add('several-faces');
  return CAPTURE_ISSUES.filter((issue) => found.has(issue));
}

/**
 * The issue to show for a stream of frames, steady: the most important issue of each frame must hold
 * for `frames` frames in a row before it is shown, and so must a good frame before the hint goes, so a
 * hint does not flicker with one noisy frame. `null`: nothing to say.
 */
export class SteadyIssue {
  private candidate: CaptureIssue | null = null;
  private count = 0;
  private shown: CaptureIssue | null = null;
  constructor(private readonly frames = 3) {
    if (!(Number.isInteger(frames) && frames >= 1))
      throw new RangeError(`frames must be a whole number from 1, got ${frames}`);
  }

  /** Adds a frame's issues (from {@link captureIssues}) and answers the issue to show now. */
  push(issues: readonly CaptureIssue[]): CaptureIssue | null {
    const top = issues[0] ?? null;
    this.count = top === this.candidate ? this.count + 1 : 1;
    this.candidate = top;
    if (this.count >= this.frames) this.shown = top;
    return this.shown;
  }

  /** The issue shown now. */
  get current(): CaptureIssue | null {
    return this.shown;
  }

  /** Frames in a row whose most important issue was the current candidate (for a good frame: frames in a row with none). */
  get held(): number {
    return this.count;
  }

  reset(): void {
    this.candidate = null;
    this.count = 0;
    this.shown = null;
  }
}

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** Exponential smoothing of the main face's probabilities, reset when the face is lost for a while. */
export class EmotionSmoother {
  private state: { p: number[]; box: Box; frames: number; time: number } | undefined;
  constructor(private readonly halfLife = 600) {}

  push(estimate: EmotionEstimate, time: number): SmoothedEmotion | null {
    const s = this.state;
    // Follow the face nearest the one we followed, else the most prominent one.
    let face = estimate.faces[0];
    if (s && estimate.faces.length > 1) {
      const c = centre(s.box);
      face = estimate.faces.reduce((best, f) => {
        const d = (g: Box) => Math.hypot(centre(g).x - c.x, centre(g).y - c.y);
        return d(f.box) < d(best.box) ? f : best;
      });
    }
    if (!face) {
      if (s && time - s.time > Math.max(2 * this.halfLife, 1000)) this.state = undefined;
      return this.state ? this.output() : null;
    }
    const p = EMOTION_LABELS.map((l) => face.probabilities[l]);
    if (!s || this.halfLife <= 0) this.state = { p, box: face.box, frames: 1, time };
    else {
      const a = 1 - Math.pow(2, -Math.max(0, time - s.time) / this.halfLife);
      this.state = { p: s.p.map((v, i) => v + a * (p[i]! - v)), box: face.box, frames: s.frames + 1, time };
    }
    return this.output();
  }

  reset() {
    this.state = undefined;
  }

  private output(): SmoothedEmotion {
    const s = this.state!;
    const total = s.p.reduce((a, b) => a + b, 0);
    const probabilities = {} as EmotionProbabilities;
    EMOTION_LABELS.forEach((l, i) => (probabilities[l] = s.p[i]! / total));
    const best = s.p.indexOf(Math.max(...s.p));
    return {
      probabilities,
      label: EMOTION_LABELS[best]!,
      confidence: s.p[best]! / total,
      box: s.box,
      frames: s.frames,
    };
  }
}

/**
 * Runs `detector` on a playing `<video>` at a steady rate, skipping ticks while busy, and smooths the
 * main face's probabilities over time. Waits for the video's first frame. Stop with `session.stop()`.
 */
export function watchVideo(
  detector: Estimator,
  video: HTMLVideoElement,
  options: WatchVideoOptions = {},
): WebcamSession {
  const fps = options.fps ?? 10;
  if (!(fps >= 0.2 && fps <= 60)) throw new RangeError(`fps must be from 0.2 to 60, got ${fps}`);
  const smoother = new EmotionSmoother(options.halfLife ?? 600);
  const stats: WebcamStats = { frames: 0, skipped: 0, errors: 0 };
  let running = true;
  let busy: Promise<void> | undefined;
  let latest: WebcamResult | undefined;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));

  const tick = () => {
    if (!running) return;
    if (busy || video.readyState < 2 || video.videoWidth === 0) {
      stats.skipped++;
      return;
    }
    const time = performance.now();
    busy = detector
      .estimate(video, { views: options.views ?? 'one' })
      .then((estimate) => {
        if (!running) return;
        stats.frames++;
        latest = { estimate, smoothed: smoother.push(estimate, time), time };
        options.onResult?.(latest);
      })
      .catch((error: unknown) => {
        stats.errors++;
        if ((error as { code?: string })?.code === 'disposed') stop();
        if (running || (error as { code?: string })?.code !== 'disposed') options.onError?.(error);
      })
      .finally(() => {
        busy = undefined;
        if (!running) finish();
      });
  };
  const timer = setInterval(tick, 1000 / fps);
  const stop = () => {
    if (!running) return;
    running = false;
    clearInterval(timer);
    options.signal?.removeEventListener('abort', stop);
    if (!busy) finish();
  };
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop);
  queueMicrotask(tick);
  return {
    stop,
    get running() {
      return running;
    },
    get stats() {
      return { ...stats };
    },
    get latest() {
      return latest;
    },
    done,
  };
}
