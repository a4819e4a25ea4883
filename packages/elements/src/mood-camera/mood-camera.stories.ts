import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../define/mood-camera.js';
import type { MoodCamera } from './mood-camera.js';
import type { MoodCaptureResult } from '../internal/events.js';
import { FakeDetector, fakeFace, fakeMatcher } from '../internal/testing/fakes.js';
import { drawnFace } from '../internal/testing/story-data.js';
import { LOOK, type LookArgs } from '../internal/testing/story-meta.js';

/** Stories show every state from given data: no camera permission and no model needed. */
const meta: Meta = {
  title: 'Elements/mood-camera',
  component: 'mood-camera',
  ...LOOK,
  parameters: { layout: 'padded' },
};
export default meta;

type Args = LookArgs;
type Story = StoryObj<Args>;

const one: MoodCaptureResult = {
  faces: [fakeFace('happy', { x: 236, y: 130, width: 168, height: 200 }, 0.72)],
  width: 640,
  height: 480,
  source: 'upload',
  image: drawnFace(),
  modelVersion: 'story@1',
};

const render = (args: Args, props: Partial<MoodCamera> = {}) =>
  html`<mood-camera
    lang=${args.lang}
    theme=${args.theme}
    .detector=${new FakeDetector()}
    .songMatcher=${fakeMatcher}
    .result=${props.result ?? null}
    .state=${props.state ?? 'idle'}
    .cameraError=${props.cameraError ?? null}
    .progress=${props.progress ?? null}
  ></mood-camera>`;

/** Before anything: turn on the camera, or choose / drop / paste a photo. */
export const Idle: Story = { render: (args) => render(args) };

/** The face model is loading (first use), with its progress. */
export const LoadingModel: Story = {
  render: (args) => render(args, { state: 'loading-model', progress: 0.42 }),
};

/** The user or browser refused the camera: its own message, and upload still works. */
export const CameraDenied: Story = { render: (args) => render(args, { cameraError: 'camera-denied' }) };

/** In an iframe without `allow="camera"`. */
export const BlockedByPolicy: Story = {
  render: (args) => render(args, { cameraError: 'camera-blocked-by-policy' }),
};

/** No camera on the device. */
export const NoCamera: Story = { render: (args) => render(args, { cameraError: 'camera-not-found' }) };

/** No face in the picture. */
export const NoFace: Story = {
  render: (args) => render(args, { state: 'no-face', result: { ...one, faces: [] } }),
};

/** A file that is not an image. */
export const BadFile: Story = { render: (args) => render(args, { state: 'bad-image' }) };

/** A confident reading: face box, six bars, the label pre-chosen, note, songs, save. */
export const Result: Story = { render: (args) => render(args, { result: one }) };

/** Not sure: nothing pre-chosen, the reasons said plainly, the user picks. */
export const NotSure: Story = {
  render: (args) =>
    render(args, {
      result: {
        ...one,
        faces: [
          {
            ...fakeFace('neutral', one.faces[0]!.box, 0.31, true),
            uncertainReasons: ['low-confidence', 'dark'],
          },
        ],
      },
    }),
};

/** Several faces: the user picks which one is them. */
export const SeveralFaces: Story = {
  render: (args) =>
    render(args, {
      result: {
        ...one,
        image: drawnFace(640, 480, [
          { x: 190, y: 240, size: 170 },
          { x: 450, y: 230, size: 150 },
        ]),
        faces: [
          fakeFace('happy', { x: 118, y: 155, width: 144, height: 170 }),
          fakeFace('embarrassed', { x: 386, y: 155, width: 128, height: 150 }),
        ],
      },
    }),
};

/** After saving. */
export const Saved: Story = { render: (args) => render(args, { result: one, state: 'saved' }) };

/** 한국어. */
export const Korean: Story = { args: { lang: 'ko' }, render: (args) => render(args, { result: one }) };

/** Dark theme. */
export const Dark: Story = {
  args: { theme: 'dark' },
  parameters: { backgrounds: { default: 'dark' } },
  render: (args) => html`<div style="background:#141010;padding:1rem">${render(args, { result: one })}</div>`,
};

/** Writing by hand: no camera, no photo. */
export const WriteByHand: Story = {
  render: (args) =>
    html`<mood-camera
      lang=${args.lang}
      theme=${args.theme}
      .songMatcher=${fakeMatcher}
      ${ref((el) => (el as MoodCamera | undefined)?.writeByHand())}
    ></mood-camera>`,
};
