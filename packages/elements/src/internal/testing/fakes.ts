import { EMOTION_LABELS, type EmotionLabel, type EmotionProbabilities } from '@moodiary/core';
import type { EmotionEstimate, EmotionFace, EmotionInput, Estimator } from '@moodiary/emotion';
import type { EntryStore, MoodEntry, MoodEntryPatch, NewMoodEntry, StoreEvent } from '@moodiary/store';
import type { SongMatcher } from '@moodiary/songs';
import { addDays } from '@moodiary/core';
import { isoDate } from '../dates.js';

/** Probabilities peaked on one label. */
export function probabilitiesFor(label: EmotionLabel, peak = 0.7): EmotionProbabilities {
  const rest = (1 - peak) / (EMOTION_LABELS.length - 1);
  return Object.fromEntries(
    EMOTION_LABELS.map((l) => [l, l === label ? peak : rest]),
  ) as EmotionProbabilities;
}

/** A face for stories and tests. */
let entrySeq = 0;
/** A face entry on `localDate` read as `label` (80% sure), for tests; `extra` overrides any field. */
export function entryOn(localDate: string, label: EmotionLabel, extra: Partial<MoodEntry> = {}): MoodEntry {
  return {
    id: `e${++entrySeq}`,
    localDate,
    createdAt: `${localDate}T09:00:00.000Z`,
    updatedAt: `${localDate}T09:00:00.000Z`,
    utcOffset: 0,
    // Only readings of a face name the model that made them.
    ...(extra.source === undefined || extra.source === 'face' || extra.source === 'corrected'
      ? { modelVersion: 'test' }
      : {}),
    label,
    confidence: 0.8,
    probabilities: probabilitiesFor(label, 0.8),
    source: 'face',
    note: '',
    tags: [],
    songs: [],
    ...extra,
  };
}

export function fakeFace(
  label: EmotionLabel,
  box = { x: 220, y: 120, width: 200, height: 200 },
  peak = 0.7,
  uncertain = false,
) {
  const probabilities = probabilitiesFor(label, peak);
  const face: EmotionFace = {
    box,
    keypoints: [],
    score: 0.95,
    roll: 0,
    probabilities,
    label,
    confidence: probabilities[label],
    uncertain,
    uncertainReasons: uncertain ? ['low-confidence'] : [],
    personalized: false,
  };
  return face;
}

/** A detector that answers with given faces (or throws), counting calls. */
/** A photo's size as `@moodiary/emotion` reports it for a Blob: upright (EXIF), before any scaling. */
async function uprightSize(blob: Blob): Promise<{ width: number; height: number }> {
  const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' }).catch(() => {
    throw Object.assign(new Error('The file could not be read as an image.'), { code: 'bad-image' });
  });
  const size = { width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

export class FakeDetector implements Estimator {
  calls = 0;
  inputs: EmotionInput[] = [];
  disposed = false;
  constructor(
    public faces: EmotionEstimate['faces'] = [fakeFace('happy')],
    public error?: unknown,
  ) {}
  async estimate(input: EmotionInput): Promise<EmotionEstimate> {
    this.calls++;
    this.inputs.push(input);
    if (this.error) throw this.error;
    const size =
      input instanceof HTMLCanvasElement || input instanceof ImageBitmap
        ? { width: input.width, height: input.height }
        : input instanceof Blob
          ? await uprightSize(input)
          : { width: 640, height: 480 };
    return {
      faces: this.faces,
      noFace: this.faces.length === 0,
      image: size,
      model: { name: 'fake', version: '1' },
      backend: 'fake',
      timings: { decode: 0, detect: 0, classify: 0, total: 0 },
    };
  }
  dispose() {
    this.disposed = true;
  }
}

/** An in-memory entry store with the methods the elements call. */
export class FakeStore implements EntryStore {
  readonly persistence = 'memory';
  entries: MoodEntry[] = [];
  listeners = new Set<(e: StoreEvent) => void>();
  failNext: unknown = null;
  private seq = 0;
  constructor(entries: MoodEntry[] = []) {
    this.entries = [...entries];
  }
  private check() {
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
  }
  private emit(kind: 'add' | 'update' | 'delete' | 'purge', id: string) {
    for (const l of this.listeners) l({ type: 'change', kind, ids: [id], origin: 'local' });
  }
  async add(draft: NewMoodEntry): Promise<MoodEntry> {
    this.check();
    const entry = { ...draft, id: `e${++this.seq}`, updatedAt: new Date().toISOString() } as MoodEntry;
    this.entries.push(entry);
    this.emit('add', entry.id);
    return entry;
  }
  async update(id: string, patch: MoodEntryPatch): Promise<MoodEntry> {
    this.check();
    const i = this.entries.findIndex((e) => e.id === id);
    if (i < 0) throw new Error('not found');
    const entry = { ...this.entries[i]!, ...patch } as MoodEntry;
    this.entries[i] = entry;
    this.emit('update', id);
    return entry;
  }
  async delete(id: string): Promise<unknown> {
    this.check();
    this.entries = this.entries.filter((e) => e.id !== id);
    this.emit('delete', id);
    return undefined;
  }
  purged: string[] = [];
  async purge(id: string): Promise<void> {
    this.check();
    this.purged.push(id);
    this.entries = this.entries.filter((e) => e.id !== id);
    this.emit('purge', id);
  }
  async all(): Promise<readonly MoodEntry[]> {
    this.check();
    return [...this.entries];
  }
  subscribe(listener: (e: StoreEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** A song matcher that needs no catalogue. */
export const fakeMatcher: SongMatcher = (probabilities, { mode, count = 3 }) => {
  const top = EMOTION_LABELS.reduce((a, b) => (probabilities[b] > probabilities[a] ? b : a));
  return {
    songs: Array.from({ length: count }, (_, i) => ({
      song: {
        id: `${mode}-${top}-${i}`,
        title: `${mode === 'lift' ? 'Lift' : 'Match'} ${top} ${i + 1}`,
        artist: `Artist ${i + 1}`,
        year: 2020 + i,
      },
      reason: { ko: `${top} 기분에 어울려요`, en: `Fits a ${top} mood` },
      links: {
        youtube: `https://www.youtube.com/results?search_query=${i}`,
        spotify: `https://open.spotify.com/search/${i}`,
        appleMusic: `https://music.apple.com/search?term=${i}`,
        melon: `https://www.melon.com/search/total/index.htm?q=${i}`,
      },
    })),
  };
};

/** Deterministic pseudo-random entries, one or two a day with gaps, ending `end`. */
export function generateEntries(days: number, end = isoDate(new Date()), seed = 7): MoodEntry[] {
  let t = seed >>> 0;
  const rand = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const weights: [EmotionLabel, number][] = [
    ['happy', 0.32],
    ['neutral', 0.3],
    ['sad', 0.12],
    ['anxious', 0.1],
    ['embarrassed', 0.08],
    ['angry', 0.08],
  ];
  const notes = [
    '산책을 했다',
    'Coffee with a friend',
    '비가 왔다',
    'Long day at work',
    '',
    '',
    '맛있는 저녁',
    '',
  ];
  const out: MoodEntry[] = [];
  const start = addDays(end, -(days - 1));
  for (let d = 0; d < days; d++) {
    if (rand() < 0.12) continue;
    const date = addDays(start, d);
    const n = rand() < 0.2 ? 2 : 1;
    for (let k = 0; k < n; k++) {
      let x = rand();
      let label: EmotionLabel = 'neutral';
      for (const [l, w] of weights) {
        if ((x -= w) < 0) {
          label = l;
          break;
        }
      }
      const peak = 0.45 + rand() * 0.5;
      out.push({
        id: `g-${date}-${k}`,
        createdAt: `${date}T${String(8 + k * 10).padStart(2, '0')}:30:00.000Z`,
        updatedAt: `${date}T${String(8 + k * 10).padStart(2, '0')}:30:00.000Z`,
        utcOffset: 0,
        localDate: date,
        source: 'face',
        label,
        confidence: peak,
        probabilities: probabilitiesFor(label, peak),
        modelVersion: 'fake@1',
        note: notes[Math.floor(rand() * notes.length)]!,
        tags: [],
        songs: [],
      });
    }
  }
  return out;
}
