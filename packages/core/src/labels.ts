/** The six facial expressions Moodiary estimates, in the product's fixed order. */
export const EMOTION_LABELS = ['happy', 'angry', 'sad', 'anxious', 'neutral', 'embarrassed'] as const;

export type EmotionLabel = (typeof EMOTION_LABELS)[number];

/** One probability per label; together they sum to 1. */
export type EmotionProbabilities = Record<EmotionLabel, number>;

/** Korean and English names of each label, for UIs and exports. */
export const EMOTION_NAMES: Readonly<Record<EmotionLabel, { ko: string; en: string }>> = {
  happy: { ko: '기쁨', en: 'Happy' },
  angry: { ko: '분노', en: 'Angry' },
  sad: { ko: '슬픔', en: 'Sad' },
  anxious: { ko: '불안', en: 'Anxious' },
  neutral: { ko: '중립', en: 'Neutral' },
  embarrassed: { ko: '당황', en: 'Embarrassed' },
};

export function isEmotionLabel(value: unknown): value is EmotionLabel {
  return typeof value === 'string' && (EMOTION_LABELS as readonly string[]).includes(value);
}
