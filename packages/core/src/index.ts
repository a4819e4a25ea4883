export { EMOTION_LABELS, EMOTION_NAMES, isEmotionLabel } from './labels.js';
export type { EmotionLabel, EmotionProbabilities } from './labels.js';
export { MoodError, isMoodError } from './errors.js';
