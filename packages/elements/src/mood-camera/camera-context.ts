import type { Estimator } from '@moodiary/emotion';
import type { ElementsError } from '../internal/errors.js';
import type { LocalizedElement } from '../internal/localized-element.js';
import type { PersonalizationController } from '../internal/personalization.js';
import type { CameraStreamController } from './camera-stream.js';
import type { DetectorController } from './detector-controller.js';
import type { MoodCamera } from './mood-camera.js';
import type { CameraView } from './view.js';

/** The element's public properties and methods that its parts read or call. */
type CameraApi = Pick<
  MoodCamera,
  | 'live'
  | 'autoCapture'
  | 'store'
  | 'songMatcher'
  | 'hideSongs'
  | 'allowThumbnail'
  | 'detectorConfig'
  | 'result'
  | 'progress'
  | 'cameraError'
  | 'state'
  | 'start'
  | 'stop'
  | 'switchCamera'
  | 'capture'
  | 'reset'
  | 'writeByHand'
>;

/**
 * What the camera's parts (live preview, picture reading, stage, result, entry) read of `<mood-camera>`:
 * the view and the reading live in the element, once; a part asks through this and keeps only its own
 * state. Functions, so that the element's members stay private.
 */
export interface CameraContext {
  readonly host: LocalizedElement & CameraApi;
  /** The stream, its preview and the live-frame loop. */
  readonly camera: CameraStreamController;
  /** The detector: the host's, or the default one made on first need. */
  readonly model: DetectorController;
  /** The store's personal calibration. */
  readonly personalization: PersonalizationController;
  /** What the element shows now. */
  view(): CameraView;
  /** Shows `next` (a picture it no longer holds is let go). */
  show(next: CameraView): void;
  /** The one reset: work aborted, picture, reading and what was chosen for it dropped, `next` shown. */
  clear(next: CameraView): void;
  /** Starts a new piece of work (a camera start, a picture's reading); whatever ran before gives up its result. */
  newWork(): AbortSignal;
  /** The face of the reading the entry is about (`null`: none chosen yet). */
  selectedFace(): number | null;
  selectFace(index: number): void;
  /** Whether the preview (and a picture from the camera) is shown mirrored. */
  mirrorPreview(): boolean;
  /** Gives the detector this profile's calibration before it reads. */
  personalize(detector: Estimator): void;
  /** Fires `mood-error`. */
  report(error: ElementsError): void;
  /** Moves focus to `selector` once drawn, when focus was inside the element. */
  keepFocus(hadFocus: boolean, selector: string): Promise<void>;
}

export const pct = (x: number): number => Math.round(x * 100);
