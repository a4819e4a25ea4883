// The drop-in loads only the elements a page shows: its first load stays small (#17).
import { expect, waitUntil } from '@open-wc/testing';
import { loadElements } from './moodiary.js';

const defined = (tag: string) => customElements.get(tag) !== undefined;

describe('the drop-in bundle', () => {
  it('registers an element when the page shows it, not before', async () => {
    await new Promise((r) => setTimeout(r, 100));
    expect(['mood-tracker', 'mood-diary', 'mood-settings'].filter(defined)).to.deep.equal([]);
    const tracker = document.createElement('mood-tracker');
    document.body.append(tracker);
    await waitUntil(() => defined('mood-tracker'), 'a tracker added to the page is registered', {
      timeout: 10_000,
    });
    expect(tracker.shadowRoot, 'it upgraded').to.not.equal(null);
    expect(defined('mood-diary')).to.equal(false);
    tracker.remove();
  });

  it('registers an element inside a host shadow root when asked to', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const settings = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('mood-settings'));
    await new Promise((r) => setTimeout(r, 100));
    expect(defined('mood-settings'), 'the page cannot see into a shadow root').to.equal(false);
    await loadElements('mood-settings');
    expect(settings.shadowRoot).to.not.equal(null);
    host.remove();
  });

  it('says so when asked for an element it does not have', async () => {
    const error = await loadElements('mood-nothing').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(TypeError);
  });
});
