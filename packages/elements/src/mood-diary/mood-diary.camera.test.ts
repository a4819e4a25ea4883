import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-diary.js';
import type { MoodDiary } from './mood-diary.js';
import type { MoodCamera } from '../mood-camera/mood-camera.js';
import type { MoodTracker } from '../mood-tracker/mood-tracker.js';
import { openDiary } from '@moodiary/store';
import { TEST_MODEL_CONFIG, hasFacePhotos } from '../../../../test/helpers/model.js';

/**
 * The whole diary with nothing faked but the camera device: Chromium's fake camera loops a video
 * of a real face, the real detector from @moodiary/emotion reads it, the real store keeps it.
 */
describe('<mood-diary> end to end in the browser', function () {
  this.timeout(180_000);

  before(async function () {
    // The fake camera shows a real face only when the fixtures were built (node test/fixtures/build.mjs).
    if (!(await hasFacePhotos())) this.skip();
  });

  it('sign up → camera → capture → result → save → tracker shows today → lock → unlock', async () => {
    const diary = await openDiary({
      name: `diary-e2e-${Date.now()}`,
      kdfIterations: 10_000,
    });
    const el = await fixture<MoodDiary>(
      html`<mood-diary lang="en" .diary=${diary} .detectorConfig=${TEST_MODEL_CONFIG}></mood-diary>`,
    );
    // In the diary's shadow root, or in that of the <mood-sign-in> it shows while locked.
    const $ = <T extends Element>(s: string) =>
      (el.shadowRoot!.querySelector(s) ??
        el.shadowRoot!.querySelector('mood-sign-in')?.shadowRoot!.querySelector(s)) as T;
    await waitUntil(() => el.screen === 'sign-up');
    for (const [id, value] of [
      ['signup-name', 'Jun'],
      ['signup-pass', 'a long passphrase'],
      ['signup-pass2', 'a long passphrase'],
    ]) {
      const input = $<HTMLInputElement>(`#${id}`);
      input.value = value!;
    }
    $<HTMLButtonElement>('#signup-submit').click();
    await waitUntil(() => el.screen === 'diary', 'unlocked', { timeout: 30_000 });
    await el.updateComplete;

    const camera = $<MoodCamera>('#camera');
    camera.shadowRoot!.querySelector<HTMLButtonElement>('[part=start]')!.click();
    await waitUntil(() => camera.state === 'live', 'camera live', { timeout: 30_000 });
    camera.shadowRoot!.querySelector<HTMLButtonElement>('[part=capture]')!.click();
    await waitUntil(() => ['result', 'no-face', 'error'].includes(camera.state), 'read', {
      timeout: 120_000,
    });
    expect(camera.state, camera.shadowRoot!.querySelector('[part=message]')?.textContent ?? '').to.equal(
      'result',
    );
    expect(camera.cameraActive).to.equal(false);
    const face = camera.result!.faces[0]!;
    const form = camera.shadowRoot!.querySelector('mood-entry-form')!.shadowRoot!;
    if (face.uncertain) form.querySelector<HTMLInputElement>(`input[value=${face.label}]`)!.click();
    await camera.updateComplete;
    const saved = oneEvent(el, 'mood-saved');
    form.querySelector<HTMLButtonElement>('[part=save]')!.click();
    const { detail } = await saved;
    expect(detail.persisted).to.equal(true);
    expect(detail.entry.label).to.equal(face.label);

    $<HTMLButtonElement>('#tab-tracker').click();
    await el.updateComplete;
    const tracker = $<MoodTracker>('#tracker');
    await waitUntil(() => tracker.shownEntries.length === 1);
    await tracker.updateComplete;
    const today = tracker.shadowRoot!.querySelector('[data-moment=today]')!;
    expect(today.className).to.include(`mood-${face.label}`);

    $<HTMLButtonElement>('#lock').click();
    await waitUntil(() => el.screen === 'log-in');
    $<HTMLInputElement>('#login-pass').value = 'a long passphrase';
    $<HTMLButtonElement>('#login-submit').click();
    await waitUntil(() => el.screen === 'diary', 'unlocked again', { timeout: 30_000 });
    el.tab = 'tracker';
    await el.updateComplete;
    await waitUntil(() => $<MoodTracker>('#tracker').shownEntries.length === 1, 'entry kept');
  });
});
