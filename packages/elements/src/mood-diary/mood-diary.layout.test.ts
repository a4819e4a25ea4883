import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../define/mood-diary.js';
import type { MoodDiary } from './mood-diary.js';
import type { MoodCamera } from '../mood-camera/mood-camera.js';
import { openDiary } from '@moodiary/store';
import { TEST_MODEL_CONFIG, hasFacePhotos } from '../../../../test/helpers/model.js';

/**
 * The result screen of a real photo read by the real detector, in the whole diary (#16): the verdict
 * and Save are on the first screen of a phone and of a laptop; the songs come after Save.
 */
describe('<mood-diary> result screen on a phone and a desktop', function () {
  this.timeout(180_000);
  const config = TEST_MODEL_CONFIG;

  before(async function () {
    if (!(await hasFacePhotos())) this.skip();
  });
  after(() => setViewport({ width: 800, height: 600 }));

  // A sure reading, and an unsure one (every reading below 99% is "hard to tell", with its reasons).
  for (const [width, height, unsure] of [
    [390, 844, false],
    [1280, 800, false],
    [390, 844, true],
    [1280, 800, true],
  ] as const)
    it(`shows the verdict and Save within the first ${width}×${height} screen, songs after${unsure ? ' (unsure)' : ''}`, async () => {
      await setViewport({ width, height });
      const diary = await openDiary({ name: `layout-${width}-${Date.now()}`, kdfIterations: 10_000 });
      const detectorConfig = unsure ? { ...config, abstainThreshold: 0.99 } : config;
      const el = await fixture<MoodDiary>(
        html`<mood-diary lang="en" .diary=${diary} .detectorConfig=${detectorConfig}></mood-diary>`,
      );
      const $ = <T extends Element>(s: string) =>
        (el.shadowRoot!.querySelector(s) ??
          el.shadowRoot!.querySelector('mood-sign-in')?.shadowRoot!.querySelector(s)) as T;
      await waitUntil(() => el.screen === 'sign-up');
      for (const [id, value] of [
        ['signup-name', 'Jun'],
        ['signup-pass', 'a long passphrase'],
        ['signup-pass2', 'a long passphrase'],
      ] as const) {
        const input = $<HTMLInputElement>(`#${id}`);
        input.value = value;
        input.dispatchEvent(new Event('input'));
      }
      const unlocked = oneEvent(el, 'mood-profile-unlocked');
      $<HTMLButtonElement>('#signup-submit').click();
      await unlocked;
      await el.updateComplete;

      const camera = $<MoodCamera>('#camera');
      const photo = await (await fetch('/.cache/fixtures/one-face.jpg')).blob();
      await camera.analyzeFile(photo);
      await camera.updateComplete;
      expect(camera.state).to.equal('result');
      expect(camera.result!.faces[0]!.uncertain).to.equal(unsure);
      const root = camera.shadowRoot!;
      const songs = root.querySelector('mood-songs')!;
      await waitUntil(() => songs.shadowRoot?.querySelector('[part=song]'), 'songs suggested');
      await camera.updateComplete;

      expect(window.scrollY).to.equal(0);
      const save = root.querySelector('mood-entry-form')!.shadowRoot!.querySelector('[part=save]')!;
      const saveBox = save.getBoundingClientRect();
      const verdictBox = root.querySelector('.verdict')!.getBoundingClientRect();
      expect(saveBox.height).to.be.above(0);
      expect(saveBox.bottom, 'Save on the first screen').to.be.at.most(height);
      expect(verdictBox.bottom, 'the verdict on the first screen').to.be.at.most(height);
      expect(verdictBox.top).to.be.below(saveBox.top);
      expect(songs.getBoundingClientRect().top, 'songs after Save').to.be.at.least(saveBox.bottom);
      expect(document.documentElement.scrollWidth, 'no sideways scroll').to.be.at.most(width);
    });
});
