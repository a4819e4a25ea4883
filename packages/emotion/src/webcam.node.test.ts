import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  captureIssues,
  createEmotionDetector,
  SteadyIssue,
  type CaptureIssue,
  type EmotionDetector,
  type EmotionEstimate,
  type UncertainReason,
} from './node.js';
import { fixture, manifest, MODELS_URL, WASM_DIR } from './test-support.node.js';

const m = manifest();
const faces = m.hasFaces ? {} : { skip: 'no ../shared/data: face fixtures not built' };

const face = (reasons: UncertainReason[]) =>
  ({ box: { x: 0, y: 0, width: 10, height: 10 }, uncertainReasons: reasons }) as EmotionEstimate['faces'][0];

describe('captureIssues', () => {
  it('says no-face for a frame without a face', () => {
    assert.deepEqual(captureIssues({ faces: [] }), ['no-face']);
  });

  it('orders the main face’s reasons, most important first, and leaves out low-confidence', () => {
    assert.deepEqual(captureIssues({ faces: [face(['low-confidence', 'small-face', 'blurry', 'dark'])] }), [
      'dark',
      'small-face',
      'blurry',
    ]);
    assert.deepEqual(captureIssues({ faces: [face(['low-confidence'])] }), []);
    assert.deepEqual(captureIssues({ faces: [face([])] }), []);
  });

  it('says several-faces first when more than one face is in the frame', () => {
    assert.deepEqual(captureIssues({ faces: [face(['turned-away']), face(['dark'])] }), [
      'several-faces',
      'turned-away',
    ]);
  });
});

describe('SteadyIssue', () => {
  it('shows an issue only after it held for the frames asked, and lets it go the same way', () => {
    const steady = new SteadyIssue(3);
    const seen = ([['dark'], ['dark'], ['dark'], [], ['dark'], [], [], []] as CaptureIssue[][]).map(
      (issues) => steady.push(issues),
    );
    assert.deepEqual(seen, [null, null, 'dark', 'dark', 'dark', 'dark', 'dark', null]);
    assert.equal(steady.current, null);
    assert.equal(steady.held, 3);
  });

  it('keeps the shown issue while frames disagree', () => {
    const steady = new SteadyIssue(2);
    steady.push(['small-face']);
    assert.equal(steady.push(['small-face', 'blurry']), 'small-face');
    for (const issues of [['blurry'], ['dark'], ['blurry'], ['dark']] as CaptureIssue[][])
      assert.equal(steady.push(issues), 'small-face');
    steady.reset();
    assert.equal(steady.current, null);
    assert.throws(() => new SteadyIssue(0), RangeError);
  });
});

describe('captureIssues on real frames (WASM, real models)', faces, () => {
  let d: EmotionDetector;
  before(async () => {
    d = await createEmotionDetector({ modelBaseUrl: MODELS_URL, wasmPaths: WASM_DIR });
  });
  after(() => d?.dispose());

  it('a good camera frame has nothing to fix; the same frame in a dark room says dark first', async () => {
    const good = await d.estimate(fixture('camera-frame.jpg'), { views: 'one' });
    assert.deepEqual(captureIssues(good), []);
    const dark = await d.estimate(fixture('camera-dark-frame.jpg'), { views: 'one' });
    assert.equal(dark.faces.length, 1, 'the face is still found in the dark');
    assert.equal(captureIssues(dark)[0], 'dark');
  });

  it('a frame without a face says no-face', async () => {
    assert.deepEqual(captureIssues(await d.estimate(fixture('no-face.jpg'), { views: 'one' })), ['no-face']);
  });
});
