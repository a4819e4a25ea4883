import { expect } from '@open-wc/testing';
import { shotOf, stateOf, viewFor, type CameraView, type MoodCameraState } from './view.js';

const STATES: MoodCameraState[] = [
  'idle',
  'starting',
  'live',
  'loading-model',
  'analyzing',
  'result',
  'no-face',
  'bad-image',
  'error',
  'manual',
  'saving',
  'saved',
];

describe('<mood-camera> views', () => {
  it('gives every reflected state a view that reflects it back', () => {
    for (const state of STATES) expect(stateOf(viewFor(state, { kind: 'idle' })), state).to.equal(state);
  });

  it('keeps the picture on screen when a host sets a state, and drops it where no picture belongs', () => {
    const canvas = document.createElement('canvas');
    const reading: CameraView = {
      kind: 'reading',
      phase: 'analyzing',
      shot: { picture: canvas, source: 'upload' },
    };
    expect(shotOf(viewFor('result', reading))?.picture).to.equal(canvas);
    expect(shotOf(viewFor('no-face', reading))?.picture).to.equal(canvas);
    expect(shotOf(viewFor('manual', reading))).to.equal(null);
    expect(shotOf(viewFor('live', reading))).to.equal(null);
  });

  it('saves a hand-written entry as one, and a reading as a reading', () => {
    const manual: CameraView = { kind: 'manual', saving: false, saveError: 'full' };
    expect(viewFor('saving', manual)).to.deep.equal({ kind: 'manual', saving: true, saveError: 'full' });
    expect(viewFor('saving', { kind: 'idle' }).kind).to.equal('result');
  });
});
