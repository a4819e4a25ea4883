import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/mood-diary.js';
import '../define/mood-camera.js';
import '../define/mood-tracker.js';
import '../define/mood-settings.js';
import type { MoodCamera, MoodCameraState } from '../mood-camera/mood-camera.js';
import type { MoodDiary } from '../mood-diary/mood-diary.js';
import type { MoodEntryForm } from '../mood-entry-form/mood-entry-form.js';
import type { MoodSongs } from '../mood-songs/mood-songs.js';
import type { MoodSignIn } from '../mood-sign-in/mood-sign-in.js';
import type { MoodSettings } from '../mood-settings/mood-settings.js';
import type { MoodTracker } from '../mood-tracker/mood-tracker.js';
import type { MoodCaptureResult } from './events.js';
import {
  FakeDetector,
  FakeStore,
  fakeFace,
  fakeMatcher,
  generateEntries,
  probabilitiesFor,
} from './testing/fakes.js';
import { drawnFace } from './testing/story-data.js';

/** axe on every element, in every state the stories show, in both themes and both languages. */
const one: MoodCaptureResult = {
  faces: [fakeFace('happy', { x: 236, y: 130, width: 168, height: 200 })],
  width: 640,
  height: 480,
  source: 'upload',
  image: drawnFace(),
};
const two: MoodCaptureResult = {
  ...one,
  faces: [
    fakeFace('happy', { x: 100, y: 150, width: 150, height: 170 }),
    fakeFace('sad', { x: 380, y: 150, width: 130, height: 150 }),
  ],
};
const unsure: MoodCaptureResult = { ...one, faces: [fakeFace('neutral', one.faces[0]!.box, 0.3, true)] };

const cameraStates: [string, Partial<MoodCamera>][] = [
  ['idle', {}],
  ['camera denied', { cameraError: 'camera-denied' }],
  ['insecure page', { cameraError: 'insecure-context' }],
  ['loading model', { state: 'loading-model' as MoodCameraState, progress: 0.4 }],
  ['no face', { state: 'no-face' as MoodCameraState }],
  ['bad file', { state: 'bad-image' as MoodCameraState }],
  ['result', { result: one }],
  ['not sure', { result: unsure }],
  ['several faces', { result: two }],
  ['saved', { result: one, state: 'saved' as MoodCameraState }],
];

for (const theme of ['light', 'dark'] as const) {
  for (const lang of ['en', 'ko']) {
    describe(`accessibility (${theme}, ${lang})`, () => {
      for (const [name, props] of cameraStates) {
        it(`<mood-camera> ${name}`, async () => {
          const el = await fixture<MoodCamera>(
            html`<mood-camera
              lang=${lang}
              theme=${theme}
              .detector=${new FakeDetector()}
              .songMatcher=${fakeMatcher}
            ></mood-camera>`,
          );
          Object.assign(el, props);
          await el.updateComplete;
          const songs = el.shadowRoot!.querySelector('mood-songs');
          if (songs) await waitUntil(() => songs.shadowRoot?.querySelector('[part=song]'));
          await expect(el).to.be.accessible();
        });
      }

      it('<mood-camera> writing by hand', async () => {
        const el = await fixture<MoodCamera>(
          html`<mood-camera lang=${lang} theme=${theme} hide-songs></mood-camera>`,
        );
        el.writeByHand();
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });

      it('<mood-entry-form> with a day, and with what does not fit said', async () => {
        const el = await fixture<MoodEntryForm>(
          html`<mood-entry-form
            lang=${lang}
            theme=${theme}
            choose-date
            today="2026-11-24"
          ></mood-entry-form>`,
        );
        await expect(el).to.be.accessible();
        el.value = {
          label: 'sad',
          note: 'x',
          tags: Array.from({ length: 40 }, (_, i) => `t${i}`),
          localDate: '2026-12-01',
        };
        await el.updateComplete;
        expect(el.problems).to.deep.equal(['date-future', 'too-many-tags']);
        await expect(el).to.be.accessible();
      });

      for (const view of ['month', 'year'] as const) {
        it(`<mood-tracker> ${view}, two years of entries, a day open`, async () => {
          const el = await fixture<MoodTracker>(
            html`<mood-tracker
              lang=${lang}
              theme=${theme}
              view=${view}
              today="2026-11-24"
              .entries=${generateEntries(730, '2026-11-24')}
            ></mood-tracker>`,
          );
          await expect(el).to.be.accessible();
          el.openDay('2026-11-24');
          await el.updateComplete;
          await expect(el).to.be.accessible();
          el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=edit]')!.click();
          await el.updateComplete;
          expect(el.shadowRoot!.querySelector('mood-entry-form')).to.exist;
          await expect(el).to.be.accessible();
        });
      }

      it('<mood-songs> lift, selectable', async () => {
        const el = await fixture<MoodSongs>(
          html`<mood-songs
            lang=${lang}
            theme=${theme}
            mode="lift"
            selectable
            .matcher=${fakeMatcher}
            .probabilities=${probabilitiesFor('anxious')}
          ></mood-songs>`,
        );
        await waitUntil(() => el.shadowRoot!.querySelector('[part=song]'));
        await expect(el).to.be.accessible();
      });

      it('<mood-sign-in> both forms, with a refusal shown', async () => {
        const el = await fixture<MoodSignIn>(
          html`<mood-sign-in
            lang=${lang}
            theme=${theme}
            notice=${lang === 'ko' ? '일기장을 지웠어요.' : 'The diary was deleted.'}
            .profiles=${[
              { id: 'a', name: '민지' },
              { id: 'b', name: 'Sam' },
            ]}
          ></mood-sign-in>`,
        );
        await expect(el).to.be.accessible();
        el.mode = 'log-in';
        await el.updateComplete;
        await expect(el).to.be.accessible();
        // A mismatch on sign-up shows the error line (checked before any diary is asked).
        el.mode = 'sign-up';
        await el.updateComplete;
        const root = el.shadowRoot!;
        for (const [id, value] of [
          ['signup-pass', 'aaaaaaaa1'],
          ['signup-pass2', 'aaaaaaaa2'],
        ] as const)
          root.querySelector<HTMLInputElement>(`#${id}`)!.value = value;
        root.querySelector<HTMLInputElement>('#signup-name')!.value = 'A';
        root.querySelector<HTMLButtonElement>('#signup-submit')!.click();
        await el.updateComplete;
        expect(root.querySelector('#auth-error')).to.exist;
        await expect(el).to.be.accessible();
      });

      it('<mood-settings> with the delete confirmation open', async () => {
        const el = await fixture<MoodSettings>(
          html`<mood-settings
            lang=${lang}
            theme=${theme}
            .store=${new FakeStore(generateEntries(30))}
            .deleteDiary=${async () => undefined}
          ></mood-settings>`,
        );
        el.shadowRoot!.querySelector<HTMLButtonElement>('#delete-all')!.click();
        await el.updateComplete;
        await expect(el).to.be.accessible();
      });

      it('<mood-diary> every tab', async () => {
        const el = await fixture<MoodDiary>(
          html`<mood-diary
            lang=${lang}
            theme=${theme}
            .store=${new FakeStore(generateEntries(90))}
            .detector=${new FakeDetector()}
            .songMatcher=${fakeMatcher}
          ></mood-diary>`,
        );
        for (const tab of ['today', 'tracker', 'settings'] as const) {
          el.tab = tab;
          await el.updateComplete;
          await expect(el).to.be.accessible();
        }
      });
    });
  }
}
