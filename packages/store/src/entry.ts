import {
  EMOTION_LABELS,
  deviceLocal,
  isEmotionLabel,
  isLocalDate,
  localDateOf,
  type EmotionLabel,
  type EmotionProbabilities,
} from '@moodiary/core';
import { StoreError } from './errors.js';
import type { EntrySource, MoodEntry, NewMoodEntry, SongRef } from './types.js';

export const ENTRY_SOURCES: readonly EntrySource[] = ['face', 'manual', 'corrected'];

/** Limits enforced by `validateEntry`. */
export const ENTRY_LIMITS = Object.freeze({
  idLength: 128,
  noteLength: 10_000,
  /** Notes kept from sync conflicts until the user picks one. */
  noteConflicts: 10,
  tags: 32,
  tagLength: 50,
  songs: 50,
  songIdLength: 200,
  modelVersionLength: 100,
  /** Characters of the thumbnail data URL (about 150 kB of image). */
  thumbnailLength: 200_000,
});

/** Canonical UTC instants as `Date#toISOString()` writes them, so that string order is time order. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const THUMBNAIL = /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+={0,2}$/;
const KEYS = new Set([
  'id',
  'createdAt',
  'utcOffset',
  'localDate',
  'source',
  'label',
  'confidence',
  'probabilities',
  'modelVersion',
  'note',
  'noteConflicts',
  'tags',
  'songs',
  'thumbnail',
  'updatedAt',
  'deletedAt',
]);

export interface ValidateOptions {
  /** Accept `thumbnail` (the user opted in to keeping a photo). Default false. */
  allowThumbnails?: boolean;
}

function invalid(field: string, reason: string, id?: unknown): never {
  throw new StoreError('invalid-entry', `The entry's ${field} ${reason}.`, {
    details: { field, reason, ...(typeof id === 'string' ? { id } : {}) },
  });
}

export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return false;
  const t = Date.parse(value);
  return !Number.isNaN(t) && new Date(t).toISOString() === value;
}

function isUnit(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

function checkProbabilities(value: unknown, id: unknown): EmotionProbabilities {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid('probabilities', 'must be an object with one probability per label', id);
  const keys = Object.keys(value);
  for (const key of keys)
    if (!isEmotionLabel(key)) invalid('probabilities', `has an unknown label "${key}"`, id);
  let sum = 0;
  const out = {} as EmotionProbabilities;
  for (const label of EMOTION_LABELS) {
    const p = (value as Record<string, unknown>)[label];
    if (!isUnit(p)) invalid('probabilities', `must give "${label}" a number between 0 and 1`, id);
    out[label] = p;
    sum += p;
  }
  if (Math.abs(sum - 1) > 0.01) invalid('probabilities', `must sum to 1 (they sum to ${sum.toFixed(3)})`, id);
  return out;
}

function checkTags(value: unknown, id: unknown): string[] {
  if (!Array.isArray(value)) invalid('tags', 'must be a list of words', id);
  if (value.length > ENTRY_LIMITS.tags)
    invalid('tags', `must not have more than ${ENTRY_LIMITS.tags} tags`, id);
  const seen = new Set<string>();
  for (const tag of value) {
    if (typeof tag !== 'string' || tag.trim() === '' || tag !== tag.trim())
      invalid('tags', 'must be non-empty words without surrounding spaces', id);
    if (tag.length > ENTRY_LIMITS.tagLength)
      invalid('tags', `must be at most ${ENTRY_LIMITS.tagLength} characters each`, id);
    if (seen.has(tag)) invalid('tags', `has "${tag}" twice`, id);
    seen.add(tag);
  }
  return [...value] as string[];
}

function checkSongs(value: unknown, id: unknown): SongRef[] {
  if (!Array.isArray(value)) invalid('songs', 'must be a list of songs', id);
  if (value.length > ENTRY_LIMITS.songs)
    invalid('songs', `must not have more than ${ENTRY_LIMITS.songs} songs`, id);
  return value.map((song: unknown) => {
    if (typeof song !== 'object' || song === null)
      invalid('songs', 'must hold objects like { id, played }', id);
    const s = song as Record<string, unknown>;
    for (const key of Object.keys(s))
      if (key !== 'id' && key !== 'played') invalid('songs', `has an unknown field "${key}"`, id);
    if (typeof s.id !== 'string' || s.id === '' || s.id.length > ENTRY_LIMITS.songIdLength)
      invalid('songs', 'must each have a non-empty id', id);
    if (s.played !== undefined && typeof s.played !== 'boolean')
      invalid('songs', 'played must be true or false', id);
    return s.played === undefined ? { id: s.id } : { id: s.id, played: s.played };
  });
}

/**
 * Checks a complete entry and returns a clean copy (fields in a fixed order,
 * absent optional fields left out). Throws `StoreError('invalid-entry')` naming
 * the field, or `thumbnail-not-allowed`.
 */
export function validateEntry(value: unknown, options: ValidateOptions = {}): MoodEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    invalid('value', 'must be an object');
  const e = value as Record<string, unknown>;
  const id = e.id;
  for (const key of Object.keys(e))
    if (!KEYS.has(key) && e[key] !== undefined) invalid(key, 'is not a known field', id);
  if (typeof id !== 'string' || id === '' || id.length > ENTRY_LIMITS.idLength || id !== id.trim())
    invalid('id', `must be a non-empty string of at most ${ENTRY_LIMITS.idLength} characters`);
  if (!isIsoInstant(e.createdAt))
    invalid('createdAt', 'must be a UTC time written like 2026-01-31T09:30:00.000Z', id);
  if (
    typeof e.utcOffset !== 'number' ||
    !Number.isInteger(e.utcOffset) ||
    e.utcOffset < -720 ||
    e.utcOffset > 840
  )
    invalid('utcOffset', 'must be whole minutes between -720 and 840', id);
  if (!isLocalDate(e.localDate)) invalid('localDate', 'must be a calendar day written YYYY-MM-DD', id);
  const source = e.source;
  if (!ENTRY_SOURCES.includes(source as EntrySource))
    invalid('source', 'must be "face", "manual" or "corrected"', id);
  if (!isEmotionLabel(e.label)) invalid('label', `must be one of ${EMOTION_LABELS.join(', ')}`, id);
  if (!isUnit(e.confidence)) invalid('confidence', 'must be a number between 0 and 1', id);
  const fromFace = source === 'face' || source === 'corrected';
  let probabilities: EmotionProbabilities | undefined;
  let modelVersion: string | undefined;
  if (fromFace) {
    probabilities = checkProbabilities(e.probabilities, id);
    if (
      typeof e.modelVersion !== 'string' ||
      e.modelVersion === '' ||
      e.modelVersion.length > ENTRY_LIMITS.modelVersionLength
    )
      invalid('modelVersion', 'must name the model that produced the probabilities', id);
    modelVersion = e.modelVersion;
  } else {
    if (e.probabilities !== undefined) invalid('probabilities', 'belong only to entries from a face', id);
    if (e.modelVersion !== undefined) invalid('modelVersion', 'belongs only to entries from a face', id);
  }
  if (typeof e.note !== 'string') invalid('note', 'must be text', id);
  if (e.note.length > ENTRY_LIMITS.noteLength)
    invalid('note', `must be at most ${ENTRY_LIMITS.noteLength} characters`, id);
  let noteConflicts: string[] | undefined;
  if (e.noteConflicts !== undefined) {
    const c = e.noteConflicts;
    if (
      !Array.isArray(c) ||
      c.length > ENTRY_LIMITS.noteConflicts ||
      c.some((n) => typeof n !== 'string' || n.length > ENTRY_LIMITS.noteLength)
    )
      invalid(
        'noteConflicts',
        `must be a list of at most ${ENTRY_LIMITS.noteConflicts} notes of at most ${ENTRY_LIMITS.noteLength} characters`,
        id,
      );
    if (c.length > 0) noteConflicts = [...(c as string[])];
  }
  const tags = checkTags(e.tags, id);
  const songs = checkSongs(e.songs, id);
  if (e.thumbnail !== undefined) {
    if (!options.allowThumbnails)
      throw new StoreError(
        'thumbnail-not-allowed',
        'This diary does not keep photos. Turn on thumbnails (allowThumbnails) only when the user asks for it.',
        { details: { id } },
      );
    if (typeof e.thumbnail !== 'string' || !THUMBNAIL.test(e.thumbnail))
      invalid('thumbnail', 'must be a data:image/…;base64, URL', id);
    if (e.thumbnail.length > ENTRY_LIMITS.thumbnailLength)
      invalid('thumbnail', `must be at most ${ENTRY_LIMITS.thumbnailLength} characters`, id);
  }
  if (!isIsoInstant(e.updatedAt))
    invalid('updatedAt', 'must be a UTC time written like 2026-01-31T09:30:00.000Z', id);
  if (e.deletedAt !== undefined && !isIsoInstant(e.deletedAt))
    invalid('deletedAt', 'must be a UTC time written like 2026-01-31T09:30:00.000Z', id);

  const out: MoodEntry = {
    id,
    createdAt: e.createdAt,
    utcOffset: e.utcOffset,
    localDate: e.localDate,
    source: source as EntrySource,
    label: e.label,
    confidence: e.confidence,
  } as MoodEntry;
  if (probabilities) out.probabilities = probabilities;
  if (modelVersion !== undefined) out.modelVersion = modelVersion;
  out.note = e.note;
  if (noteConflicts) out.noteConflicts = noteConflicts;
  out.tags = tags;
  out.songs = songs;
  if (e.thumbnail !== undefined) out.thumbnail = e.thumbnail as string;
  out.updatedAt = e.updatedAt;
  if (e.deletedAt !== undefined) out.deletedAt = e.deletedAt as string;
  return out;
}

function topLabel(p: EmotionProbabilities): EmotionLabel {
  let best: EmotionLabel = EMOTION_LABELS[0];
  for (const label of EMOTION_LABELS) if (p[label] > p[best]) best = label;
  return best;
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Builds a complete, validated entry from what `add()` receives, filling the id,
 * times and defaults. With probabilities and no source, the source is `face`; a
 * face entry without a label takes the most probable one.
 */
export function createEntry(input: NewMoodEntry, now: Date, options: ValidateOptions = {}): MoodEntry {
  if (typeof input !== 'object' || input === null) invalid('value', 'must be an object');
  const created =
    input.createdAt instanceof Date
      ? input.createdAt
      : input.createdAt === undefined
        ? now
        : new Date(input.createdAt);
  if (Number.isNaN(created.getTime())) invalid('createdAt', 'must be a valid time', input.id);
  const device = deviceLocal(created);
  const utcOffset = input.utcOffset ?? device.utcOffset;
  const source: EntrySource = input.source ?? (input.probabilities ? 'face' : 'manual');
  const probabilities = input.probabilities;
  const label =
    input.label ?? (probabilities && typeof probabilities === 'object' ? topLabel(probabilities) : undefined);
  const confidence =
    input.confidence ??
    (source === 'face' && probabilities && label && isEmotionLabel(label) ? probabilities[label] : 1);
  const stamp = now.toISOString();
  return validateEntry(
    {
      ...input,
      id: input.id ?? newId(),
      createdAt: created.toISOString(),
      utcOffset,
      localDate:
        input.localDate ??
        (typeof utcOffset === 'number' ? localDateOf(created, utcOffset) : device.localDate),
      source,
      label,
      confidence,
      note: input.note ?? '',
      tags: input.tags ?? [],
      songs: input.songs ?? [],
      updatedAt: stamp,
    },
    options,
  );
}
