import { fromRows, type Row } from './rows.js';

/** More international songs for calm, content moments: gentle love songs, folk and quiet instrumentals. Ratings: team rubric v1. */
// One song per line: the table reads and diffs best unwrapped.
// prettier-ignore
const ROWS: readonly Row[] = [
  ['jack-johnson-upside-down', 'Upside Down', 'Jack Johnson', 2006, 'en', 'folk', 0.8, 0.5, 'sunny breezy acoustic'],
  ['norah-jones-sunrise', 'Sunrise', 'Norah Jones', 2004, 'en', 'jazz', 0.75, 0.3, 'morning calm warm'],
  ['ed-sheeran-photograph', 'Photograph', 'Ed Sheeran', 2014, 'en', 'pop', 0.55, 0.35, 'tender nostalgic'],
  ['cat-stevens-moonshadow', 'Moonshadow', 'Cat Stevens', 1971, 'en', 'folk', 0.65, 0.35, 'gentle hopeful acoustic'],
  ['simon-garfunkel-scarborough-fair', 'Scarborough Fair/Canticle', 'Simon & Garfunkel', 1966, 'en', 'folk', 0.45, 0.25, 'wistful calm'],
  ['bob-marley-is-this-love', 'Is This Love', 'Bob Marley & The Wailers', 1978, 'en', 'reggae', 0.8, 0.45, 'warm relaxed love'],
  ['john-denver-country-roads', 'Take Me Home, Country Roads', 'John Denver', 1971, 'en', 'folk', 0.75, 0.45, 'nostalgic warm singalong'],
  ['beatles-in-my-life', 'In My Life', 'The Beatles', 1965, 'en', 'pop', 0.6, 0.3, 'nostalgic tender'],
  ['van-morrison-into-the-mystic', 'Into the Mystic', 'Van Morrison', 1970, 'en', 'soul', 0.75, 0.35, 'serene warm'],
  ['nat-king-cole-unforgettable', 'Unforgettable', 'Nat King Cole', 1951, 'en', 'jazz', 0.8, 0.2, 'tender calm love'],
  ['ella-louis-cheek-to-cheek', 'Cheek to Cheek', 'Ella Fitzgerald & Louis Armstrong', 1956, 'en', 'jazz', 0.85, 0.45, 'sweet swing'],
  ['grover-washington-just-the-two-of-us', 'Just the Two of Us', 'Grover Washington Jr. feat. Bill Withers', 1980, 'en', 'soul', 0.8, 0.4, 'smooth warm'],
  ['jobim-wave', 'Wave', 'Antônio Carlos Jobim', 1967, 'zxx', 'jazz', 0.7, 0.35, 'bossa-nova calm instrumental'],
  ['kings-of-convenience-misread', 'Misread', 'Kings of Convenience', 2004, 'en', 'folk', 0.5, 0.35, 'gentle wistful acoustic'],
  ['jose-gonzalez-heartbeats', 'Heartbeats', 'José González', 2003, 'en', 'folk', 0.45, 0.25, 'calm acoustic'],
  ['explosions-in-the-sky-your-hand-in-mine', 'Your Hand in Mine', 'Explosions in the Sky', 2003, 'zxx', 'rock', 0.55, 0.35, 'swelling hopeful instrumental'],
  ['rex-orange-county-loving-is-easy', 'Loving Is Easy', 'Rex Orange County', 2017, 'en', 'pop', 0.8, 0.5, 'sweet breezy'],
  ['daniel-caesar-best-part', 'Best Part', 'Daniel Caesar feat. H.E.R.', 2017, 'en', 'r&b', 0.75, 0.3, 'tender love calm'],
  ['bruno-mars-talking-to-the-moon', 'Talking to the Moon', 'Bruno Mars', 2010, 'en', 'ballad', 0.3, 0.35, 'lonely longing'],
  ['einaudi-experience', 'Experience', 'Ludovico Einaudi', 2013, 'zxx', 'classical', 0.55, 0.35, 'swelling piano instrumental'],
  ['aphex-twin-avril-14th', 'Avril 14th', 'Aphex Twin', 2001, 'zxx', 'electronic', 0.55, 0.15, 'calm piano instrumental'],
  ['nils-frahm-says', 'Says', 'Nils Frahm', 2013, 'zxx', 'electronic', 0.5, 0.35, 'meditative swelling instrumental'],
  ['coldplay-sparks', 'Sparks', 'Coldplay', 2000, 'en', 'rock', 0.4, 0.2, 'quiet regret'],
];

export const INTL_CALM = fromRows(ROWS);
