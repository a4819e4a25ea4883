import { expect } from '@open-wc/testing';
import { fixtureManifest, loadImage, meanDifference, pixels } from './helpers/images.js';

/** Waits until the video has a decoded frame (a 0×0 frame breaks every consumer). */
async function firstFrame(video: HTMLVideoElement): Promise<void> {
  await new Promise<void>((resolve) => {
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) resolve();
    else video.addEventListener('loadeddata', () => resolve(), { once: true });
  });
}

describe('fake camera', () => {
  it('streams the looping face video built from the fixtures, not the default pattern', async function () {
    const manifest = await fixtureManifest();
    if (!manifest.hasFaces) this.skip();
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    try {
      await video.play();
      await firstFrame(video);
      expect([video.videoWidth, video.videoHeight]).to.deep.equal([640, 480]);
      const expected = pixels(await loadImage('camera-frame.jpg'), 160, 120);
      const actual = pixels(video, 160, 120);
      // Same picture up to JPEG/colour-conversion noise and a few pixels of drift.
      expect(meanDifference(actual, expected)).to.be.below(12);
      const blank = new Uint8ClampedArray(expected.length);
      expect(meanDifference(actual, blank)).to.be.above(40);
    } finally {
      for (const track of stream.getTracks()) track.stop();
    }
  });
});
