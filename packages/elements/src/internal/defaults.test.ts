import { EmotionWorkerDetector } from '@moodiary/emotion';
import { expect } from '@open-wc/testing';
import { fixtureManifest, loadImage } from '../../../../test/helpers/images.js';
import { defaultDetectorFactory, isSharedDetector, setDefaultDetectorWorker } from './defaults.js';
import type { Estimator } from '@moodiary/emotion';

// Each test asks for its own config (maxFaces differs), so it gets a detector of its own.
const config = (maxFaces: number) => ({
  modelBaseUrl: '/models/',
  wasmPaths: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/',
  backend: 'wasm',
  maxFaces,
});

async function analyse(detector: Estimator) {
  const canvas = document.createElement('canvas');
  const image = await loadImage('one-face.jpg');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  canvas.getContext('2d')!.drawImage(image, 0, 0);
  const { faces } = await detector.estimate(canvas);
  expect(faces).to.have.length(1);
  const sum = Object.values(faces[0]!.probabilities).reduce((a, b) => a + b, 0);
  expect(sum).to.be.closeTo(1, 1e-4);
  return faces[0]!;
}

describe('the default detector', function () {
  this.timeout(120_000);
  const made: Estimator[] = [];
  before(async function () {
    if (!(await fixtureManifest()).hasFaces) this.skip();
  });
  afterEach(() => setDefaultDetectorWorker(undefined));
  after(() => made.forEach((d) => d.dispose?.()));

  it('runs the models in a module worker, shared by every element, with progress', async () => {
    const progress: (number | null)[] = [];
    const detector = await defaultDetectorFactory({ config: config(3), onProgress: (p) => progress.push(p) });
    made.push(detector);
    expect(detector).to.be.instanceOf(EmotionWorkerDetector);
    expect(await defaultDetectorFactory({ config: config(3) })).to.equal(detector);
    expect(await isSharedDetector(detector)).to.equal(true);
    // @moodiary/emotion's own scale, passed through: rising, ending at 1 once the models are built.
    expect(progress.at(-1)).to.equal(1);
    expect(progress).to.deep.equal([...progress].sort((a, b) => a! - b!));
    const face = await analyse(detector);
    expect(face.label).to.be.a('string');
  });

  it('runs them on the page when the worker cannot start, with a warning, and agrees with the worker', async () => {
    setDefaultDetectorWorker('/no-such-worker.js');
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    let detector: Estimator;
    try {
      detector = await defaultDetectorFactory({ config: config(2) });
    } finally {
      console.warn = warn;
    }
    made.push(detector);
    expect(detector).not.to.be.instanceOf(EmotionWorkerDetector);
    expect(String(warnings[0]?.[0])).to.include('worker could not start');
    const onPage = await analyse(detector);
    setDefaultDetectorWorker(undefined);
    const inWorker = await analyse(await defaultDetectorFactory({ config: config(3) }));
    expect(onPage.label).to.equal(inWorker.label);
    for (const [label, p] of Object.entries(onPage.probabilities))
      expect(p).to.be.closeTo(inWorker.probabilities[label as keyof typeof onPage.probabilities], 1e-3);
  });

  it('stays on the page when the host says so', async () => {
    setDefaultDetectorWorker(false);
    const detector = await defaultDetectorFactory({ config: config(1) });
    made.push(detector);
    expect(detector).not.to.be.instanceOf(EmotionWorkerDetector);
    await analyse(detector);
  });
});
