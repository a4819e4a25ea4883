import { expect } from '@open-wc/testing';
import { defineElement } from '../internal/mood-element.js';
import { MoodTracker } from '../mood-tracker/mood-tracker.js';
import { MoodCamera } from '../mood-camera/mood-camera.js';
import { FakeDetector } from '../internal/testing/fakes.js';

const ELEMENTS = [
  'mood-camera',
  'mood-songs',
  'mood-entry-form',
  'mood-tracker',
  'mood-sign-in',
  'mood-settings',
  'mood-diary',
];

let n = 0;
const tag = (base: string) => `${base}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

describe('registration in a host page', () => {
  it('registers every element once, and importing the define files again changes nothing', async () => {
    await Promise.all([
      import('./mood-diary.js'),
      import('./mood-camera.js'),
      import('./mood-tracker.js'),
      import('./mood-settings.js'),
    ]);
    const first = ELEMENTS.map((t) => customElements.get(t));
    expect(first.every(Boolean)).to.equal(true);
    await import('../moodiary.js'); // registers what is not yet, after what is on the page
    await new Promise((r) => setTimeout(r, 50));
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      defineElement('mood-camera', class extends MoodCamera {});
    } finally {
      console.warn = warn;
    }
    expect(ELEMENTS.map((t) => customElements.get(t))).to.deep.equal(first);
    expect(warnings).to.deep.equal([]);
  });

  it('keeps data a host set on a tracker before it was defined', async () => {
    const name = tag('late-tracker');
    const el = document.createElement(name) as MoodTracker;
    const at = '2026-11-24T09:00:00.000Z';
    el.entries = [
      {
        id: 'a',
        localDate: '2026-11-24',
        createdAt: at,
        updatedAt: at,
        utcOffset: 0,
        source: 'manual',
        label: 'sad',
        confidence: 1,
        note: '',
        tags: [],
        songs: [],
      },
    ];
    el.setAttribute('today', '2026-11-24');
    el.setAttribute('lang', 'en');
    document.body.append(el);
    defineElement(name, class extends MoodTracker {});
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-moment=today]')!.textContent).to.include('Sad');
    el.remove();
  });

  it('keeps a detector a host set on a camera before it was defined', async () => {
    const name = tag('late-camera');
    const el = document.createElement(name) as MoodCamera;
    const detector = new FakeDetector([]);
    el.detector = detector;
    document.body.append(el);
    defineElement(name, class extends MoodCamera {});
    await el.updateComplete;
    expect(el.detector).to.equal(detector);
    el.remove();
  });
});
