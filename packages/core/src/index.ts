export {
  EMOTION_ANCHORS,
  EMOTION_LABELS,
  EMOTION_NAMES,
  EMOTION_VALENCE,
  entryValence,
  isEmotionLabel,
  type ValenceInput,
} from './labels.js';
export type { EmotionLabel, EmotionProbabilities } from './labels.js';
export { MoodError, isMoodError } from './errors.js';
