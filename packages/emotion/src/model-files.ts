import type * as tf from '@tensorflow/tfjs';
import type { ResolvedConfig } from './config.js';
import { compileDescriptor, type CompiledDescriptor } from './descriptor.js';
import { EmotionError } from './errors.js';
import {
  cachedFetch,
  fetchJson,
  loadArtifacts,
  loadFromHandler,
  timedFetch,
  type FetchLike,
} from './loader.js';

/** Descriptors tried in order when `model` is `auto`: our model once shipped, else the baseline. */
export const DEFAULT_MODEL_CANDIDATES = [
  'emotion/descriptor.json',
  'baselines/mini-xception/descriptor.json',
];

/** A User Timing mark per start-up stage (`moodiary:<stage>`): DevTools and `npm run bench -- first-result` read them. */
export const markStage = (stage: string, detail?: unknown) =>
  performance.mark(`moodiary:${stage}`, { detail });

/**
 * The share of the loading progress (0–1) each stage carries. The model stages advance file by file
 * (a model's file count is known once its model.json is read); backend and files load side by side.
 */
const PROGRESS_SHARES = {
  backend: 0.2,
  descriptor: 0.05,
  classifier: 0.3,
  detector: 0.25,
  build: 0.2,
} as const;

type LoadStage = keyof typeof PROGRESS_SHARES;

/** The one loading-progress scale: stages report how far they are, the host hears a rising 0–1. */
export class LoadProgress {
  private readonly done = { backend: 0, descriptor: 0, classifier: 0, detector: 0, build: 0 };
  private reported = -1;

  constructor(private readonly listener: ((progress: number) => void) | undefined) {
    this.report();
  }

  /** `stage` is `fraction` (0–1) done. */
  set(stage: LoadStage, fraction: number): void {
    this.done[stage] = Math.max(this.done[stage], Math.min(1, fraction));
    this.report();
  }

  private report() {
    let sum = 0;
    for (const [stage, share] of Object.entries(PROGRESS_SHARES))
      sum += share * this.done[stage as LoadStage];
    const value = Math.round(sum * 100) / 100;
    if (value <= this.reported || !this.listener) return;
    this.reported = value;
    try {
      this.listener(value);
    } catch {
      // a host callback must not break loading
    }
  }
}

/** Every model file a detector needs, fetched and checked, kept in memory (a backend switch rebuilds from them). */
export interface ModelFiles {
  descriptor: CompiledDescriptor;
  classifierArtifacts: tf.io.ModelArtifacts;
  classifierUrl: string;
  detectorArtifacts: tf.io.ModelArtifacts;
  detectorUrl: string;
}

/** The fetch for model files: the host's (or the global) fetch with the time limit, behind the cache. */
export function modelFetch(cfg: ResolvedConfig): FetchLike {
  const timed = timedFetch(cfg.fetch ?? ((url, init) => globalThis.fetch(url, init)), cfg.loadTimeout);
  return cfg.modelCache ? cachedFetch(cfg.modelCache, timed) : timed;
}

/** The first descriptor of `candidates` that exists (404 moves on to the next; other failures do not). */
async function findDescriptor(
  candidates: readonly string[],
  base: string,
  fetchFn: FetchLike,
): Promise<{ descriptor: CompiledDescriptor; url: string }> {
  const load = async (candidate: string) => {
    const url = new URL(candidate, base).href;
    return { descriptor: compileDescriptor(await fetchJson(url, fetchFn), url), url };
  };
  for (const candidate of candidates.slice(0, -1)) {
    try {
      return await load(candidate);
    } catch (e) {
      if (!(e instanceof EmotionError && e.details['status'] === 404)) throw e;
    }
  }
  return load(candidates.at(-1)!);
}

/** Fetches the emotion model (descriptor and weights) and the face detector the config names. */
export async function loadModelFiles(
  cfg: ResolvedConfig,
  fetchFn: FetchLike,
  progress: LoadProgress,
): Promise<ModelFiles> {
  const base = cfg.modelBaseUrl;
  const model = cfg.model;
  const classifierFile = (done: number, total: number) => progress.set('classifier', done / total);
  let descriptor: CompiledDescriptor;
  let classifierUrl: string;
  let classifierArtifacts: tf.io.ModelArtifacts;
  if (typeof model === 'object' && !(model instanceof URL)) {
    descriptor = compileDescriptor(model.descriptor, 'config.model.descriptor');
    progress.set('descriptor', 1);
    const weights = model.weights ?? descriptor.model.url;
    if (typeof weights === 'object' && !(weights instanceof URL)) {
      classifierUrl = 'config.model.weights';
      classifierArtifacts = await loadFromHandler(weights, classifierUrl);
      progress.set('classifier', 1);
    } else {
      const from = model.baseUrl ? new URL(String(model.baseUrl), base) : base;
      classifierUrl = new URL(String(weights), from).href;
      classifierArtifacts = await loadArtifacts(classifierUrl, fetchFn, classifierFile);
    }
  } else {
    const found = await findDescriptor(
      model === 'auto' ? DEFAULT_MODEL_CANDIDATES : [String(model)],
      base,
      fetchFn,
    );
    progress.set('descriptor', 1);
    descriptor = found.descriptor;
    classifierUrl = new URL(descriptor.model.url, found.url).href;
    classifierArtifacts = await loadArtifacts(classifierUrl, fetchFn, classifierFile);
  }
  let detectorUrl: string;
  let detectorArtifacts: tf.io.ModelArtifacts;
  const fd = cfg.faceDetectorModel;
  if (typeof fd === 'object' && !(fd instanceof URL)) {
    detectorUrl = 'config.faceDetectorModel';
    detectorArtifacts = await loadFromHandler(fd, detectorUrl);
    progress.set('detector', 1);
  } else {
    detectorUrl = new URL(fd === undefined ? `face-detection/${cfg.detectorRange}.json` : String(fd), base)
      .href;
    detectorArtifacts = await loadArtifacts(detectorUrl, fetchFn, (done, total) =>
      progress.set('detector', done / total),
    );
  }
  return { descriptor, classifierArtifacts, classifierUrl, detectorArtifacts, detectorUrl };
}
