import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { expectNoTensorLeak } from './tensors.js';

describe('expectNoTensorLeak', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('passes work that frees its tensors and returns its result', async () => {
    const sum = await expectNoTensorLeak(() => tf.tidy(() => tf.sum(tf.ones([4])).arraySync()));
    expect(sum).to.equal(4);
  });

  it('fails work that leaves a tensor behind, saying how many', async () => {
    let kept: tf.Tensor | undefined;
    let message = '';
    try {
      await expectNoTensorLeak(() => {
        kept = tf.zeros([2, 2]);
      }, 'leaky work');
    } catch (error) {
      message = (error as Error).message;
    }
    kept?.dispose();
    expect(message).to.match(/^leaky work leaked 1 tensor/);
  });
});
