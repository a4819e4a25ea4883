import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-camera.js';
import type { MoodCamera } from './mood-camera.js';
import { createEmotionDetector, type EmotionDetector, type EmotionEstimate } from '@moodiary/emotion';
import { FakeDetector, fakeFace } from '../internal/testing/fakes.js';
import { TEST_MODEL_CONFIG, hasFacePhotos } from '../../../../test/helpers/model.js';

const hintOf = (el: MoodCamera) => el.shadowRoot!.querySelector<HTMLElement>('[part=hint]');

/** Capture hints (#15) on Chromium's fake camera looping a good clip: a real face, well lit, near. */
describe('<mood-camera> capture hints on a good clip', function () {
  this.timeout(120_000);
  let real: EmotionDetector;

  before(async function () {
    // The fake camera shows a real face only when the fixtures were built (node test/fixtures/build.mjs).
    if (!(await hasFacePhotos())) this.skip();
    real = await createEmotionDetector(TEST_MODEL_CONFIG);
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
    expect(el.state, 'no picture is taken without auto-capture').to.equal('live');
    await expect(el).to.be.accessible();
    el.stop();
  });

  it('auto-capture takes the picture of a good, steady face by itself, from several frames', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs auto-capture .detector=${real}></mood-camera>`,
    );
    const captured = oneEvent(el, 'mood-captured');
    await el.start();
    const { result } = (await captured).detail;
    expect(el.state).to.equal('result');
    expect(el.cameraActive, 'the camera turns off as after the shutter').to.equal(false);
    expect(result.source).to.equal('camera');
    expect(result.frames).to.be.at.least(3);
    expect(result.faces).to.have.length(1);
    expect(result.faces[0]!.label).to.equal('happy');
    expect(el.shadowRoot!.querySelector('[part=frames]')!.textContent).to.include(`${result.frames} frames`);
    expect(el.draft!.probabilities).to.deep.equal(result.faces[0]!.probabilities);
    await expect(el).to.be.accessible();
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

  it('auto-capture waits for a second of good frames and saves their average, not one frame', async () => {
    const box = { x: 220, y: 120, width: 200, height: 200 };
    const bad = Array.from({ length: 3 }, () => [flagged('dark')]);
    const good = Array.from({ length: 40 }, (_, i) => [fakeFace('happy', box, i % 2 ? 0.5 : 0.9)]);
    const detector = new FramesDetector([...bad, ...good]);
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs auto-capture .detector=${detector}></mood-camera>`,
    );
    const captured = oneEvent(el, 'mood-captured');
    await el.start();
    const started = performance.now();
    const { result } = (await captured).detail;
    const took = performance.now() - started;
    // 4 frames a second: the dark frames first, then about a second of good ones.
    expect(took).to.be.at.least(1000 + 3 * 200);
    expect(result.frames).to.be.at.least(3);
    expect(result.frames).to.be.at.most(detector.calls - bad.length);
    const happy = result.faces[0]!.probabilities.happy;
    expect(happy, 'between the frames’ 0.5 and 0.9').to.be.above(0.55).and.below(0.85);
    expect(result.faces[0]!.label).to.equal('happy');
    expect(result.faces[0]!.uncertain).to.equal(false);
    expect(el.draft!.probabilities!.happy).to.equal(happy);
    expect(el.draft!.label).to.equal('happy');
    expect(el.shadowRoot!.querySelector('[part=frames]')!.textContent).to.include(
      `the average of ${result.frames} frames`,
    );
  });

  it('auto-capture starts over when the face moves', async () => {
    // The face jumps across the picture every other frame: never steady, never taken.
    const frames = Array.from({ length: 40 }, (_, i) => [
      fakeFace('happy', { x: i % 2 ? 40 : 400, y: 120, width: 200, height: 200 }),
    ]);
    const detector = new FramesDetector(frames);
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs auto-capture .detector=${detector}></mood-camera>`,
    );
    await el.start();
    await waitUntil(() => detector.calls >= 8, 'two seconds of frames', { timeout: 20_000 });
    expect(el.state).to.equal('live');
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
