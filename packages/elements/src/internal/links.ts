import type { SongLinks } from '@moodiary/songs';

/** The music services a song links to, in the order they are shown. */
export const PROVIDERS: ReadonlyArray<readonly [key: keyof SongLinks, name: string]> = [
  ['youtube', 'YouTube'],
  ['spotify', 'Spotify'],
  ['appleMusic', 'Apple Music'],
  ['melon', 'Melon'],
  ['deezer', 'Deezer'],
];

/** Only http(s) links are shown: a host's matcher, catalogue or suggestions could carry `javascript:` URLs. */
export function isWebLink(url: unknown): url is string {
  try {
    return typeof url === 'string' && ['https:', 'http:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
