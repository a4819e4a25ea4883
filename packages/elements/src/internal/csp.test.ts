import { expect, fixture, html } from '@open-wc/testing';
import '../define/mood-camera.js';
import '../define/mood-tracker.js';
import type { MoodCamera } from '../mood-camera/mood-camera.js';
import type { MoodTracker } from '../mood-tracker/mood-tracker.js';
import { fakeFace, generateEntries } from './testing/fakes.js';
import { drawnFace } from './testing/story-data.js';

/**
 * Pages with a strict Content-Security-Policy (`default-src 'self'`, no 'unsafe-inline') block
 * inline style attributes. The elements size bars and boxes through the CSSOM instead.
 */
describe('under a strict style CSP', () => {
  before(() => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "style-src 'self'";
    document.head.append(meta);
  });

  it('blocks inline style attributes here (the check is real)', async () => {
    const probe = document.createElement('div');
    probe.setAttribute('style', 'width: 123px');
    document.body.append(probe);
    expect(getComputedStyle(probe).width).to.not.equal('123px');
    probe.remove();
  });

  it('still sizes the probability bars and face boxes', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera
        hide-songs
        .result=${{ faces: [fakeFace('happy', { x: 160, y: 120, width: 320, height: 240 }, 0.75)], width: 640, height: 480, source: 'upload' as const, image: drawnFace() }}
      ></mood-camera>`,
    );
    const fill = el.shadowRoot!.querySelector('[data-label=happy] .fill') as HTMLElement;
    const track = fill.parentElement!;
    expect(fill.getBoundingClientRect().width / track.getBoundingClientRect().width).to.be.closeTo(
      0.75,
      0.02,
    );
    const box = el.shadowRoot!.querySelector('[part~=face-box]') as HTMLElement;
    expect(box.style.left).to.equal('25%');
    expect(box.getAttribute('style')).to.include('left: 25%'); // set through the CSSOM, reflected
  });

  it('still draws the tracker’s mood mix', async () => {
    const el = await fixture<MoodTracker>(
      html`<mood-tracker today="2026-11-24" .entries=${generateEntries(60, '2026-11-24')}></mood-tracker>`,
    );
    const bar = el.shadowRoot!.querySelector('[part=distribution] .stack span') as HTMLElement;
    expect(bar.getBoundingClientRect().width).to.be.above(0);
  });
});
