import { EMOTION_LABELS, type EmotionProbabilities } from '@moodiary/core';
import * as tf from '@tensorflow/tfjs';
import type { CompiledDescriptor } from './descriptor.js';
import { modelLoad } from './errors.js';
import { memoryHandler } from './loader.js';

/** A loaded emotion model plus the descriptor that says how to feed it. */
export class Classifier {
  private constructor(
    readonly descriptor: CompiledDescriptor,
    private readonly model: tf.GraphModel | tf.LayersModel,
  ) {}

  /** Builds the model from artifacts already fetched and checks its input and output shapes. */
  static async create(
    descriptor: CompiledDescriptor,
    artifacts: tf.io.ModelArtifacts,
    url: string,
  ): Promise<Classifier> {
    let model: tf.GraphModel | tf.LayersModel;
    try {
      model =
        descriptor.model.format === 'graph'
          ? await tf.loadGraphModel(memoryHandler(artifacts))
          : await tf.loadLayersModel(memoryHandler(artifacts));
    } catch (cause) {
      throw modelLoad(
        url,
        `not a valid ${descriptor.model.format} model (${(cause as Error)?.message ?? cause})`,
        {},
        cause,
      );
    }
    const { width, height, channels } = descriptor.input;
    const shape = model.inputs[0]?.shape;
    const ok =
      shape && shape.length === 4 && shape[1] === height && shape[2] === width && shape[3] === channels;
    if (!ok) {
      model.dispose();
      throw modelLoad(
        url,
        `model input shape is ${JSON.stringify(shape)} but the descriptor says [-1,${height},${width},${channels}]`,
        {
          shape,
        },
      );
    }
    const classifier = new Classifier(descriptor, model);
    let outShape: number[];
    try {
      outShape = tf.tidy(() => classifier.run(tf.zeros([1, height, width, channels])).shape);
    } catch (cause) {
      model.dispose();
      throw modelLoad(url, `the model does not run (${(cause as Error)?.message ?? cause})`, {}, cause);
    }
    if (outShape.length !== 2 || outShape[1] !== descriptor.outputs.labels.length) {
      model.dispose();
      throw modelLoad(
        url,
        `model output shape is ${JSON.stringify(outShape)} but the descriptor lists ${descriptor.outputs.labels.length} classes`,
        {
          shape: outShape,
        },
      );
    }
    return classifier;
  }

  /** Raw model output for a prepared batch [n, h, w, c]. */
  run(batch: tf.Tensor4D): tf.Tensor2D {
    const out = this.model instanceof tf.GraphModel ? this.model.execute(batch) : this.model.predict(batch);
    const first = Array.isArray(out) ? out[0]! : (out as tf.Tensor);
    if (Array.isArray(out)) out.slice(1).forEach((t) => t.dispose());
    return first as tf.Tensor2D;
  }

  /**
   * Six-label probabilities for a batch of prepared crops [n, h, w, c]. Each crop is read at every
   * zoom in `zooms` and, with `flip`, mirrored too; the (log-)scores of a face's views are averaged
   * before the temperature, as when the temperature was fitted.
   */
  probabilities(crops: tf.Tensor4D, flip: boolean, zooms: readonly number[] = [1]): tf.Tensor2D {
    const d = this.descriptor;
    return tf.tidy(() => {
      const score = (x: tf.Tensor4D) => {
        const raw = this.run(x);
        return d.outputs.kind === 'logits' ? raw : tf.log(tf.maximum(raw, 1e-7));
      };
      const batch = this.zoomViews(crops, zooms);
      let s = score(batch);
      if (flip) s = tf.div(tf.add(s, score(tf.reverse(batch, 2))), 2);
      if (zooms.length > 1) s = tf.mean(tf.reshape(s, [zooms.length, -1, s.shape[1]!]), 0);
      const p = tf.softmax(tf.div(s, d.temperature));
      // Sum the model's classes into the six product labels.
      const m = new Float32Array(d.outputs.labels.length * EMOTION_LABELS.length);
      d.sources.forEach((src, j) => src.forEach((i) => (m[i * EMOTION_LABELS.length + j] = 1)));
      const mapped = tf.matMul(p, tf.tensor2d(m, [d.outputs.labels.length, EMOTION_LABELS.length]));
      return tf.div(mapped, tf.sum(mapped, 1, true)) as tf.Tensor2D;
    });
  }

  /** Converts RGB 0–255 crops [n, h, w, 3] (float) into model input (gray, range). */
  prepare(rgb: tf.Tensor4D): tf.Tensor4D {
    const { channels, gray, range } = this.descriptor.input;
    return tf.tidy(() => {
      let x: tf.Tensor4D = rgb;
      if (channels === 1) {
        const [r, g, b] = gray!;
        x = tf.sum(tf.mul(x, tf.tensor1d([r, g, b])), 3, true) as tf.Tensor4D;
      }
      const [lo, hi] = range;
      return tf.add(tf.mul(x, (hi - lo) / 255), lo) as tf.Tensor4D;
    });
  }

  /**
   * The test-time views of model-size crops [n, h, w, c]: one batch per zoom, concatenated view-major.
   * Output pixel i samples input z·i + (size−1)/2·(1−z) — a zoom about the centre, exactly PyTorch's
   * affine_grid + grid_sample (align_corners=false) on the 48×48 arrays the views were chosen on; the
   * border is repeated beyond the edge.
   */
  private zoomViews(crops: tf.Tensor4D, zooms: readonly number[]): tf.Tensor4D {
    const { width: W, height: H } = this.descriptor.input;
    const views = zooms.map((z) =>
      z === 1
        ? crops
        : tf.image.transform(
            crops,
            tf.tensor2d([[z, 0, ((W - 1) / 2) * (1 - z), 0, z, ((H - 1) / 2) * (1 - z), 0, 0]]),
            'bilinear',
            'nearest',
          ),
    );
    return views.length === 1 ? views[0]! : tf.concat(views, 0);
  }

  /** Gray (or RGB) then plain bilinear resize of whole images that are already face crops, as in training. */
  prepareWhole(image: tf.Tensor3D): tf.Tensor4D {
    const { width, height, channels, gray } = this.descriptor.input;
    return tf.tidy(() => {
      let x = tf.cast(image, 'float32') as tf.Tensor3D;
      if (channels === 1) {
        const [r, g, b] = gray!;
        x = tf.sum(tf.mul(x, tf.tensor1d([r, g, b])), 2, true) as tf.Tensor3D;
      }
      const resized = tf.image.resizeBilinear(x, [height, width], false, true);
      const [lo, hi] = this.descriptor.input.range;
      return tf.expandDims(tf.add(tf.mul(resized, (hi - lo) / 255), lo), 0) as tf.Tensor4D;
    });
  }

  dispose() {
    this.model.dispose();
  }
}

export function toProbabilities(row: ArrayLike<number>): EmotionProbabilities {
  const out = {} as EmotionProbabilities;
  EMOTION_LABELS.forEach((label, i) => (out[label] = row[i]!));
  return out;
}
