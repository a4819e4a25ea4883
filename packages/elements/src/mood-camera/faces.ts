import { EMOTION_LABELS, isEmotionLabel, type EmotionProbabilities } from '@moodiary/core';
import { ElementsError } from '../internal/errors.js';
import type { MoodFace } from '../internal/events.js';
import type { EmotionEstimate } from '@moodiary/emotion';
import type { LiveFace } from './view.js';

/** A face from the detector as the element shows it; a host's detector must give one of the six labels. */
export function normalizeFace(face: EmotionEstimate['faces'][number]): MoodFace {
  if (!isEmotionLabel(face.label) || !EMOTION_LABELS.every((l) => Number.isFinite(face.probabilities?.[l])))
    throw new ElementsError(
      'detector-failed',
      'The detector returned a face without the six probabilities and a label among them.',
      {
        details: { label: String(face.label) },
      },
    );
  const { x, y, width, height } = face.box;
  return {
    box: { x, y, width, height },
    probabilities: face.probabilities,
    label: face.label,
    confidence: face.confidence,
    uncertain: Boolean(face.uncertain),
    uncertainReasons: face.uncertainReasons ?? [],
    personalized: face.personalized === true,
    ...(face.personalized && face.modelProbabilities ? { modelProbabilities: face.modelProbabilities } : {}),
  };
}

/** How much of the last frames a live face keeps (the rest is this frame): steady, yet quick to follow. */
const LIVE_MEMORY = 0.6;

/** The live face: this frame's probabilities blended with the last ones, its label the most likely. */
export function smoothLiveFace(previous: LiveFace | null, face: EmotionEstimate['faces'][number]): LiveFace {
  const last = previous?.probabilities;
  const probabilities = Object.fromEntries(
    EMOTION_LABELS.map((l) => [
      l,
      last ? last[l] * LIVE_MEMORY + face.probabilities[l] * (1 - LIVE_MEMORY) : face.probabilities[l],
    ]),
  ) as EmotionProbabilities;
  const label = EMOTION_LABELS.reduce((a, b) => (probabilities[b] > probabilities[a] ? b : a));
  return { box: normalizeFace(face).box, label, probabilities };
}
