import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-camera.js';
import type { MoodCamera } from './mood-camera.js';
import { FakeDetector, fakeFace, fakeMatcher } from '../internal/testing/fakes.js';

/** The real camera path, against Chromium's fake camera fed a looping face video. */
describe('<mood-camera> with the (fake) camera', () => {
  it('streams a mirrored preview, captures one frame, then turns the camera off', async () => {
    const detector = new FakeDetector([fakeFace('happy', { x: 240, y: 140, width: 160, height: 160 })]);
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" .detector=${detector} .songMatcher=${fakeMatcher}></mood-camera>`,
    );
    const on = oneEvent(el, 'mood-camera-change');
    (el.shadowRoot!.querySelector('[part=start]') as HTMLButtonElement).click();
    expect((await on).detail.active).to.equal(true);
    await waitUntil(() => el.state === 'live', 'camera goes live', { timeout: 15000 });
    const video = el.shadowRoot!.querySelector('video')!;
    expect(video.videoWidth).to.equal(640);
    expect(video.playsInline).to.equal(true);
    expect(getComputedStyle(video.parentElement!).transform).to.not.equal('none'); // mirrored
    const stream = video.srcObject as MediaStream;
    const track = stream.getVideoTracks()[0]!;
    expect(track.readyState).to.equal('live');
    await waitUntil(() => el.cameraCount === 1, 'cameras listed');
    expect(el.shadowRoot!.querySelector('[part=switch-camera]'), 'no switch with one camera').to.equal(null);
    await expect(el).to.be.accessible();

    const off = oneEvent(el, 'mood-camera-change');
    const shutter = el.shadowRoot!.querySelector('[part=capture]') as HTMLButtonElement;
    shutter.focus();
    shutter.click();
    expect((await off).detail.active).to.equal(false);
    expect(track.readyState).to.equal('ended');
    await waitUntil(() => el.state === 'result');
    // The shutter is gone: focus moves to the result's heading, not to the page's body.
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'title', 'focus on the result');
    // The detector saw the real frame: not blank. (Before it, the preview's frames were read for hints.)
    const input = detector.inputs.find((i) => i instanceof HTMLCanvasElement)!;
    expect(detector.inputs.filter((i) => i instanceof HTMLCanvasElement)).to.have.length(1);
    expect([input.width, input.height]).to.deep.equal([640, 480]);
    const data = input.getContext('2d')!.getImageData(0, 0, 640, 480).data;
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += data[i]!;
    expect(sum / (data.length / 4)).to.be.above(20);
    expect(el.result!.source).to.equal('camera');
    expect(el.shadowRoot!.querySelector('.frame-wrap')!.classList.contains('mirrored')).to.equal(true);
  });

  it('keeps streaming after capture in live mode, with a live face box', async () => {
    const detector = new FakeDetector([fakeFace('sad', { x: 240, y: 120, width: 160, height: 200 })]);
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" live hide-songs .detector=${detector}></mood-camera>`,
    );
    await el.start();
    await waitUntil(() => el.shadowRoot!.querySelector('[part~=live]'), 'live box', { timeout: 10000 });
    const box = el.shadowRoot!.querySelector('[part~=live]') as HTMLElement;
    expect(box.style.left).to.equal('37.5%');
    expect(box.textContent).to.include('Sad');
    expect(detector.inputs[0]).to.be.instanceOf(HTMLVideoElement);
    await expect(el).to.be.accessible();
    await el.capture();
    expect(el.cameraActive).to.equal(true);
    el.stop();
    expect(el.cameraActive).to.equal(false);
  });

  it('reads a photo chosen while the camera is live, shows it frozen, then the result', async () => {
    const detector = new FakeDetector([fakeFace('happy', { x: 40, y: 30, width: 60, height: 60 })]);
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" hide-songs .detector=${detector}></mood-camera>`,
    );
    await el.start();
    expect(el.state).to.equal('live');
    const frame = document.createElement('canvas');
    frame.width = 160;
    frame.height = 120;
    frame.getContext('2d')!.fillRect(0, 0, 160, 120);
    const photo = await new Promise<Blob>((resolve) => frame.toBlob((b) => resolve(b!), 'image/png'));
    await el.analyzeFile(photo);
    await el.updateComplete;
    expect(el.cameraActive).to.equal(false);
    expect(el.state).to.equal('result');
    const form = el.shadowRoot!.querySelector('mood-entry-form')!;
    expect((form.shadowRoot!.querySelector('[part=save]') as HTMLButtonElement).disabled).to.equal(false);
  });

  it('stops the camera when removed from the page', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera hide-songs .detector=${new FakeDetector()}></mood-camera>`,
    );
    await el.start();
    const track = (el.shadowRoot!.querySelector('video')!.srcObject as MediaStream).getVideoTracks()[0]!;
    el.remove();
    expect(track.readyState).to.equal('ended');
  });

  it('stops the camera when the element is hidden by the page', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera hide-songs .detector=${new FakeDetector()}></mood-camera>`,
    );
    await el.start();
    const track = (el.shadowRoot!.querySelector('video')!.srcObject as MediaStream).getVideoTracks()[0]!;
    el.hidden = true;
    await waitUntil(() => track.readyState === 'ended', 'camera off when hidden');
    expect(el.state).to.equal('idle');
  });

  it('stops the camera when the page is hidden', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera hide-songs .detector=${new FakeDetector()}></mood-camera>`,
    );
    await el.start();
    const track = (el.shadowRoot!.querySelector('video')!.srcObject as MediaStream).getVideoTracks()[0]!;
    const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
    } finally {
      delete (document as unknown as Record<string, unknown>).hidden;
      Object.defineProperty(Document.prototype, 'hidden', hidden);
    }
    expect(track.readyState).to.equal('ended');
    expect(el.state).to.equal('idle');
  });
});
