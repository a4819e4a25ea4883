import type { Song } from './types.js';

/** Links that open a song at music services. Search links always; direct links when ids are known. */
// A type alias rather than an interface, so links fit `Record<string, string | undefined>`.
export type SongLinks = {
  /** YouTube search (or the video, when `ids.youtube` is known). */
  readonly youtube: string;
  /** Spotify search (or the track, when `ids.spotify` is known). */
  readonly spotify: string;
  /** Apple Music search (or the song, when `ids.appleMusic` is known). */
  readonly appleMusic: string;
  /** Melon search (or the song page, when `ids.melon` is known). */
  readonly melon: string;
  /** The Deezer track, only when `ids.deezer` is known. */
  readonly deezer?: string;
};

/**
 * URL templates of the search links; `{query}` is replaced by the URL-encoded "title artist".
 * These are links for the user to open, never fetched by Moodiary.
 */
export const SEARCH_LINK_TEMPLATES: Readonly<Record<'youtube' | 'spotify' | 'appleMusic' | 'melon', string>> =
  Object.freeze({
    youtube: 'https://www.youtube.com/results?search_query={query}',
    spotify: 'https://open.spotify.com/search/{query}',
    appleMusic: 'https://music.apple.com/search?term={query}',
    melon: 'https://www.melon.com/search/total/index.htm?q={query}',
  });

const fill = (template: string, query: string): string =>
  template.replace('{query}', encodeURIComponent(query));

/**
 * Links to play `song` without hosting audio: a search by title and artist at YouTube, Spotify,
 * Apple Music and Melon, replaced by a direct link where the song carries the provider's id.
 *
 * @example
 * songLinks({ title: '밤편지', artist: 'IU', ... }).melon
 * // 'https://www.melon.com/search/total/index.htm?q=%EB%B0%A4%ED%8E%B8%EC%A7%80%20IU'
 */
export function songLinks(song: Pick<Song, 'title' | 'artist' | 'ids'>): SongLinks {
  const query = `${song.title} ${song.artist}`;
  const ids = song.ids ?? {};
  return {
    youtube: ids.youtube
      ? `https://www.youtube.com/watch?v=${encodeURIComponent(ids.youtube)}`
      : fill(SEARCH_LINK_TEMPLATES.youtube, query),
    spotify: ids.spotify
      ? `https://open.spotify.com/track/${encodeURIComponent(ids.spotify)}`
      : fill(SEARCH_LINK_TEMPLATES.spotify, query),
    appleMusic: ids.appleMusic
      ? `https://music.apple.com/song/${encodeURIComponent(ids.appleMusic)}`
      : fill(SEARCH_LINK_TEMPLATES.appleMusic, query),
    melon: ids.melon
      ? `https://www.melon.com/song/detail.htm?songId=${encodeURIComponent(ids.melon)}`
      : fill(SEARCH_LINK_TEMPLATES.melon, query),
    ...(ids.deezer ? { deezer: `https://www.deezer.com/track/${encodeURIComponent(ids.deezer)}` } : {}),
  };
}
