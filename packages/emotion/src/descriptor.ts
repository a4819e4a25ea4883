import { EMOTION_LABELS, type EmotionLabel } from '@moodiary/core';
import { modelLoad } from './errors.js';

/** `models/<name>/descriptor.json`: everything the SDK needs to run an emotion model. */
export interface EmotionModelDescriptor {
  format: 'moodiary-emotion-model';
  formatVersion: 1;
  name: string;
  version: string;
  model: { url: string; format: 'graph' | 'layers' };
  /** Output label order of the SDK (always the six product labels). */
  labels: EmotionLabel[];
  outputs: {
    /** `logits` (pre-softmax) or `probabilities` (softmax already applied). */
    kind: 'logits' | 'probabilities';
    /** The model's own output classes, in output order. */
    labels: string[];
    /** Product label → the model classes whose probabilities it sums. Default: identity by name. */
    labelMap?: Partial<Record<EmotionLabel, string[]>>;
  };
  input: {
    width: number;
    height: number;
    channels: 1 | 3;
    /** RGB → gray weights (channels 1). */
    gray?: [number, number, number];
    /** pixel/255 mapped linearly to [min, max]. */
    range: [number, number];
  };
  crop: { scale: number; offsetY: number; square: boolean; alignEyes: boolean };
  /** Logits are divided by it (for `probabilities`: log-probabilities). */
  temperature: number;
  flipTTA: boolean;
  /**
   * Crop scales averaged at test time, as multiples of `crop.scale` (e.g. `[0.9, 0.95, 1]`: the crop and
   * two slightly tighter ones); scores are averaged before the temperature. Default `[1]`.
   */
  zoomTTA?: number[];
  [extra: string]: unknown;
}

/** A descriptor checked and compiled: `sources[i]` lists the model output indices summed into label i. */
export interface CompiledDescriptor extends EmotionModelDescriptor {
  sources: number[][];
  zoomTTA: number[];
}

function fail(url: string, what: string): never {
  throw modelLoad(url, `malformed model descriptor: ${what}`);
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks a parsed descriptor; throws `model-load` naming the URL and the first problem. */
export function compileDescriptor(json: unknown, url: string): CompiledDescriptor {
  if (typeof json !== 'object' || json === null) fail(url, 'not a JSON object');
  const d = json as EmotionModelDescriptor;
  if (d.format !== 'moodiary-emotion-model')
    fail(url, `"format" must be "moodiary-emotion-model", got ${JSON.stringify(d.format)}`);
  if (d.formatVersion !== 1)
    fail(url, `unsupported formatVersion ${JSON.stringify(d.formatVersion)} (supported: 1)`);
  if (typeof d.name !== 'string' || typeof d.version !== 'string')
    fail(url, '"name" and "version" must be strings');
  if (!d.model || typeof d.model.url !== 'string' || !['graph', 'layers'].includes(d.model.format))
    fail(url, '"model" must be { url: string, format: "graph" | "layers" }');
  if (
    !Array.isArray(d.labels) ||
    d.labels.length !== EMOTION_LABELS.length ||
    !EMOTION_LABELS.every((l) => d.labels.includes(l))
  )
    fail(url, `"labels" must list the six labels ${EMOTION_LABELS.join(', ')}`);
  const o = d.outputs;
  if (!o || !['logits', 'probabilities'].includes(o.kind))
    fail(url, '"outputs.kind" must be "logits" or "probabilities"');
  if (!Array.isArray(o.labels) || o.labels.length < 2 || !o.labels.every((l) => typeof l === 'string'))
    fail(url, '"outputs.labels" must be an array of class names');
  const sources = EMOTION_LABELS.map((label) => {
    const names = o.labelMap ? o.labelMap[label] : [label];
    if (!Array.isArray(names) || names.length === 0)
      fail(url, `"outputs.labelMap.${label}" must list model classes`);
    return names.map((n) => {
      const i = o.labels.indexOf(n);
      if (i < 0) fail(url, `"outputs.labelMap.${label}" names "${n}", which is not in outputs.labels`);
      return i;
    });
  });
  const i = d.input;
  if (
    !i ||
    !isNum(i.width) ||
    !isNum(i.height) ||
    i.width < 8 ||
    i.height < 8 ||
    i.width > 1024 ||
    i.height > 1024
  )
    fail(url, '"input.width/height" must be numbers in 8..1024');
  if (i.channels !== 1 && i.channels !== 3) fail(url, '"input.channels" must be 1 or 3');
  if (i.channels === 1 && (!Array.isArray(i.gray) || i.gray.length !== 3 || !i.gray.every(isNum)))
    fail(url, '"input.gray" must be three numbers when channels is 1');
  if (!Array.isArray(i.range) || i.range.length !== 2 || !i.range.every(isNum))
    fail(url, '"input.range" must be [min, max]');
  const c = d.crop;
  if (!c || !isNum(c.scale) || c.scale <= 0 || c.scale > 4 || !isNum(c.offsetY))
    fail(url, '"crop" must be { scale: number in (0, 4], offsetY: number, square, alignEyes }');
  if (!isNum(d.temperature) || d.temperature <= 0) fail(url, '"temperature" must be a positive number');
  const zooms = d.zoomTTA ?? [1];
  if (
    !Array.isArray(zooms) ||
    zooms.length < 1 ||
    zooms.length > 8 ||
    !zooms.every((z) => isNum(z) && z >= 0.5 && z <= 1.5)
  )
    fail(url, '"zoomTTA" must list 1 to 8 crop scales in [0.5, 1.5]');
  return {
    ...d,
    crop: {
      scale: c.scale,
      offsetY: c.offsetY,
      square: c.square !== false,
      alignEyes: c.alignEyes !== false,
    },
    flipTTA: d.flipTTA === true,
    zoomTTA: [...zooms],
    sources,
  };
}
