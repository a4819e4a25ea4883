import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/mood-camera.js';
import '../define/mood-settings.js';
import type { MoodCamera } from './mood-camera.js';
import type { MoodSettings } from '../mood-settings/mood-settings.js';
import { EMOTION_LABELS, type EmotionLabel } from '@moodiary/core';
import { createMemoryStore, openDiary, type EntryStore } from '@moodiary/store';
import { probabilitiesFor } from '../internal/testing/fakes.js';
import { TEST_MODEL_CONFIG, hasFacePhotos } from '../../../../test/helpers/model.js';

/**
 * Personal calibration (#15) with nothing faked: the real detector from @moodiary/emotion (in its
 * worker) reads real face photos, real stores keep the answers and the choice.
 */
describe('<mood-camera> and <mood-settings>: readings that learn from the user', function () {
  this.timeout(180_000);
  const config = TEST_MODEL_CONFIG;

  before(async function () {
    if (!(await hasFacePhotos())) this.skip();
  });

  const photo = async () => (await fetch('/.cache/fixtures/one-face.jpg')).blob();

  /** Entries the user corrected: the model said `said`, the user chose `chose`. */
  async function corrections(store: EntryStore, n: number, said: EmotionLabel, chose: EmotionLabel) {
    for (let i = 0; i < n; i++)
      await store.add({
        source: 'corrected',
        label: chose,
        probabilities: probabilitiesFor(said, 0.7),
        modelVersion: 'test@1',
      });
  }

  /** In the element's shadow root, then in its entry form's. */
  const $ = (el: HTMLElement, selector: string) =>
    (el.shadowRoot!.querySelector(selector) ??
      el.shadowRoot!.querySelector('mood-entry-form')?.shadowRoot!.querySelector(selector) ??
      null) as HTMLElement | null;
  const personalLine = (el: MoodCamera) => $(el, '[part=personal]')?.textContent?.trim() ?? '';

  it('fits the profile’s answers after the first paint, personalises the reading, and a correction raises the count', async () => {
    const store = createMemoryStore();
    await corrections(store, 3, 'sad', 'neutral');
    // A hand-written entry says nothing about the face: not counted.
    await store.add({ source: 'manual', label: 'happy' });
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs .store=${store} .detectorConfig=${config}></mood-camera>`,
    );
    // Not fitted before the first paint: the line appears only after it.
    expect(personalLine(el)).to.equal('');
    await waitUntil(() => personalLine(el).includes('3 so far'), 'fitted after the first paint', {
      timeout: 20_000,
    });
    expect(personalLine(el)).to.equal('Adjusted to your corrections: 3 so far');

    const result = await el.analyzeFile(await photo());
    const face = result!.faces[0]!;
    expect(face.personalized, 'the reading says it was personalised').to.equal(true);
    expect(face.modelProbabilities).to.exist;
    await el.updateComplete;
    expect(personalLine(el)).to.equal('Adjusted to your corrections: 3 so far');

    // The user corrects the label; the entry keeps the model's own probabilities (what a fit learns from).
    const other = EMOTION_LABELS.find((l) => l !== face.label)!;
    ($(el, `input[value=${other}]`) as HTMLInputElement).click();
    await el.updateComplete;
    expect(el.draft!.source).to.equal('corrected');
    expect(el.draft!.probabilities).to.deep.equal(face.modelProbabilities);
    ($(el, '[part=save]') as HTMLButtonElement).click();
    await waitUntil(() => el.state === 'saved', 'saved');
    const saved = (await store.all()).at(-1)!;
    expect(saved.source).to.equal('corrected');
    expect(saved.probabilities).to.deep.equal(face.modelProbabilities);
    el.reset();
    await waitUntil(() => personalLine(el).includes('4 so far'), 'refitted after the correction', {
      timeout: 10_000,
    });
    expect(personalLine(el)).to.equal('Adjusted to your corrections: 4 so far');
  });

  it('off gives the model’s own readings; the choice survives lock and unlock; reset counts from 0', async () => {
    const diary = await openDiary({ name: `personal-${Date.now()}`, kdfIterations: 10_000 });
    const passphrase = 'a long passphrase for tests';
    const opened = await diary.createProfile('Mina', passphrase);
    await corrections(opened, 4, 'happy', 'embarrassed');

    async function open(store: EntryStore) {
      const holder = await fixture<HTMLDivElement>(
        html`<div>
          <mood-settings lang="en" .store=${store}></mood-settings>
          <mood-camera lang="en" hide-songs .store=${store} .detectorConfig=${config}></mood-camera>
        </div>`,
      );
      const settings = holder.querySelector('mood-settings') as MoodSettings;
      const camera = holder.querySelector('mood-camera') as MoodCamera;
      const status = () => $(settings, '#personal-status')!;
      const toggle = () => $(settings, '#personalize') as HTMLInputElement;
      await waitUntil(() => status().dataset.answers !== '', 'loaded', { timeout: 20_000 });
      const read = async () => (await camera.analyzeFile(await photo()))!.faces[0]!;
      return { holder, settings, camera, status, toggle, read };
    }

    let view = await open(opened);
    expect(view.toggle().checked, 'on by default').to.equal(true);
    expect(view.status().dataset.answers).to.equal('4');
    expect(view.status().textContent).to.equal('Adjusted to your corrections: 4 so far');
    expect((await view.read()).personalized).to.equal(true);
    await expect(view.settings).to.be.accessible();

    // Off: the camera's readings are the model's own, and it says nothing of corrections.
    view.toggle().click();
    await waitUntil(() => view.status().textContent === 'Off: you see the model’s own readings.');
    const plain = await view.read();
    expect(plain.personalized).to.equal(false);
    expect(plain.modelProbabilities).to.equal(undefined);
    await view.camera.updateComplete;
    expect(personalLine(view.camera)).to.equal('');

    // Locked and unlocked: a new store of the same profile keeps the choice (in its encrypted settings).
    view.holder.remove();
    diary.lock(opened.profile);
    const again = await diary.unlock(opened.profile, passphrase);
    view = await open(again);
    expect(view.toggle().checked, 'still off after unlocking').to.equal(false);
    expect((await view.read()).personalized).to.equal(false);

    // On again: personalised; then reset: earlier answers no longer count, so nothing is adjusted.
    view.toggle().click();
    await waitUntil(
      () => view.status().textContent === 'Adjusted to your corrections: 4 so far',
      'fitted again',
    );
    expect(view.toggle().checked).to.equal(true);
    expect((await view.read()).personalized).to.equal(true);
    ($(view.settings, '#personal-reset') as HTMLButtonElement).click();
    await waitUntil(() => view.status().dataset.answers === '0', 'reset');
    expect(view.status().textContent).to.equal('Not adjusted yet: it starts after 3 corrections (0 so far).');
    expect((await view.read()).personalized).to.equal(false);
    // The entries themselves stay in the diary.
    expect(await again.count()).to.equal(4);
    // A later answer counts from the reset.
    await corrections(again, 1, 'happy', 'embarrassed');
    await waitUntil(() => view.status().dataset.answers === '1', 'a later answer counts');
    view.holder.remove();
    diary.close();
  });
});
