import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/mood-camera.js';
import type { MoodCamera } from './mood-camera.js';
import { createEmotionDetector, type EmotionDetector, type EmotionEstimate } from '@moodiary/emotion';
import { FakeDetector, fakeFace } from '../internal/testing/fakes.js';

const hintOf = (el: MoodCamera) => el.shadowRoot!.querySelector<HTMLElement>('[part=hint]');

/** Capture hints (#15) on Chromium's fake camera looping a good clip: a real face, well lit, near. */
describe('<mood-camera> capture hints on a good clip', function () {
  this.timeout(120_000);
  let real: EmotionDetector;

  before(async function () {
    // The fake camera shows a real face only when the fixtures were built (node test/fixtures/build.mjs).
    const manifest = await fetch('/.cache/fixtures/manifest.json');
    if (!manifest.ok || !(await manifest.json()).hasFaces) this.skip();
    real = await createEmotionDetector({
      modelBaseUrl: '/models/',
      backend: 'wasm',
      wasmPaths: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/',
    });
  });
  after(() => real?.dispose());

  it('shows no hint for a good face, with the real detector reading the preview', async () => {
    const frames: EmotionEstimate[] = [];
    const detector = {
      estimate: async (...args: Parameters<EmotionDetector['estimate']>) => {
        const estimate = await real.estimate(...args);
        frames.push(estimate);
        return estimate;
      },
    };
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs .detector=${detector}></mood-camera>`,
    );
    await el.start();
    const hint = hintOf(el)!;
    expect(hint.getAttribute('aria-live')).to.equal('polite');
    await waitUntil(() => frames.length >= 8, 'preview frames read', { timeout: 60_000 });
    await el.updateComplete;
    expect(frames.at(-1)!.faces).to.have.length(1);
    expect(hint.dataset.hint).to.equal('');
    expect(hint.textContent!.trim()).to.equal('');
    await expect(el).to.be.accessible();
    el.stop();
  });
});

/** A detector whose answer changes with each preview frame, in turn. */
class FramesDetector extends FakeDetector {
  constructor(private readonly script: EmotionEstimate['faces'][]) {
    super();
  }
  override async estimate(input: Parameters<FakeDetector['estimate']>[0]) {
    this.faces = this.script[Math.min(this.calls, this.script.length - 1)]!;
    return super.estimate(input);
  }
}

const flagged = (...reasons: EmotionEstimate['faces'][0]['uncertainReasons']) => {
  const face = fakeFace('happy');
  return { ...face, uncertain: true, uncertainReasons: reasons };
};

describe('<mood-camera> capture hints from the SDK flags', function () {
  this.timeout(60_000);

  it('shows a hint only once it held for a few frames: no flicker from one frame to the next', async () => {
    const noisy = Array.from({ length: 8 }, (_, i) => [flagged(i % 2 ? 'dark' : 'blurry')]);
    const steady = Array.from({ length: 6 }, () => [flagged('low-confidence', 'blurry', 'small-face')]);
    const detector = new FramesDetector([...noisy, ...steady, [fakeFace('happy')]]);
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs .detector=${detector}></mood-camera>`,
    );
    const seen: { calls: number; hint: string }[] = [];
    await el.start();
    const hint = hintOf(el)!;
    new MutationObserver(() => seen.push({ calls: detector.calls, hint: hint.dataset.hint! })).observe(hint, {
      attributes: true,
      attributeFilter: ['data-hint'],
    });
    await waitUntil(() => hint.dataset.hint === 'small-face', 'the steady hint', { timeout: 20_000 });
    // The noisy frames (dark, blurry, dark…) never held: nothing was shown before the steady ones.
    expect(seen.map((s) => s.hint)).to.deep.equal(['small-face']);
    expect(seen[0]!.calls).to.be.at.least(noisy.length + 3);
    expect(hint.textContent!.trim()).to.equal('Come a little closer, please');
    // Good frames from then on: the hint goes, once they held too.
    await waitUntil(() => hint.dataset.hint === '', 'the hint goes', { timeout: 20_000 });
    expect(hint.textContent!.trim()).to.equal('');
    el.stop();
  });

  it('asks for one face only, and says it in Korean', async () => {
    const detector = new FakeDetector([
      fakeFace('happy'),
      fakeFace('sad', { x: 20, y: 20, width: 90, height: 90 }),
    ]);
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="ko" hide-songs .detector=${detector}></mood-camera>`,
    );
    await el.start();
    await waitUntil(() => hintOf(el)?.dataset.hint === 'several-faces', 'several faces', { timeout: 20_000 });
    expect(hintOf(el)!.textContent!.trim()).to.equal('한 사람만 나오게 해 주세요');
    await expect(el).to.be.accessible();
    el.stop();
  });

  it('asks to show a face when none is in the preview', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs .detector=${new FakeDetector([])}></mood-camera>`,
    );
    await el.start();
    await waitUntil(() => hintOf(el)?.dataset.hint === 'no-face', 'no face', { timeout: 20_000 });
    expect(hintOf(el)!.textContent!.trim()).to.equal('Show your face to the camera, please');
    el.stop();
    await el.updateComplete;
    expect(hintOf(el), 'no hint once the camera is off').to.equal(null);
  });
});
