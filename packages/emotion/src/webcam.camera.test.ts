import { expect } from '@open-wc/testing';
import * as tf from '@tensorflow/tfjs';
import {
  createEmotionDetector,
  createEmotionWorker,
  EmotionSmoother,
  watchVideo,
  type EmotionDetector,
  type EmotionEstimate,
  type WebcamResult,
} from './index.js';

const base = {
  modelBaseUrl: '/models/',
  wasmPaths: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/',
  backend: 'wasm' as const,
};

describe('watchVideo on the fake camera', function () {
  this.timeout(120_000);
  let d: EmotionDetector;
  let stream: MediaStream;
  let video: HTMLVideoElement;

  before(async () => {
    d = await createEmotionDetector(base);
    await d.warmup();
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    video = Object.assign(document.createElement('video'), {
      muted: true,
      playsInline: true,
      srcObject: stream,
    });
    document.body.append(video);
    await video.play();
  });
  after(() => {
    stream?.getTracks().forEach((t) => t.stop());
    video?.remove();
    d?.dispose();
  });

  it('estimates at a steady rate, smooths, skips when busy and stops cleanly', async () => {
    const results: WebcamResult[] = [];
    const tensorsBefore = tf.memory().numTensors;
    const session = watchVideo(d, video, { fps: 30, halfLife: 300, onResult: (r) => results.push(r) });
    while (results.filter((r) => r.smoothed).length < 5) await new Promise((r) => setTimeout(r, 50));
    session.stop();
    await session.done;
    const count = results.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(results.length, 'no result after stop()').to.equal(count);
    expect(session.running).to.equal(false);
    const last = results.at(-1)!;
    expect(last.estimate.faces.length).to.equal(1);
    expect(last.smoothed!.frames).to.be.greaterThan(1);
    const sum = Object.values(last.smoothed!.probabilities).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1)).to.be.lessThan(1e-6);
    expect(session.stats.frames).to.equal(count);
    expect(tf.memory().numTensors).to.equal(tensorsBefore);
    expect(stream.getVideoTracks()[0]!.readyState, 'the host owns the stream').to.equal('live');
  });

  it('runs the same loop on a worker detector', async () => {
    const w = await createEmotionWorker(base, { workerUrl: new URL('./worker.ts', import.meta.url) });
    try {
      const results: WebcamResult[] = [];
      const session = watchVideo(w, video, { fps: 15, onResult: (r) => results.push(r) });
      while (results.length < 3) await new Promise((r) => setTimeout(r, 50));
      session.stop();
      await session.done;
      expect(results.at(-1)!.estimate.faces.length).to.equal(1);
    } finally {
      w.dispose();
    }
  });

  it('stops on an AbortSignal', async () => {
    const controller = new AbortController();
    const session = watchVideo(d, video, { fps: 5, signal: controller.signal });
    controller.abort();
    await session.done;
    expect(session.running).to.equal(false);
  });
});

describe('EmotionSmoother', () => {
  const est = (happy: number): EmotionEstimate =>
    ({
      faces: [
        {
          box: { x: 0, y: 0, width: 10, height: 10 },
          probabilities: { happy, angry: 0, sad: 1 - happy, anxious: 0, neutral: 0, embarrassed: 0 },
        },
      ],
    }) as unknown as EmotionEstimate;
  it('moves halfway in one half-life and resets after the face is gone', () => {
    const s = new EmotionSmoother(100);
    s.push(est(1), 0);
    const half = s.push(est(0), 100)!;
    expect(half.probabilities.happy).to.be.closeTo(0.5, 1e-9);
    expect(s.push({ faces: [] } as unknown as EmotionEstimate, 150)).to.not.equal(null);
    expect(s.push({ faces: [] } as unknown as EmotionEstimate, 5000)).to.equal(null);
  });
});
