import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-songs.js';
import type { MoodSongs } from './mood-songs.js';
import { fakeMatcher, probabilitiesFor } from '../internal/testing/fakes.js';
import type { SongMatcher } from '@moodiary/songs';

const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll(s)] as HTMLElement[];
const $ = (el: Element, s: string) => el.shadowRoot!.querySelector(s) as HTMLElement | null;

describe('<mood-songs>', () => {
  it('lists songs for the mood with reasons and provider links that open a new tab', async () => {
    const el = await fixture<MoodSongs>(
      html`<mood-songs
        lang="en"
        .matcher=${fakeMatcher}
        .probabilities=${probabilitiesFor('sad')}
      ></mood-songs>`,
    );
    await waitUntil(() => $$(el, '[part=song]').length === 4);
    const first = $$(el, '[part=song]')[0]!;
    expect(first.textContent)
      .to.include('Match sad 1')
      .and.include('Artist 1')
      .and.include('Fits a sad mood');
    const links = [...first.querySelectorAll('a')];
    const visible = (a: Element) =>
      [...a.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
        .trim();
    expect(links.map(visible)).to.deep.equal(['YouTube', 'Spotify', 'Apple Music', 'Melon']);
    for (const a of links) {
      expect(a.target).to.equal('_blank');
      expect(a.rel).to.include('noopener');
      expect(a.textContent).to.include('Match sad 1').and.include('new tab'); // read out, visible name first
    }
    expect(el.shadowRoot!.querySelector('audio, video, iframe')).to.equal(null); // no autoplay
    await expect(el).to.be.accessible();
  });

  it('shows only web links from host suggestions, never javascript: or data: URLs', async () => {
    const song = { id: 'x', title: 'Hostile', artist: 'Host', tags: [] };
    const links = {
      youtube: 'javascript:window.pwned=1',
      spotify: ' JavaScript:alert(1)',
      appleMusic: 'data:text/html,<script>alert(1)</script>',
      melon: 'https://www.melon.com/song/detail.htm?songId=1',
    };
    const el = await fixture<MoodSongs>(
      html`<mood-songs lang="en" .suggestions=${[{ song, links, reasons: [] }] as never}></mood-songs>`,
    );
    const hrefs = $$(el, '[part=link]').map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal([links.melon]);
  });

  it('switches between match and lift and asks the matcher again', async () => {
    const calls: string[] = [];
    const matcher: SongMatcher = (p, options) => {
      calls.push(`${options.mode}:${options.count}`);
      return fakeMatcher(p, options);
    };
    const el = await fixture<MoodSongs>(
      html`<mood-songs
        lang="en"
        count="6"
        .matcher=${matcher}
        .probabilities=${probabilitiesFor('angry')}
      ></mood-songs>`,
    );
    await waitUntil(() => $$(el, '[part=song]').length > 0);
    const changed = oneEvent(el, 'mood-song-mode');
    ($(el, '[data-mode=lift]') as HTMLButtonElement).click();
    expect((await changed).detail.mode).to.equal('lift');
    await waitUntil(() => $$(el, '[part=song]')[0]?.textContent!.includes('Lift'));
    expect(calls).to.deep.equal(['match:6', 'lift:5']);
    expect($(el, '[data-mode=lift]')!.getAttribute('aria-pressed')).to.equal('true');
    expect(el.getAttribute('mode')).to.equal('lift');
  });

  it('lets the user keep a song, and reports played links', async () => {
    const el = await fixture<MoodSongs>(
      html`<mood-songs
        lang="ko"
        selectable
        .matcher=${fakeMatcher}
        .probabilities=${probabilitiesFor('happy')}
      ></mood-songs>`,
    );
    await waitUntil(() => $$(el, '[part=keep]').length > 0);
    const keep = $$(el, '[part=keep]')[0]!;
    expect(keep.textContent).to.include('일기에 담기');
    const chosen = oneEvent(el, 'mood-song-select');
    keep.click();
    const { detail } = await chosen;
    expect(detail).to.include({ how: 'chosen', selected: true });
    await el.updateComplete;
    expect(keep.getAttribute('aria-pressed')).to.equal('true');
    const played = oneEvent(el, 'mood-song-select');
    const link = $$(el, '[part=link]')[0] as HTMLAnchorElement;
    link.addEventListener('click', (e) => e.preventDefault(), { once: true }); // no real navigation in the test
    link.click();
    expect((await played).detail).to.include({ how: 'played', provider: 'youtube' });
  });

  it('shows given suggestions as they are (saved entries, stories)', async () => {
    const { songs } = (await fakeMatcher(probabilitiesFor('neutral'), { mode: 'match', count: 2 })) as {
      songs: never[];
    };
    const el = await fixture<MoodSongs>(html`<mood-songs lang="en" .suggestions=${songs}></mood-songs>`);
    expect($$(el, '[part=song]')).to.have.length(2);
    expect($(el, '[part=modes]')).to.equal(null);
  });

  it('says so when the matcher fails, and fires mood-error', async () => {
    const el = document.createElement('mood-songs');
    el.lang = 'en';
    el.matcher = () => Promise.reject(new Error('no catalogue'));
    const failed = oneEvent(el, 'mood-error');
    el.probabilities = probabilitiesFor('sad');
    document.body.append(el);
    expect((await failed).detail.code).to.equal('load-failed');
    await el.updateComplete;
    expect($(el, '[role=alert]')!.textContent).to.include('could not be loaded');
    el.remove();
  });

  it('follows the page language when it has none of its own', async () => {
    const before = document.documentElement.lang;
    document.documentElement.lang = 'en';
    try {
      const el = await fixture<MoodSongs>(html`<mood-songs .matcher=${fakeMatcher}></mood-songs>`);
      expect($(el, 'h3')!.textContent).to.include('Songs for this mood');
      document.documentElement.lang = 'ko-KR';
      await new Promise((r) => setTimeout(r));
      await el.updateComplete;
      expect($(el, 'h3')!.textContent).to.include('어울리는 노래');
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('is empty and quiet without a mood', async () => {
    const el = await fixture<MoodSongs>(html`<mood-songs lang="en" .matcher=${fakeMatcher}></mood-songs>`);
    expect($(el, '.status')!.textContent).to.include('No songs');
  });
});
