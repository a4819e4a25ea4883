import type { EmotionLabel, EmotionProbabilities } from '@moodiary/core';
import type { CaptureIssue } from '@moodiary/emotion/webcam';
import type { MoodCaptureResult, MoodFace } from '../internal/events.js';

/** What `<mood-camera>` is showing. */
export type MoodCameraState =
  | 'idle'
  | 'starting'
  | 'live'
  | 'loading-model'
  | 'analyzing'
  | 'result'
  | 'no-face'
  | 'bad-image'
  | 'error'
  | 'manual'
  | 'saving'
  | 'saved';

/** A picture on screen: kept in memory only while a view holds it (never saved; a thumbnail is cut at save). */
export interface Shot {
  readonly picture: ImageBitmap | HTMLCanvasElement;
  readonly source: MoodCaptureResult['source'];
}

/** Live mode: the face in the preview, probabilities smoothed over the last frames. */
export interface LiveFace {
  readonly box: MoodFace['box'];
  readonly label: EmotionLabel;
  readonly probabilities: EmotionProbabilities;
}

/**
 * What the element is doing, with only what that needs: a failure message exists only for a failure,
 * a save error only beside the form, a picture only while one is read or shown, a live face only live.
 */
export type CameraView =
  | { readonly kind: 'idle' | 'starting' | 'saved' }
  | {
      readonly kind: 'live';
      /** The face and its smoothed expression (only with `live`). */
      readonly face: LiveFace | null;
      /** What to fix before the shutter, once it held for a few frames (#15); `null`: nothing. */
      readonly hint: CaptureIssue | null;
    }
  | { readonly kind: 'reading'; readonly phase: 'loading-model' | 'analyzing'; readonly shot: Shot | null }
  | {
      readonly kind: 'failed';
      readonly code: 'no-face' | 'bad-image' | 'error';
      /** Why, in the UI's language ('' for the code's own message). */
      readonly failure: string;
      readonly shot: Shot | null;
    }
  | {
      readonly kind: 'result';
      /** `null` for a result a host set (its `image`, if any, is shown). */
      readonly shot: Shot | null;
      readonly saving: boolean;
      readonly saveError: string;
    }
  | { readonly kind: 'manual'; readonly saving: boolean; readonly saveError: string };

/** The reflected `state` of a view. */
export function stateOf(view: CameraView): MoodCameraState {
  switch (view.kind) {
    case 'reading':
      return view.phase;
    case 'failed':
      return view.code;
    case 'result':
    case 'manual':
      return view.saving ? 'saving' : view.kind;
    default:
      return view.kind;
  }
}

/** The picture a view holds, if any. */
export const shotOf = (view: CameraView): Shot | null => ('shot' in view ? view.shot : null);

/** The view for a `state` a host sets (stories show every state from given data); the picture shown stays. */
export function viewFor(state: MoodCameraState, current: CameraView): CameraView {
  const shot = shotOf(current);
  switch (state) {
    case 'loading-model':
    case 'analyzing':
      return { kind: 'reading', phase: state, shot };
    case 'no-face':
    case 'bad-image':
    case 'error':
      return { kind: 'failed', code: state, failure: '', shot };
    case 'result':
      return { kind: 'result', shot, saving: false, saveError: '' };
    case 'manual':
      return { kind: 'manual', saving: false, saveError: '' };
    case 'saving':
      return current.kind === 'manual'
        ? { ...current, saving: true }
        : { kind: 'result', shot, saving: true, saveError: '' };
    case 'live':
      return { kind: 'live', face: null, hint: null };
    case 'idle':
    case 'starting':
    case 'saved':
      return { kind: state };
    default:
      return current;
  }
}
