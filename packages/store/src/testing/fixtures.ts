// Entries for tests and benchmarks.
import { EMOTION_LABELS, addDays, type EmotionLabel, type EmotionProbabilities } from '@moodiary/core';
import type { MoodEntry } from '../types.js';

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function probabilitiesFor(top: EmotionLabel, strength = 0.7): EmotionProbabilities {
  const rest = (1 - strength) / 5;
  return Object.fromEntries(
    EMOTION_LABELS.map((l) => [l, l === top ? strength : rest]),
  ) as EmotionProbabilities;
}

const NOTES = [
  '산책했다',
  '친구와 저녁',
  'Long day at work',
  'café au lait, "good" one',
  '비가 왔다\n우산 없음',
  '',
];

/** A complete entry on `localDate` at `hour` (Seoul time). */
export function makeEntry(localDate: string, hour: number, overrides: Partial<MoodEntry> = {}): MoodEntry {
  const utc = new Date(`${localDate}T00:00:00Z`).getTime() + (hour - 9) * 3_600_000;
  const createdAt = new Date(utc).toISOString();
  return {
    id: `e-${localDate}-${String(hour).padStart(2, '0')}`,
    createdAt,
    utcOffset: 540,
    localDate,
    source: 'manual',
    label: 'neutral',
    confidence: 1,
    note: '',
    tags: [],
    songs: [],
    updatedAt: createdAt,
    ...overrides,
  };
}

/** `count` entries over consecutive days from `from`, several a day, mixed sources and labels. */
export function makeDiary(count: number, from = '2016-01-01', perDay = 3, seed = 1): MoodEntry[] {
  const random = rng(seed);
  const out: MoodEntry[] = [];
  for (let i = 0; i < count; i++) {
    const day = addDays(from, Math.floor(i / perDay));
    const label = EMOTION_LABELS[Math.floor(random() * EMOTION_LABELS.length)]!;
    const fromFace = random() < 0.6;
    const strength = 0.4 + random() * 0.5;
    out.push(
      makeEntry(day, 8 + (i % perDay) * 5, {
        id: `bench-${i}`,
        label,
        ...(fromFace
          ? {
              source: 'face',
              probabilities: probabilitiesFor(label, strength),
              modelVersion: 'fer-mini-1.0',
              confidence: strength,
            }
          : {}),
        note: NOTES[i % NOTES.length]!,
        tags: i % 4 === 0 ? ['일', 'work'] : [],
        songs: i % 5 === 0 ? [{ id: `song-${i % 40}`, played: i % 10 === 0 }] : [],
      }),
    );
  }
  return out;
}

/** A real 96×96 JPEG thumbnail (noisy, so it does not compress to nothing), as a data URL. */
export async function makeThumbnail(seed: number): Promise<string> {
  const canvas = new OffscreenCanvas(96, 96);
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(96, 96);
  let a = seed;
  for (let i = 0; i < image.data.length; i++) {
    a = (a * 1103515245 + 12345) >>> 0;
    image.data[i] = i % 4 === 3 ? 255 : (a >>> 24) & 0xff;
  }
  ctx.putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.7 });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/jpeg;base64,${btoa(binary)}`;
}
