import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/mood-camera.js';
import type { MoodCamera } from './mood-camera.js';
import { createEmotionDetector, type EmotionDetector } from '@moodiary/emotion';
import { TEST_MODEL_CONFIG, hasFacePhotos } from '../../../../test/helpers/model.js';

/**
 * Capture hints (#15) on Chromium's fake camera looping a dark clip: the good clip's face with a
 * quarter of the light. The real detector reads the preview; the hint asks for light.
 */
describe('<mood-camera> capture hints on a dark clip', function () {
  this.timeout(120_000);
  let real: EmotionDetector;

  before(async function () {
    if (!(await hasFacePhotos())) this.skip();
    real = await createEmotionDetector(TEST_MODEL_CONFIG);
  });
  after(() => real?.dispose());

  it('asks the user to turn toward the light, once the dark frames held, and takes no picture', async () => {
    let frames = 0;
    const detector = {
      estimate: async (...args: Parameters<EmotionDetector['estimate']>) => {
        const estimate = await real.estimate(...args);
        frames++;
        return estimate;
      },
    };
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs auto-capture .detector=${detector}></mood-camera>`,
    );
    await el.start();
    const hint = el.shadowRoot!.querySelector<HTMLElement>('[part=hint]')!;
    let shownAt = 0;
    new MutationObserver(() => (shownAt ||= frames)).observe(hint, { attributes: true });
    await waitUntil(() => hint.dataset.hint === 'dark', 'the light hint', { timeout: 60_000 });
    expect(shownAt, 'shown only after a few dark frames').to.be.at.least(3);
    expect(hint.textContent!.trim()).to.equal('Turn toward the light, please');
    expect(hint.getAttribute('aria-live')).to.equal('polite');
    el.lang = 'ko';
    await el.updateComplete;
    expect(hint.textContent!.trim()).to.equal('밝은 쪽을 향해 주세요');
    await expect(el).to.be.accessible();
    // Auto-capture waits for a good face: two seconds of dark frames take no picture.
    await waitUntil(() => frames >= 8, 'two seconds of frames', { timeout: 60_000 });
    expect(el.state).to.equal('live');
    el.stop();
  });
});
