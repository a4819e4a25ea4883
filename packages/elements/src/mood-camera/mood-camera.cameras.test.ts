import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/mood-camera.js';
import type { MoodCamera } from './mood-camera.js';
import { FakeDetector, fakeFace, fakeMatcher } from '../internal/testing/fakes.js';

/** A device with two cameras: Chromium's fake capture with `device-count=2` (its own browser group). */
describe('<mood-camera> on a device with two cameras', () => {
  const trackOf = (el: MoodCamera) =>
    (el.shadowRoot!.querySelector('video')!.srcObject as MediaStream).getVideoTracks()[0]!;

  it('switches between them, stops the one it leaves, and starts with the chosen one next time', async () => {
    const ids = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    expect(ids.length, 'fake devices').to.equal(2);
    const detector = new FakeDetector([fakeFace('happy', { x: 240, y: 140, width: 160, height: 160 })]);
    const el = await fixture<MoodCamera>(
      html`<mood-camera lang="en" .detector=${detector} .songMatcher=${fakeMatcher}></mood-camera>`,
    );
    expect(el.shadowRoot!.querySelector('[part=switch-camera]'), 'unknown before a start').to.equal(null);
    await el.start();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=switch-camera]'), 'switch offered');
    expect(el.cameraCount).to.equal(2);
    const first = trackOf(el);
    const firstId = first.getSettings().deviceId;

    (el.shadowRoot!.querySelector('[part=switch-camera]') as HTMLButtonElement).click();
    await waitUntil(() => el.state === 'live' && trackOf(el) !== first, 'live on the other camera', {
      timeout: 15000,
    });
    expect(first.readyState, 'the camera it left is off').to.equal('ended');
    const secondId = trackOf(el).getSettings().deviceId;
    expect(secondId).to.not.equal(firstId);
    expect(ids.map((d) => d.deviceId)).to.include(secondId);
    await expect(el).to.be.accessible();

    el.stop();
    await el.start();
    expect(trackOf(el).getSettings().deviceId, 'the choice is kept').to.equal(secondId);
    await el.switchCamera();
    expect(trackOf(el).getSettings().deviceId, 'and wraps around').to.equal(firstId);
    el.stop();
  });
});
