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
export {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  deviceLocal,
  eachDay,
  isLocalDate,
  localDateOf,
  monthOf,
  weekdayOf,
  weekOf,
  yearOf,
} from './dates.js';
export { foldText, searchTextOf } from './text.js';
