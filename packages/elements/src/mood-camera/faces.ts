import { EMOTION_LABELS, isEmotionLabel } from '@moodiary/core';
import { ElementsError } from '../internal/errors.js';
import type { MoodFace } from '../internal/events.js';
import type { EmotionEstimate } from '@moodiary/emotion';

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
