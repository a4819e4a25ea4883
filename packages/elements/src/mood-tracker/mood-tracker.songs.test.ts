import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define/mood-tracker.js';
import type { MoodTracker } from './mood-tracker.js';
import { entryOn } from '../internal/testing/fakes.js';
import { addDays } from '@moodiary/core';
import { createMemoryStore, exportJson, type MoodEntry } from '@moodiary/store';
import { DEFAULT_CATALOGUE, SONG_PREFERENCES_SETTING } from '@moodiary/songs';

const TODAY = '2026-11-24';

const $ = (el: Element, s: string) => el.shadowRoot!.querySelector(s) as HTMLElement | null;
const $$ = (el: Element, s: string) => [...el.shadowRoot!.querySelectorAll(s)] as HTMLElement[];
/** The song shown on a moment's card. */
const cardSong = (el: Element, moment: string) =>
  $(el, `[data-moment=${moment}]`)!.closest('.moment-card')!.querySelector<HTMLElement>('[part=day-song]');
const songIds = (el: Element) => $$(el, '[part=moments] [part=day-song]').map((s) => s.dataset.songId);

async function tracker(entries: readonly MoodEntry[], lang = 'en') {
  return fixture<MoodTracker>(
    html`<mood-tracker lang=${lang} today=${TODAY} .entries=${entries}></mood-tracker>`,
  );
}

/** Two sad weeks before today, and a happy day a month ago and a year ago. */
const diary = () => [
  ...Array.from({ length: 14 }, (_, k) => entryOn(addDays(TODAY, -k), 'sad', { note: `day ${k}` })),
  entryOn('2026-10-24', 'happy'),
  entryOn('2025-11-24', 'angry'),
];

describe('<mood-tracker>: the song of each day', () => {
  it('shows each moment’s song, with its reason and play links, the same on every render', async () => {
    const entries = diary();
    const el = await tracker(entries);
    await waitUntil(() => songIds(el).length === 4, 'a song on each card');
    const ids = songIds(el);
    // Today and yesterday are both sad, yet have different songs (a day leaves out the days before).
    expect(new Set(ids).size).to.equal(4);
    const today = cardSong(el, 'today')!;
    const song = DEFAULT_CATALOGUE.find((s) => s.id === today.dataset.songId)!;
    expect(song.valence, 'a sad day’s song is not a cheerful one').to.be.below(0.45);
    expect(today.textContent).to.include(song.title).and.include(song.artist);
    expect(today.querySelector('.reason')!.textContent!.trim()).to.match(/\w/);
    const links = [...today.querySelectorAll('a')];
    expect(links.map((a) => a.textContent!.split(':')[0]!.trim())).to.deep.equal([
      'YouTube',
      'Spotify',
      'Apple Music',
      'Melon',
    ]);
    for (const a of links) {
      expect(new URL(a.href).protocol).to.equal('https:');
      expect(a.rel).to.include('noopener');
    }
    // Stable: another render, another element, the same entries → the same songs.
    el.date = '2026-06-01';
    await el.updateComplete;
    expect(songIds(el)).to.deep.equal(ids);
    const again = await tracker([...entries].reverse());
    await waitUntil(() => songIds(again).length === 4);
    expect(songIds(again)).to.deep.equal(ids);
    await expect(el).to.be.accessible();
  });

  it('shows the song kept with an entry; a day without entries has none', async () => {
    const kept = DEFAULT_CATALOGUE.find((s) => s.valence > 0.85)!;
    const el = await tracker([
      entryOn(TODAY, 'sad', { songs: [{ id: kept.id, played: true }] }),
      entryOn('2026-11-23', 'sad'),
    ]);
    await waitUntil(() => songIds(el).length === 2);
    const today = cardSong(el, 'today')!;
    expect(today.dataset.songId).to.equal(kept.id);
    expect(today.dataset.kind).to.equal('kept');
    expect(today.textContent).to.include('Kept with an entry of this day');
    expect(cardSong(el, 'monthAgo')).to.equal(null);
    expect(cardSong(el, 'yearAgo')).to.equal(null);
  });

  it('shows the song in any day’s detail, in Korean too', async () => {
    const el = await tracker(diary(), 'ko');
    el.openDay('2026-11-15');
    await waitUntil(() => $(el, 'dialog [part=day-song]'), 'the day’s song');
    const song = $(el, 'dialog [part=day-song]')!;
    expect(song.textContent).to.include('그날의 노래');
    expect(song.querySelector('[data-action=like]')!.textContent).to.include('좋아요');
    // Its reason in Korean: Hangul, not the English words.
    expect(song.querySelector('.reason')!.textContent).to.match(/[가-힣]/);
  });

  it('likes and hides songs in the profile’s settings (encrypted, exported); later picks honour them', async () => {
    const store = createMemoryStore();
    await store.importEntries(diary());
    const mount = () =>
      fixture<MoodTracker>(html`<mood-tracker lang="en" today=${TODAY} .store=${store}></mood-tracker>`);
    const el = await mount();
    await waitUntil(() => songIds(el).length === 4, 'songs from the store');
    const first = cardSong(el, 'today')!;
    const firstId = first.dataset.songId!;

    (first.querySelector('[data-action=like]') as HTMLButtonElement).click();
    await waitUntil(async () => {
      const settings = await store.settings();
      return (settings[SONG_PREFERENCES_SETTING] as { liked?: string[] } | undefined)?.liked?.includes(
        firstId,
      );
    }, 'liked in the settings');
    await el.updateComplete;
    expect(cardSong(el, 'today')!.querySelector('[data-action=like]')!.getAttribute('aria-pressed')).to.equal(
      'true',
    );

    (cardSong(el, 'today')!.querySelector('[data-action=hide]') as HTMLButtonElement).click();
    await waitUntil(() => cardSong(el, 'today')?.dataset.songId !== firstId, 'another song');
    expect($(el, '.song-notice')!.textContent).to.include('will not be picked again');
    const settings = (await store.settings())[SONG_PREFERENCES_SETTING] as {
      liked: string[];
      hidden: string[];
    };
    expect(settings.hidden).to.include(firstId);
    expect(settings.liked).not.to.include(firstId);
    expect(JSON.parse(await exportJson(store)).settings[SONG_PREFERENCES_SETTING].hidden).to.include(firstId);

    // A new tracker on the same diary honours it: the hidden song is gone from every card.
    const later = await mount();
    await waitUntil(() => songIds(later).length === 4);
    expect(songIds(later)).not.to.include(firstId);
    expect(cardSong(later, 'today')!.dataset.songId).to.equal(cardSong(el, 'today')!.dataset.songId);

    // Undo brings it back.
    ($(el, '.song-notice [data-action=unhide]') as HTMLButtonElement).click();
    await waitUntil(() => cardSong(el, 'today')?.dataset.songId === firstId, 'the song is back');
    store.close();
  });
});

describe('<mood-tracker>: the month’s songs as a playlist', () => {
  it('lists one song a day (the cards’ songs), copies it as text and saves it as M3U', async () => {
    const el = await tracker(diary());
    await waitUntil(() => songIds(el).length === 4);
    const details = $(el, 'details[part=playlist]') as HTMLDetailsElement;
    expect(details.textContent).to.include('This month’s songs');
    details.open = true;
    await waitUntil(() => $$(el, '.playlist-songs li').length > 0, 'the playlist');
    const items = $$(el, '.playlist-songs li');
    // November's days with entries: the 11th to the 24th.
    expect(items.map((li) => li.dataset.date)).to.deep.equal(
      Array.from({ length: 14 }, (_, k) => addDays('2026-11-11', k)),
    );
    expect(items.at(-1)!.dataset.songId).to.equal(cardSong(el, 'today')!.dataset.songId);
    expect(items.at(-2)!.dataset.songId).to.equal(cardSong(el, 'yesterday')!.dataset.songId);

    let copied = '';
    const clipboard = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void (copied = text) },
    });
    try {
      ($(el, '.playlist [data-action=copy]') as HTMLButtonElement).click();
      await waitUntil(() => copied, 'copied');
    } finally {
      delete (navigator as unknown as Record<string, unknown>).clipboard;
      if (clipboard) Object.defineProperty(Navigator.prototype, 'clipboard', clipboard);
    }
    const lines = copied.trim().split('\n');
    expect(lines[0]).to.equal('Moodiary — songs of November 2026');
    expect(lines).to.have.length(15);
    expect(lines[14]).to.match(/^2026-11-24 {2}.+ — .+ {2}https:\/\//);
    await waitUntil(() => $(el, '.playlist [role=status]')?.textContent?.includes('Copied.'));

    const saved = new Promise<HTMLAnchorElement>((resolve) =>
      el.shadowRoot!.addEventListener(
        'click',
        (e) => {
          const a = e.target as HTMLAnchorElement;
          if (a.download) {
            e.preventDefault();
            resolve(a);
          }
        },
        { capture: true },
      ),
    );
    ($(el, '.playlist [data-action=save]') as HTMLButtonElement).click();
    const a = await saved;
    expect(a.download).to.equal('moodiary-2026-11.m3u8');
    const m3u = await (await fetch(a.href)).text();
    expect(m3u.startsWith('#EXTM3U\n')).to.equal(true);
    expect(m3u.match(/^#EXTINF/gm)).to.have.length(14);
    await expect(el).to.be.accessible();
  });
});
