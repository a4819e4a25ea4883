import type { EmotionLabel } from '@moodiary/core';
import type { MoodPoint, Song } from './types.js';

/** A short reason, in Korean and English, for why a song was picked. */
export interface Reason {
  readonly ko: string;
  readonly en: string;
}

/** How a song serves the result: it expresses the mood, starts a lift path, moves along it or ends it. */
export type ReasonRole = 'match' | 'lift-start' | 'lift-step' | 'lift-end';

/** An adjective in English, and in Korean as a noun modifier (`-ㄴ`) and as a linked form (`-고`). */
type Adjective = readonly [en: string, koModifier: string, koLinked: string];

function valenceWord(valence: number): Adjective {
  if (valence < 0.25) return ['sorrowful', '슬픈', '슬프고'];
  if (valence < 0.45) return ['wistful', '아련한', '아련하고'];
  if (valence < 0.6) return ['tender', '담담한', '담담하고'];
  if (valence < 0.8) return ['hopeful', '희망찬', '희망차고'];
  return ['joyful', '즐거운', '즐겁고'];
}

function arousalWord(song: MoodPoint): Adjective {
  if (song.arousal < 0.3) return ['calm', '잔잔한', '잔잔하고'];
  if (song.arousal < 0.5) return ['gentle', '부드러운', '부드럽고'];
  if (song.arousal < 0.7)
    return song.valence < 0.45 ? ['restless', '들썩이는', '들썩이고'] : ['upbeat', '경쾌한', '경쾌하고'];
  return song.valence < 0.45 ? ['fierce', '거친', '거칠고'] : ['energetic', '신나는', '신나고'];
}

const GENRES: Readonly<Record<string, readonly [en: string, ko: string]>> = {
  ballad: ['ballad', '발라드'],
  'k-pop': ['K-pop song', 'K팝'],
  pop: ['pop song', '팝'],
  indie: ['indie song', '인디 곡'],
  ost: ['soundtrack song', 'OST'],
  'hip-hop': ['hip-hop track', '힙합'],
  'r&b': ['R&B song', 'R&B'],
  rock: ['rock song', '록'],
  folk: ['folk song', '포크'],
  electronic: ['electronic track', '일렉트로닉'],
  dance: ['dance track', '댄스곡'],
  jazz: ['jazz song', '재즈'],
  soul: ['soul song', '소울'],
  classical: ['classical piece', '클래식'],
  metal: ['metal track', '메탈'],
  trot: ['trot song', '트로트'],
};

/** Purpose phrases: English infinitive or relative clause, Korean noun modifier. */
const MATCH_PURPOSE: Readonly<Record<EmotionLabel, readonly [string, string]>> = {
  happy: ['to match your happy mood', '기쁜 마음에 어울리는'],
  angry: ['to let the anger out', '화난 마음을 쏟아낼'],
  sad: ['that sits with your sadness', '슬픈 마음 곁에 머물러 줄'],
  anxious: ['that meets your restlessness', '불안한 마음에 맞닿은'],
  neutral: ['for an even-keeled moment', '담담한 하루에 어울리는'],
  embarrassed: ['for a flustered moment', '당황한 마음에 어울리는'],
};

const LIFT_PURPOSE: Readonly<Record<EmotionLabel, readonly [string, string]>> = {
  happy: ['to wind down gently', '들뜬 마음을 차분히 해 줄'],
  angry: ['to cool the anger', '화를 식혀 줄'],
  sad: ['to ease the sadness a little', '슬픔을 조금 덜어 줄'],
  anxious: ['to ease anxiety', '불안을 달래 줄'],
  neutral: ['to help you settle in', '마음을 편히 해 줄'],
  embarrassed: ['to steady a flustered mind', '당황한 마음을 가라앉혀 줄'],
};

/**
 * A short reason for `song` in Korean and English, from how the song feels (its valence and
 * arousal), its genre and its role for the mood `label`, e.g.
 * "A calm, hopeful ballad to ease anxiety." / "불안을 달래 줄 잔잔하고 희망찬 발라드".
 */
export function songReason(
  song: Pick<Song, 'valence' | 'arousal' | 'genre'>,
  label: EmotionLabel,
  role: ReasonRole,
): Reason {
  const energy = arousalWord(song);
  const feel = valenceWord(song.valence);
  const [genreEn, genreKo] = GENRES[song.genre ?? ''] ?? ['song', '곡'];
  const [purposeEn, purposeKo] =
    role === 'match'
      ? MATCH_PURPOSE[label]
      : role === 'lift-start'
        ? (['to start where you are', '지금 마음에서 시작하는'] as const)
        : role === 'lift-end'
          ? (['to settle into calm', '편안함으로 이끌어 줄'] as const)
          : LIFT_PURPOSE[label];
  const article = /^[aeiou]/i.test(energy[0]) ? 'An' : 'A';
  return {
    en: `${article} ${energy[0]}, ${feel[0]} ${genreEn} ${purposeEn}.`,
    ko: `${purposeKo} ${energy[2]} ${feel[1]} ${genreKo}`,
  };
}
