/** A point on the valence/arousal plane, both on 0–1 (0.5 is the middle). */
export interface MoodPoint {
  /** Unpleasant (0) to pleasant (1). */
  readonly valence: number;
  /** Calm, low energy (0) to excited, high energy (1). */
  readonly arousal: number;
}

/** Where a song's mood values come from, and under which licence they may be used. */
export interface MoodSource {
  /** Who rated the mood, e.g. "Moodiary team rating (rubric v1)" or a data set's name. */
  readonly name: string;
  /** Licence of the mood values (not of the recording), e.g. "MIT", "CC BY 4.0". */
  readonly licence: string;
  /** Where to read more, when there is a page. */
  readonly url?: string;
}

/** Ids of the recording at music services, when known. Each turns into a direct link. */
export interface ProviderIds {
  /** Spotify track id (22 characters, base 62). */
  readonly spotify?: string;
  /** Apple Music song id (digits). */
  readonly appleMusic?: string;
  /** Melon song id (digits). */
  readonly melon?: string;
  /** YouTube video id. */
  readonly youtube?: string;
  /** Deezer track id (digits). */
  readonly deezer?: string;
  /** MusicBrainz recording id (UUID). */
  readonly musicbrainz?: string;
}

/**
 * One song of a catalogue: a released recording described by plain data. No audio, no lyrics;
 * play links are built from the title and artist by {@link songLinks}.
 */
export interface Song extends MoodPoint {
  /** Unique within its catalogue; what a diary stores to remember what was played. */
  readonly id: string;
  /** Title as released. */
  readonly title: string;
  /** Performing artist as credited. At most one song per artist appears in one result. */
  readonly artist: string;
  /** Year of first release, when known. */
  readonly year?: number;
  /** Main language of the vocals as an ISO 639-1 code (`ko`, `en`, `ja`…), `zxx` for instrumentals, `und` when unknown. */
  readonly language: string;
  /** Broad genre in lower case (`ballad`, `k-pop`, `indie`, `ost`, `hip-hop`, `pop`, `rock`…), when known. */
  readonly genre?: string;
  /** Free lower-case tags (`calm`, `upbeat`, `rainy-day`…). */
  readonly tags: readonly string[];
  /** Where the valence and arousal came from. */
  readonly source: MoodSource;
  /** Ids at music services, when known. */
  readonly ids?: ProviderIds;
}

/** A song as a list shows it: who sang what. Every {@link Song} is one; a host's matcher may give only this. */
export type SongTitle = Pick<Song, 'id' | 'title' | 'artist'> &
  Partial<Pick<Song, 'year' | 'language' | 'genre'>>;

/** A validated, frozen list of songs. Make one with {@link validateCatalogue} or an adapter. */
export type Catalogue = readonly Song[];
