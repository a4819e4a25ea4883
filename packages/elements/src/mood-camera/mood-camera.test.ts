import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-camera.js';
import type { MoodCamera } from './mood-camera.js';
import { FakeDetector, FakeStore, fakeFace, fakeMatcher } from '../internal/testing/fakes.js';
import { MoodErrorEvent, type MoodSavedEvent } from '../internal/events.js';
import { MoodError, addDays } from '@moodiary/core';
import { isoDate } from '../internal/dates.js';

/** A small PNG made in the browser: a valid image with no face in it. */
async function pngBlob(width = 320, height = 240): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#c96';
  ctx.fillRect(0, 0, width, height);
  return new Promise((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
}

/** In the camera's shadow root, then in its entry form's (label chips, note, tags, Save). */
const $ = (el: MoodCamera, selector: string) =>
  (el.shadowRoot!.querySelector(selector) ??
    el.shadowRoot!.querySelector('mood-entry-form')?.shadowRoot!.querySelector(selector) ??
    null) as HTMLElement | null;
const $$ = (el: MoodCamera, selector: string) =>
  [...el.shadowRoot!.querySelectorAll(selector)] as HTMLElement[];

async function camera(detector = new FakeDetector(), extra: Partial<MoodCamera> = {}) {
  const el = await fixture<MoodCamera>(
    html`<mood-camera lang="en" .detector=${detector} .songMatcher=${fakeMatcher}></mood-camera>`,
  );
  Object.assign(el, extra);
  await el.updateComplete;
  return el;
}

describe('<mood-camera>', () => {
  const realGetUserMedia = navigator.mediaDevices?.getUserMedia;
  afterEach(() => {
    if (navigator.mediaDevices) navigator.mediaDevices.getUserMedia = realGetUserMedia!;
  });

  it('starts idle with camera and upload buttons, and is accessible', async () => {
    const el = await camera();
    expect(el.state).to.equal('idle');
    expect($(el, '[part=start]')!.textContent).to.include('Turn on camera');
    expect($(el, '[part=upload]')!.textContent).to.include('Choose a photo');
    await expect(el).to.be.accessible();
  });

  it('speaks Korean with lang="ko" and takes replaced strings', async () => {
    const el = await camera();
    el.lang = 'ko';
    await el.updateComplete;
    expect($(el, '[part=start]')!.textContent).to.include('카메라 켜기');
    el.strings = { startCamera: 'Say cheese' };
    await el.updateComplete;
    expect($(el, '[part=start]')!.textContent).to.include('Say cheese');
  });

  const failures: [string, string, string][] = [
    ['NotAllowedError', 'camera-denied', 'blocked'],
    ['NotFoundError', 'camera-not-found', 'No camera was found'],
    ['OverconstrainedError', 'camera-not-found', 'No camera was found'],
    ['NotReadableError', 'camera-in-use', 'another app'],
    ['AbortError', 'camera-in-use', 'another app'],
    ['SecurityError', 'camera-blocked-by-policy', 'does not allow the camera'],
    ['TypeError', 'camera-unsupported', 'cannot use a camera'],
    ['WeirdError', 'camera-failed', 'could not start'],
  ];
  for (const [name, code, text] of failures) {
    it(`maps getUserMedia ${name} to ${code} with its own message, and upload still works`, async () => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('nope', name));
      const detector = new FakeDetector();
      const el = await camera(detector);
      const errorEvent = oneEvent(el, 'mood-error');
      ($(el, '[part=start]') as HTMLButtonElement).click();
      const { detail } = await errorEvent;
      expect(detail.code).to.equal(code);
      await el.updateComplete;
      expect(el.cameraError).to.equal(code);
      expect(el.getAttribute('camera-error')).to.equal(code);
      const message = $(el, '[part=message]')!;
      expect(message.getAttribute('role')).to.equal('alert');
      expect(message.textContent).to.include(text);
      expect(el.cameraActive).to.equal(false);
      // Upload still works after any camera failure.
      expect($(el, '[part=upload]')).to.exist;
      await el.analyzeFile(await pngBlob());
      expect(el.state).to.equal('result');
      expect(detector.calls).to.equal(1);
    });
  }

  it('reports an insecure page / missing API as camera-unsupported without calling the camera', async () => {
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'mediaDevices')!;
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
    try {
      const el = await camera();
      const errorEvent = oneEvent(el, 'mood-error');
      void el.start();
      expect((await errorEvent).detail.code).to.equal('camera-unsupported');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).mediaDevices;
      Object.defineProperty(Navigator.prototype, 'mediaDevices', original);
    }
  });

  it('reports insecure-context on an http page, without asking for the camera', async () => {
    let asked = false;
    navigator.mediaDevices.getUserMedia = () => ((asked = true), Promise.reject(new Error('no')));
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
    try {
      const el = await camera();
      const errorEvent = oneEvent(el, 'mood-error');
      void el.start();
      expect((await errorEvent).detail.code).to.equal('insecure-context');
      await el.updateComplete;
      expect($(el, '[part=message]')!.textContent).to.include('secure page');
      expect($(el, '[part=start]')).to.equal(null); // nothing on this page can fix it
      expect($(el, '[part=upload]')!.className).to.include('primary');
      expect(asked).to.equal(false);
    } finally {
      delete (window as unknown as Record<string, unknown>).isSecureContext;
    }
  });

  it('reports camera-blocked-by-policy when the permissions policy forbids the camera (iframe without allow="camera")', async () => {
    let asked = false;
    navigator.mediaDevices.getUserMedia = () => ((asked = true), Promise.reject(new Error('no')));
    const policy = { allowsFeature: (feature: string) => feature !== 'camera' };
    Object.defineProperty(document, 'permissionsPolicy', { value: policy, configurable: true });
    try {
      const el = await camera();
      const errorEvent = oneEvent(el, 'mood-error');
      void el.start();
      expect((await errorEvent).detail.code).to.equal('camera-blocked-by-policy');
      expect(asked).to.equal(false);
    } finally {
      delete (document as unknown as Record<string, unknown>).permissionsPolicy;
    }
  });

  it('reads an uploaded photo: box, six bars with ko/en names, top label chosen, event fired', async () => {
    const detector = new FakeDetector([fakeFace('sad', { x: 80, y: 60, width: 120, height: 120 }, 0.8)]);
    const el = await camera(detector);
    const captured = oneEvent(el, 'mood-captured');
    const photo = await pngBlob();
    await el.analyzeFile(photo);
    const { detail } = await captured;
    expect(detail.result.faces).to.have.length(1);
    expect(detail.result.source).to.equal('upload');
    await el.updateComplete;
    expect(el.state).to.equal('result');
    // The file itself goes to the detector (its Blob path reads it upright); the page shows one small decode.
    expect(detector.inputs).to.deep.equal([photo]);
    expect(detail.result.image).to.be.instanceOf(ImageBitmap);
    const bars = $$(el, '[part=bars] li');
    expect(bars.map((b) => b.dataset.label)).to.deep.equal([
      'happy',
      'angry',
      'sad',
      'anxious',
      'neutral',
      'embarrassed',
    ]);
    expect(bars[2]!.textContent).to.include('Sad').and.include('슬픔').and.include('80%');
    const box = $(el, '[part~=face-box]')!;
    expect(box.style.left).to.equal('25%');
    expect(box.style.width).to.equal('37.5%');
    const checked = $(el, 'input[name=label]:checked') as HTMLInputElement | null;
    expect(checked?.value).to.equal('sad');
    expect(($(el, '[part=save]') as HTMLButtonElement).disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('is accessible in the dark theme with a result', async () => {
    const el = await camera(new FakeDetector([fakeFace('anxious')]));
    el.theme = 'dark';
    await el.analyzeFile(await pngBlob());
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('is honest when not sure: no label pre-chosen, save disabled until the user picks', async () => {
    const el = await camera(new FakeDetector([fakeFace('neutral', undefined, 0.3, true)]));
    await el.analyzeFile(await pngBlob());
    await el.updateComplete;
    expect($(el, '.verdict')!.textContent).to.include('Hard to tell');
    expect($(el, '.uncertain')!.textContent).to.include('between several moods');
    expect($(el, 'input[name=label]:checked')).to.equal(null);
    expect(($(el, '[part=save]') as HTMLButtonElement).disabled).to.equal(true);
    const calm = $(el, 'input[value=happy]') as HTMLInputElement;
    calm.click();
    await el.updateComplete;
    expect(($(el, '[part=save]') as HTMLButtonElement).disabled).to.equal(false);
    expect(el.draft!.source).to.equal('corrected');
  });

  it('saves the corrected label and note to the store, then forgets the picture', async () => {
    const store = new FakeStore();
    const el = await camera(new FakeDetector([fakeFace('angry', undefined, 0.6)]), { store });
    await el.analyzeFile(await pngBlob());
    await el.updateComplete;
    ($(el, 'input[value=anxious]') as HTMLInputElement).click();
    const note = $(el, '[part=note]') as HTMLTextAreaElement;
    note.value = '  발표 전이라 떨렸다 ';
    note.dispatchEvent(new Event('input'));
    const tags = $(el, '[part=tags]') as HTMLInputElement;
    tags.value = '#회사, 발표 #회사';
    tags.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const saved = oneEvent(el, 'mood-saved');
    ($(el, '[part=save]') as HTMLButtonElement).click();
    const { detail } = (await saved) as MoodSavedEvent;
    expect(detail.persisted).to.equal(true);
    expect(store.entries).to.have.length(1);
    const entry = store.entries[0]!;
    expect(entry.label).to.equal('anxious');
    expect(entry.source).to.equal('corrected');
    expect(entry.note).to.equal('발표 전이라 떨렸다');
    expect(entry.tags).to.deep.equal(['회사', '발표']);
    expect(entry.probabilities!.angry).to.be.closeTo(0.6, 1e-9);
    expect(entry.thumbnail).to.equal(undefined);
    expect(entry.localDate).to.equal(isoDate(new Date())); // a photo is of now: no day to choose
    await el.updateComplete;
    expect(el.state).to.equal('saved');
    expect(el.result).to.equal(null); // the picture is forgotten
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('writes an entry by hand, without camera or photo', async () => {
    const store = new FakeStore();
    const detector = new FakeDetector();
    const el = await camera(detector, { store });
    ($(el, '[part=manual]') as HTMLButtonElement).click();
    await el.updateComplete;
    expect(el.state).to.equal('manual');
    expect(($(el, '[part=save]') as HTMLButtonElement).disabled).to.equal(true);
    ($(el, 'input[value=sad]') as HTMLInputElement).click();
    const note = $(el, '[part=note]') as HTMLTextAreaElement;
    note.value = 'rainy';
    note.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await el.save();
    expect(store.entries[0]).to.include({ source: 'manual', label: 'sad', confidence: 1, note: 'rainy' });
    expect(store.entries[0]!.probabilities).to.equal(undefined);
    expect(detector.calls).to.equal(0);
    el.reset();
    expect(el.state).to.equal('idle');
    expect(store.entries[0]!.tags).to.deep.equal([]);
  });

  it('writes by hand for a missed day, never for a day to come', async () => {
    const store = new FakeStore();
    const el = await camera(new FakeDetector(), { store });
    el.writeByHand();
    await el.updateComplete;
    const today = isoDate(new Date());
    const date = $(el, '[part=date]') as HTMLInputElement;
    expect(date.value).to.equal(today);
    expect(date.max).to.equal(today);
    ($(el, 'input[value=happy]') as HTMLInputElement).click();
    date.value = addDays(today, 1);
    date.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect($(el, '[part=problem]')!.textContent).to.include('cannot be in the future');
    expect(($(el, '[part=save]') as HTMLButtonElement).disabled).to.equal(true);
    expect(el.draft).to.equal(null);
    await el.save();
    expect(store.entries).to.have.length(0);
    date.value = addDays(today, -3);
    date.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect($(el, '[part=problem]')).to.equal(null);
    ($(el, '[part=save]') as HTMLButtonElement).click();
    await waitUntil(() => store.entries.length === 1, 'saved');
    expect(store.entries[0]).to.include({ localDate: addDays(today, -3), source: 'manual', label: 'happy' });
    // The next entry is for today again.
    el.writeByHand();
    await el.updateComplete;
    expect(($(el, '[part=date]') as HTMLInputElement).value).to.equal(today);
  });

  it('asks the day only when writing by hand: a day to come left there does not block a photo', async () => {
    const store = new FakeStore();
    const el = await camera(new FakeDetector([fakeFace('sad')]), { store });
    el.writeByHand();
    await el.updateComplete;
    const date = $(el, '[part=date]') as HTMLInputElement;
    date.value = addDays(isoDate(new Date()), 2);
    date.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.draft).to.equal(null);
    await el.analyzeFile(await pngBlob());
    await el.updateComplete;
    expect($(el, '[part=date]')).to.equal(null);
    expect(($(el, '[part=save]') as HTMLButtonElement).disabled).to.equal(false);
    await el.save();
    expect(store.entries[0]).to.include({ label: 'sad', localDate: isoDate(new Date()) });
  });

  it('says when the tags do not fit an entry, and saves nothing until they do', async () => {
    const store = new FakeStore();
    const el = await camera(new FakeDetector([fakeFace('happy')]), { store });
    await el.analyzeFile(await pngBlob());
    await el.updateComplete;
    const tags = $(el, '[part=tags]') as HTMLInputElement;
    tags.value = Array.from({ length: 33 }, (_, i) => `#t${i}`).join(' ');
    tags.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect($(el, '[part=problem]')!.textContent).to.include('up to 32 tags').and.include('remove 1');
    expect(($(el, '[part=save]') as HTMLButtonElement).disabled).to.equal(true);
    await el.save();
    expect(store.entries).to.have.length(0);
    tags.value = '#t1 #t2';
    tags.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await el.save();
    expect(store.entries[0]!.tags).to.deep.equal(['t1', 't2']);
  });

  it('lets the host take over saving by cancelling mood-save (nothing written)', async () => {
    const store = new FakeStore();
    const el = await camera(new FakeDetector(), { store });
    await el.analyzeFile(await pngBlob());
    el.addEventListener('mood-save', (e) => e.preventDefault(), { once: true });
    await el.save();
    expect(store.entries).to.have.length(0);
    expect(el.state).to.equal('result');
  });

  it('keeps the form and reports save-failed when the store refuses', async () => {
    const store = new FakeStore();
    const el = await camera(new FakeDetector(), { store });
    await el.analyzeFile(await pngBlob());
    // Set once the picture is read: reading it also reads the store (the profile's answers, #15).
    store.failNext = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const errorEvent = oneEvent(el, 'mood-error');
    await el.save();
    expect((await errorEvent).detail.code).to.equal('save-failed');
    await el.updateComplete;
    expect(el.state).to.equal('result');
    expect($(el, '[part=result] [part=message]')!.textContent).to.include('could not be saved');
  });

  it('keeps a refused hand-written entry on screen: the form, the words and why (full disk)', async () => {
    const store = new FakeStore();
    const el = await camera(new FakeDetector(), { store });
    el.writeByHand();
    await el.updateComplete;
    ($(el, 'input[value=sad]') as HTMLInputElement).click();
    const note = $(el, '[part=note]') as HTMLTextAreaElement;
    note.value = 'A long day, written slowly';
    note.dispatchEvent(new Event('input'));
    const tags = $(el, '[part=tags]') as HTMLInputElement;
    tags.value = '#work';
    tags.dispatchEvent(new Event('input'));
    store.failNext = new MoodError('storage-quota', 'The browser refused to store more.');
    const errorEvent = oneEvent(el, 'mood-error');
    await el.save();
    expect((await errorEvent).detail.code).to.equal('save-failed');
    await el.updateComplete;
    expect(el.state).to.equal('manual');
    expect(($(el, '[part=note]') as HTMLTextAreaElement).value).to.equal('A long day, written slowly');
    expect(($(el, '[part=tags]') as HTMLInputElement).value).to.equal('#work');
    expect(($(el, 'input[value=sad]') as HTMLInputElement).checked).to.equal(true);
    const alert = $(el, '[part=result] [role=alert]')!;
    expect(alert.textContent)
      .to.include('no room left')
      .and.include('Your words are still here')
      .and.include('free some space');
    // Going "write by hand" again, or reading a photo, never throws the words away.
    el.writeByHand();
    await el.updateComplete;
    expect(($(el, '[part=note]') as HTMLTextAreaElement).value).to.equal('A long day, written slowly');
    await el.analyzeFile(await pngBlob());
    await el.updateComplete;
    expect(($(el, '[part=note]') as HTMLTextAreaElement).value).to.equal('A long day, written slowly');
    // Once there is room again, the same form saves, and only then is it cleared.
    await el.save();
    expect(store.entries).to.have.length(1);
    expect(store.entries[0]).to.include({ note: 'A long day, written slowly' });
    el.writeByHand();
    await el.updateComplete;
    expect(($(el, '[part=note]') as HTMLTextAreaElement).value).to.equal('');
  });

  it('clears an old failure when the next picture reads well', async () => {
    const detector = new FakeDetector([]);
    const el = await camera(detector);
    await el.analyzeFile(await pngBlob());
    await el.updateComplete;
    expect(el.state).to.equal('no-face');
    expect($$(el, '[role=alert]')).to.have.length(1);
    detector.faces = [fakeFace('happy')];
    await el.analyzeFile(await pngBlob());
    await el.updateComplete;
    expect(el.state).to.equal('result');
    expect($$(el, '[role=alert]').map((a) => a.textContent!.trim())).to.deep.equal([]);
  });

  it('shows the picture drawn on a canvas, never through a data: or blob: URL', async () => {
    const el = await camera(new FakeDetector([fakeFace('happy', { x: 80, y: 60, width: 120, height: 120 })]));
    await el.analyzeFile(await pngBlob(320, 240));
    await el.updateComplete;
    const picture = $(el, '[part=image]') as HTMLCanvasElement;
    expect(picture.tagName).to.equal('CANVAS');
    await waitUntil(() => picture.width === 320 && picture.height === 240, 'picture drawn');
    expect([...picture.getContext('2d')!.getImageData(5, 5, 1, 1).data]).to.deep.equal([204, 153, 102, 255]);
    expect(el.shadowRoot!.querySelector('img, [src^="data:"], [src^="blob:"]')).to.equal(null);
  });

  it('refuses a 108-megapixel photo from its header, before decoding it', async function () {
    const response = await fetch('/.cache/fixtures/huge-108mp.png');
    if (!response.ok) this.skip(); // fixtures are built at test time
    const detector = new FakeDetector();
    const el = await camera(detector);
    const errorEvent = oneEvent(el, 'mood-error');
    await el.analyzeFile(await response.blob());
    const { detail } = await errorEvent;
    expect(detail.code).to.equal('image-too-large');
    expect(detail.error.details).to.include({ width: 12_000, height: 9_000, maxMegapixels: 100 });
    await el.updateComplete;
    expect(el.state).to.equal('bad-image');
    expect($(el, '[part=message]')!.textContent).to.include('too large').and.include('108');
    expect(detector.calls).to.equal(0);
    // A host that lowers the limit gets it honoured with the same refusal.
    el.detectorConfig = { maxMegapixels: 0.05 };
    await el.analyzeFile(await pngBlob(320, 240));
    expect(el.state).to.equal('bad-image');
    expect($(el, '[part=message]')!.textContent).to.include('too large');
  });

  it('shows no-face with a message, offers upload and saves nothing', async () => {
    const store = new FakeStore();
    const el = await camera(new FakeDetector([]), { store });
    const errorEvent = oneEvent(el, 'mood-error');
    await el.analyzeFile(await pngBlob());
    expect((await errorEvent).detail.code).to.equal('no-face');
    await el.updateComplete;
    expect(el.state).to.equal('no-face');
    expect($(el, '[part=message]')!.textContent).to.include('No face found');
    expect($(el, '[part=save]')).to.equal(null);
    expect($(el, '[part=upload]')).to.exist;
    await el.save();
    expect(store.entries).to.have.length(0);
  });

  it('treats a detector no-face error like an empty result', async () => {
    const el = await camera(new FakeDetector([], Object.assign(new Error('none'), { code: 'no-face' })));
    await el.analyzeFile(await pngBlob());
    expect(el.state).to.equal('no-face');
  });

  it('rejects a file that is not an image with bad-image, without calling the detector', async () => {
    const detector = new FakeDetector();
    const el = await camera(detector);
    const errorEvent = oneEvent(el, 'mood-error');
    await el.analyzeFile(new Blob(['definitely not a jpeg'], { type: 'image/jpeg' }));
    expect((await errorEvent).detail.code).to.equal('bad-image');
    await el.updateComplete;
    expect(el.state).to.equal('bad-image');
    expect($(el, '[part=message]')!.textContent).to.include('could not be read as a photo');
    expect(detector.calls).to.equal(0);
  });

  it('rejects the not-an-image fixture too', async function () {
    const el = await camera();
    const response = await fetch('/.cache/fixtures/not-an-image.jpg');
    if (!response.ok) this.skip(); // fixtures are built at test time
    await el.analyzeFile(await response.blob());
    expect(el.state).to.equal('bad-image');
  });

  it('asks which face when there are several, and only then allows saving', async () => {
    const faces = [
      fakeFace('happy', { x: 20, y: 20, width: 80, height: 80 }),
      fakeFace('sad', { x: 200, y: 40, width: 90, height: 90 }),
    ];
    const el = await camera(new FakeDetector(faces));
    await el.analyzeFile(await pngBlob());
    await el.updateComplete;
    expect($(el, '[part=result]')!.textContent).to.include('Which one is you?');
    expect($(el, '[part=save]')).to.equal(null);
    expect(el.draft).to.equal(null);
    const boxes = $$(el, 'button[part~=face-box]');
    expect(boxes).to.have.length(2);
    expect(boxes[1]!.getAttribute('aria-label')).to.equal('Face 2');
    boxes[1]!.click();
    await el.updateComplete;
    expect(boxes[1]!.getAttribute('aria-pressed')).to.equal('true');
    expect(el.draft!.label).to.equal('sad');
    await expect(el).to.be.accessible();
  });

  it('accepts a dropped photo', async () => {
    const detector = new FakeDetector();
    const el = await camera(detector);
    const data = new DataTransfer();
    data.items.add(new File([await pngBlob()], 'me.png', { type: 'image/png' }));
    const captured = oneEvent(el, 'mood-captured');
    $(el, '[part=base]')!.dispatchEvent(
      new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
    );
    await captured;
    expect(detector.calls).to.equal(1);
  });

  it('accepts a pasted photo', async () => {
    const detector = new FakeDetector();
    const el = await camera(detector);
    const data = new DataTransfer();
    data.items.add(new File([await pngBlob()], 'me.png', { type: 'image/png' }));
    const captured = oneEvent(el, 'mood-captured');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    await captured;
    expect(detector.calls).to.equal(1);
  });

  it('shows model-loading progress from the default factory, then the result', async () => {
    const el = await fixture<MoodCamera>(html`<mood-camera lang="en" hide-songs></mood-camera>`);
    let finish!: () => void;
    let report!: (p: number | null) => void;
    el.detectorFactory = ({ onProgress }) => {
      report = onProgress!;
      return new Promise((resolve) => (finish = () => resolve(new FakeDetector())));
    };
    const pending = el.analyzeFile(await pngBlob());
    await waitUntil(() => el.state === 'loading-model', 'shows loading');
    report(0.4);
    await el.updateComplete;
    expect($(el, '[part=progress]')!.textContent).to.include('40%');
    // the chosen picture stays on screen while it waits
    expect(($(el, '[part=image]') as HTMLCanvasElement | null)?.width).to.be.above(0);
    expect($(el, '[part=progress]')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    finish();
    await pending;
    expect(el.state).to.equal('result');
  });

  it('forwards the detector’s backend changes to the host', async () => {
    const el = await fixture<MoodCamera>(html`<mood-camera lang="en" hide-songs></mood-camera>`);
    class EventfulDetector extends EventTarget {
      estimate = new FakeDetector().estimate.bind(new FakeDetector());
    }
    const detector = new EventfulDetector();
    el.detectorFactory = async () => detector;
    await el.analyzeFile(await pngBlob());
    const changed = oneEvent(el, 'mood-backend-change');
    detector.dispatchEvent(
      Object.assign(new Event('backendchange'), { from: 'webgl', to: 'wasm', reason: 'webgl-context-lost' }),
    );
    expect((await changed).detail).to.deep.equal({ from: 'webgl', to: 'wasm', reason: 'webgl-context-lost' });
  });

  it('reports model-load when the detector cannot be created', async () => {
    const el = await fixture<MoodCamera>(html`<mood-camera lang="en"></mood-camera>`);
    el.detectorFactory = () => Promise.reject(new Error('404 model.json'));
    const errorEvent = oneEvent(el, 'mood-error');
    await el.analyzeFile(await pngBlob());
    expect((await errorEvent).detail).to.include({ code: 'model-load' });
    expect(el.state).to.equal('error');
  });

  it('suggests songs for the reading, and keeps chosen songs with the entry', async () => {
    const store = new FakeStore();
    const el = await camera(new FakeDetector([fakeFace('happy')]), { store });
    await el.analyzeFile(await pngBlob());
    await el.updateComplete;
    const songs = $(el, 'mood-songs')!;
    await (songs as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    await waitUntil(() => songs.shadowRoot!.querySelectorAll('[part=song]').length > 0);
    (songs.shadowRoot!.querySelector('[part=keep]') as HTMLButtonElement).click();
    await el.save();
    expect(store.entries[0]!.songs).to.deep.equal([{ id: 'match-happy-0', played: false }]);
  });

  it('fires MoodErrorEvent instances that bubble out of the shadow root', async () => {
    const el = await camera(new FakeDetector([]));
    const outer = oneEvent(document.body, 'mood-error');
    await el.analyzeFile(await pngBlob());
    const event = await outer;
    expect(event).to.be.instanceOf(MoodErrorEvent);
    expect(event.composed && event.bubbles).to.equal(true);
  });

  it('shows a result given as a property (no model), as stories do', async () => {
    const el = await fixture<MoodCamera>(
      html`<mood-camera
        lang="ko"
        hide-songs
        .result=${{ faces: [fakeFace('embarrassed')], width: 640, height: 480, source: 'upload' as const }}
      ></mood-camera>`,
    );
    expect(el.state).to.equal('result');
    expect($(el, '.verdict')!.textContent).to.include('당황');
  });
});
