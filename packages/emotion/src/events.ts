/** Detector events, kept free of TensorFlow.js so the worker client can use them without loading it. */

/** Fired when the detector moves to another backend mid-session (WebGL context lost → WASM). */
export class BackendChangeEvent extends Event {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly reason: 'webgl-context-lost',
  ) {
    super('backendchange');
  }
}

export interface EmotionDetectorEventMap {
  backendchange: BackendChangeEvent;
}
