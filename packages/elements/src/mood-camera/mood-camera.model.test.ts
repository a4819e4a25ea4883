import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-camera.js';
import type { MoodCamera } from './mood-camera.js';
import { fakeMatcher } from '../internal/testing/fakes.js';
import { TEST_MODEL_CONFIG, hasFacePhotos } from '../../../../test/helpers/model.js';

/** The real detector from @moodiary/emotion, created by the element itself, on real face photos. */
describe('<mood-camera> with the real detector', function () {
  this.timeout(120_000);
  const config = TEST_MODEL_CONFIG;

  before(async function () {
    if (!(await hasFacePhotos())) this.skip();
  });

  async function photo(name: string): Promise<Blob> {
    return (await fetch(`/.cache/fixtures/${name}`)).blob();
  }

  it('loads the model with progress, finds the face in a photo and shows six probabilities', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" .detectorConfig=${config} .songMatcher=${fakeMatcher}></mood-camera>`,
    );
    const progress = oneEvent(el, 'mood-model-progress');
    const pending = el.analyzeFile(await photo('one-face.jpg'));
    await progress;
    const result = await pending;
    expect(el.state, el.shadowRoot!.querySelector('[part=message]')?.textContent ?? '').to.equal('result');
    expect(result!.faces.length).to.be.at.least(1);
    const sum = Object.values(result!.faces[0]!.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).to.be.closeTo(1, 1e-3);
    expect(el.shadowRoot!.querySelectorAll('[part=bars] li')).to.have.length(6);
    expect(el.draft?.modelVersion ?? 'uncertain').to.not.equal('unknown');
  });

  it('shares the default detector between cameras: a new camera does not load the models again', async () => {
    const first = await fixture<MoodCamera>(
      html`<mood-camera hide-songs .detectorConfig=${config}></mood-camera>`,
    );
    await first.analyzeFile(await photo('one-face.jpg'));
    const detector = (first as unknown as { model: { made: unknown } }).model.made;
    expect(detector).to.exist;
    first.remove();
    const second = await fixture<MoodCamera>(
      html`<mood-camera hide-songs .detectorConfig=${{ ...config }}></mood-camera>`,
    );
    await second.analyzeFile(await photo('one-face.jpg'));
    expect((second as unknown as { model: { made: unknown } }).model.made).to.equal(detector);
    expect(second.state).to.equal('result'); // not disposed by the first camera's removal
  });

  it('preloads the model when asked, with the config a parent template sets', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    const { render } = await import('lit');
    const ready = new Promise<void>((resolve) =>
      holder.addEventListener('mood-model-progress', (e) => e.detail.ready && resolve()),
    );
    render(html`<mood-camera preload hide-songs .detectorConfig=${config}></mood-camera>`, holder);
    await ready;
  });

  it('starts loading the model once it is on screen, before any use; not with preload="none"', async () => {
    // Side by side, both on screen.
    const pair = await fixture<HTMLDivElement>(
      html`<div style="display: grid; grid-template-columns: 1fr 1fr; width: 600px">
        <mood-camera hide-songs .detectorConfig=${config}></mood-camera>
        <mood-camera preload="none" hide-songs .detectorConfig=${config}></mood-camera>
      </div>`,
    );
    const [el, lazy] = [...pair.querySelectorAll('mood-camera')] as [MoodCamera, MoodCamera];
    await waitUntil(() => el.progress === 1, 'the model loads', { timeout: 100_000 });
    expect(lazy.progress).to.equal(null);
  });

  it('reads a photo upright by its EXIF tag through the detector’s Blob path, and shows it upright', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs allow-thumbnail .detectorConfig=${config}></mood-camera>`,
    );
    // Stored 480×640 on its side, tagged orientation 6.
    const result = await el.analyzeFile(await photo('one-face-exif6.jpg'));
    expect([result!.width, result!.height]).to.deep.equal([640, 480]);
    expect(result!.faces.length).to.be.at.least(1);
    const canvas = el.shadowRoot!.querySelector('[part=image]') as HTMLCanvasElement;
    await waitUntil(() => canvas.width === 640 && canvas.height === 480, 'shown upright');
    const form = el.shadowRoot!.querySelector('mood-entry-form')!;
    if (!el.draft) (form.shadowRoot!.querySelector('input[value=happy]') as HTMLInputElement).click();
    await el.updateComplete;
    // A thumbnail is cut only at save, and only when the user asks for one.
    expect(el.draft!.thumbnail).to.equal(undefined);
    (el.shadowRoot!.querySelector('.check input') as HTMLInputElement).click();
    await el.updateComplete;
    expect(el.draft!.thumbnail).to.match(/^data:image\/jpeg;base64,/);
  });

  it('shows a 12-megapixel photo scaled down, with the face box where the detector found it', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs .detectorConfig=${config}></mood-camera>`,
    );
    const result = await el.analyzeFile(await photo('photo-12mp.jpg'));
    expect([result!.width, result!.height]).to.deep.equal([4000, 3000]);
    const canvas = el.shadowRoot!.querySelector('[part=image]') as HTMLCanvasElement;
    await waitUntil(() => canvas.width === 1280 && canvas.height === 960, 'shown at most 1280 wide');
    const face = result!.faces[0]!;
    const box = el.shadowRoot!.querySelector('[part~=face-box]') as HTMLElement;
    expect(parseFloat(box.style.left)).to.be.closeTo((face.box.x / 4000) * 100, 0.01);
  });

  it('says "no face" for a photo without one', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs .detectorConfig=${config}></mood-camera>`,
    );
    await el.analyzeFile(await photo('no-face.jpg'));
    expect(el.state).to.equal('no-face');
  });
});
