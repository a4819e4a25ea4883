/**
 * @moodiary/emotion — faces and six facial-expression probabilities, on the device, with TensorFlow.js.
 * Importing this module has no side effects: models and backends load in `createEmotionDetector()`.
 * @packageDocumentation
 */
export { createEmotionDetector, EmotionDetector } from './detector.js';
export { DEFAULT_MODEL_CANDIDATES } from './model-files.js';
export { cropGeometry } from './crop.js';
export {
  applyCalibration,
  calibrationSamples,
  fitCalibration,
  identityCalibration,
  isCalibration,
  DEFAULT_CALIBRATION_STRENGTH,
  MIN_CALIBRATION_SAMPLES,
} from './calibration.js';
export type { AnsweredEntry, Calibration, CalibrationOptions, CalibrationSample } from './calibration.js';
export { BackendChangeEvent } from './events.js';
export type { EmotionDetectorEventMap } from './events.js';
export { validateConfig, defaultModelBaseUrl, DEFAULTS } from './config.js';
export type { ResolvedConfig } from './config.js';
export { EmotionError } from './errors.js';
export { EMOTION_LABELS, isMoodError, MoodError } from '@moodiary/core';
export type { EmotionLabel, EmotionProbabilities } from '@moodiary/core';
export type { EmotionErrorCode, BadImageReason } from './errors.js';
export { compileDescriptor } from './descriptor.js';
export type { EmotionModelDescriptor, CompiledDescriptor } from './descriptor.js';
export { sniffImage } from './sniff.js';
export type { ImageHeader } from './sniff.js';
export type * from './types.js';
export { watchVideo, EmotionSmoother, captureIssues, CAPTURE_ISSUES, SteadyIssue } from './webcam.js';
export type {
  CaptureIssue,
  WatchVideoOptions,
  WebcamResult,
  WebcamSession,
  WebcamStats,
  SmoothedEmotion,
} from './webcam.js';
export { createEmotionWorker, EmotionWorkerDetector } from './worker-client.js';
export type { EmotionWorkerOptions } from './worker-client.js';
