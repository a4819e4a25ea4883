import { fromRows, type Row } from './rows.js';

/** International hip-hop, R&B, electronic and trip-hop. Ratings: team rubric v1. */
// One song per line: the table reads and diffs best unwrapped.
// prettier-ignore
const ROWS: readonly Row[] = [
  ['eminem-lose-yourself', 'Lose Yourself', 'Eminem', 2002, 'en', 'hip-hop', 0.45, 0.9, 'determined intense'],
  ['kendrick-lamar-alright', 'Alright', 'Kendrick Lamar', 2015, 'en', 'hip-hop', 0.65, 0.7, 'hopeful defiant'],
  ['kendrick-lamar-humble', 'HUMBLE.', 'Kendrick Lamar', 2017, 'en', 'hip-hop', 0.4, 0.85, 'aggressive confident'],
  ['dr-dre-still-dre', 'Still D.R.E.', 'Dr. Dre feat. Snoop Dogg', 1999, 'en', 'hip-hop', 0.55, 0.7, 'cool confident'],
  ['2pac-california-love', 'California Love', '2Pac feat. Dr. Dre', 1995, 'en', 'hip-hop', 0.85, 0.85, 'party sunny'],
  ['biggie-juicy', 'Juicy', 'The Notorious B.I.G.', 1994, 'en', 'hip-hop', 0.8, 0.65, 'triumphant nostalgic'],
  ['dmx-x-gon-give-it', "X Gon' Give It to Ya", 'DMX', 2003, 'en', 'hip-hop', 0.3, 0.95, 'aggressive loud'],
  ['50-cent-in-da-club', 'In da Club', '50 Cent', 2003, 'en', 'hip-hop', 0.6, 0.8, 'party confident'],
  ['kanye-west-stronger', 'Stronger', 'Kanye West', 2007, 'en', 'hip-hop', 0.65, 0.85, 'energetic confident'],
  ['kanye-west-black-skinhead', 'Black Skinhead', 'Kanye West', 2013, 'en', 'hip-hop', 0.2, 0.95, 'aggressive pounding'],
  ['travis-scott-sicko-mode', 'SICKO MODE', 'Travis Scott', 2018, 'en', 'hip-hop', 0.45, 0.85, 'dark hype'],
  ['beastie-boys-sabotage', 'Sabotage', 'Beastie Boys', 1994, 'en', 'hip-hop', 0.35, 0.95, 'frantic loud'],
  ['public-enemy-fight-the-power', 'Fight the Power', 'Public Enemy', 1989, 'en', 'hip-hop', 0.35, 0.9, 'angry protest'],
  ['lauryn-hill-doo-wop', 'Doo Wop (That Thing)', 'Lauryn Hill', 1998, 'en', 'hip-hop', 0.7, 0.7, 'soulful groove'],
  ['nas-ny-state-of-mind', 'N.Y. State of Mind', 'Nas', 1994, 'en', 'hip-hop', 0.2, 0.6, 'dark tense'],
  ['coolio-gangstas-paradise', "Gangsta's Paradise", 'Coolio feat. L.V.', 1995, 'en', 'hip-hop', 0.15, 0.6, 'dark brooding'],
  ['frank-ocean-thinkin-bout-you', 'Thinkin Bout You', 'Frank Ocean', 2012, 'en', 'r&b', 0.4, 0.3, 'longing dreamy'],
  ['daft-punk-one-more-time', 'One More Time', 'Daft Punk', 2000, 'en', 'electronic', 0.9, 0.85, 'joyful dance'],
  ['daft-punk-get-lucky', 'Get Lucky', 'Daft Punk feat. Pharrell Williams and Nile Rodgers', 2013, 'en', 'electronic', 0.9, 0.75, 'groove joyful'],
  ['avicii-wake-me-up', 'Wake Me Up', 'Avicii', 2013, 'en', 'electronic', 0.75, 0.8, 'uplifting folk-dance'],
  ['calvin-harris-summer', 'Summer', 'Calvin Harris', 2014, 'en', 'electronic', 0.85, 0.85, 'summer dance'],
  ['chainsmokers-closer', 'Closer', 'The Chainsmokers feat. Halsey', 2016, 'en', 'electronic', 0.55, 0.6, 'nostalgic mellow'],
  ['moby-porcelain', 'Porcelain', 'Moby', 1999, 'en', 'electronic', 0.45, 0.3, 'wistful ambient'],
  ['massive-attack-teardrop', 'Teardrop', 'Massive Attack', 1998, 'en', 'electronic', 0.3, 0.3, 'melancholy trip-hop'],
  ['massive-attack-angel', 'Angel', 'Massive Attack', 1998, 'en', 'electronic', 0.2, 0.6, 'dark menacing'],
  ['portishead-glory-box', 'Glory Box', 'Portishead', 1994, 'en', 'electronic', 0.3, 0.35, 'sultry melancholy'],
  ['prodigy-firestarter', 'Firestarter', 'The Prodigy', 1996, 'en', 'electronic', 0.2, 0.95, 'aggressive frantic'],
  ['prodigy-breathe', 'Breathe', 'The Prodigy', 1996, 'en', 'electronic', 0.2, 0.9, 'menacing intense'],
  ['gorillaz-feel-good-inc', 'Feel Good Inc.', 'Gorillaz', 2005, 'en', 'electronic', 0.45, 0.65, 'moody groove'],
  ['robyn-dancing-on-my-own', 'Dancing On My Own', 'Robyn', 2010, 'en', 'electronic', 0.35, 0.8, 'lonely dance'],
  ['lorde-royals', 'Royals', 'Lorde', 2013, 'en', 'pop', 0.55, 0.45, 'cool minimal'],
  ['m83-midnight-city', 'Midnight City', 'M83', 2011, 'en', 'electronic', 0.7, 0.75, 'euphoric night'],
];

export const INTL_HIPHOP_ELECTRONIC = fromRows(ROWS);
