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

/**
 * Where each label sits in valence (unpleasant 0 – pleasant 1) and arousal (calm 0 – excited 1):
 * word-norm ratings (Warriner, Kuperman & Brysbaert 2013, 1–9 scale) rescaled as (x − 1) / 8.
 * Summaries, charts and the song matcher all read moods through this one table.
 */
export const EMOTION_ANCHORS: Readonly<
  Record<EmotionLabel, { readonly valence: number; readonly arousal: number }>
> = Object.freeze({
  happy: Object.freeze({ valence: 0.93, arousal: 0.63 }),
  angry: Object.freeze({ valence: 0.19, arousal: 0.65 }),
  sad: Object.freeze({ valence: 0.14, arousal: 0.31 }),
  anxious: Object.freeze({ valence: 0.35, arousal: 0.65 }),
  neutral: Object.freeze({ valence: 0.56, arousal: 0.31 }),
  embarrassed: Object.freeze({ valence: 0.31, arousal: 0.55 }),
});

/** Valence of each label, from {@link EMOTION_ANCHORS}. */
export const EMOTION_VALENCE: Readonly<Record<EmotionLabel, number>> = Object.freeze(
  Object.fromEntries(EMOTION_LABELS.map((label) => [label, EMOTION_ANCHORS[label].valence])) as Record<
    EmotionLabel,
    number
  >,
);

/** What an entry's valence depends on (a diary entry, or a host's entry-like object). */
export interface ValenceInput {
  readonly label: EmotionLabel;
  /** `manual` and `corrected`: the user chose the label. Anything else with probabilities: a reading. */
  readonly source?: string | undefined;
  readonly probabilities?: Partial<EmotionProbabilities> | undefined;
}

/**
 * An entry's valence, 0 unpleasant – 1 pleasant: the label's anchor when the user chose the label
 * (`manual`, `corrected`: their word is the truth), else the expected valence under the model's
 * probabilities (Σ p(label) · valence(label), normalised), so an uncertain face counts less
 * strongly than a clear one. Summaries, the tracker and charts all use this one rule.
 */
export function entryValence(entry: ValenceInput): number {
  const p = entry.probabilities;
  if (p && entry.source !== 'manual' && entry.source !== 'corrected') {
    let v = 0;
    let sum = 0;
    for (const label of EMOTION_LABELS) {
      const q = p[label] ?? 0;
      v += q * EMOTION_VALENCE[label];
      sum += q;
    }
    if (sum > 0) return v / sum;
  }
  return EMOTION_VALENCE[entry.label] ?? 0.5;
}

export function isEmotionLabel(value: unknown): value is EmotionLabel {
  return typeof value === 'string' && (EMOTION_LABELS as readonly string[]).includes(value);
}
