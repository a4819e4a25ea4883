import * as tf from '@tensorflow/tfjs-core';

/**
 * Runs `work` and fails when it leaves tensors behind: the number of live tensors
 * must be the same after as before. Returns what `work` returned.
 */
export async function expectNoTensorLeak<T>(work: () => T | Promise<T>, what = 'the call'): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await work();
  const after = tf.memory().numTensors;
  if (after !== before) {
    throw new Error(`${what} leaked ${after - before} tensor(s): ${before} live before, ${after} after.`);
  }
  return result;
}
