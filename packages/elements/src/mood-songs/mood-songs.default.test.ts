import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/mood-songs.js';
import type { MoodSongs } from './mood-songs.js';
import { probabilitiesFor } from '../internal/testing/fakes.js';

describe('<mood-songs> with the default catalogue of @moodiary/songs', () => {
  it('loads the real matcher on demand and lists songs with reasons in the page language', async () => {
    const el = await fixture<MoodSongs>(
      html`<mood-songs lang="ko" .probabilities=${probabilitiesFor('sad', 0.8)}></mood-songs>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part=song]').length === 4, 'songs appear', {
      timeout: 20000,
    });
    const first = el.shadowRoot!.querySelector('[part=song]')!;
    expect(first.querySelector('.reason')!.textContent!.trim()).to.match(/[가-힣]/);
    const melon = [...first.querySelectorAll('a')].find((a) => a.textContent!.includes('Melon'))!;
    expect(melon.href).to.match(/^https:\/\/www\.melon\.com\//);
    el.mode = 'lift';
    await waitUntil(() => el.songs.length >= 3 && el.songs !== undefined);
  });
});
