import { fromRows, type Row } from './rows.js';

/** Singer-songwriters, folk, acoustic and quiet indie: the calm and the sad corners. Ratings: team rubric v1. */
// One song per line: the table reads and diffs best unwrapped.
// prettier-ignore
const ROWS: readonly Row[] = [
  ['beatles-here-comes-the-sun', 'Here Comes the Sun', 'The Beatles', 1969, 'en', 'rock', 0.85, 0.45, 'hopeful sunny acoustic'],
  ['beatles-yesterday', 'Yesterday', 'The Beatles', 1965, 'en', 'pop', 0.25, 0.2, 'sad nostalgic acoustic'],
  ['beatles-blackbird', 'Blackbird', 'The Beatles', 1968, 'en', 'folk', 0.6, 0.2, 'calm hopeful acoustic'],
  ['beatles-let-it-be', 'Let It Be', 'The Beatles', 1970, 'en', 'rock', 0.55, 0.3, 'comforting piano'],
  ['john-lennon-imagine', 'Imagine', 'John Lennon', 1971, 'en', 'pop', 0.6, 0.25, 'hopeful calm piano'],
  ['simon-garfunkel-sound-of-silence', 'The Sound of Silence', 'Simon & Garfunkel', 1964, 'en', 'folk', 0.2, 0.3, 'somber lonely'],
  ['simon-garfunkel-bridge', 'Bridge over Troubled Water', 'Simon & Garfunkel', 1970, 'en', 'folk', 0.55, 0.3, 'comforting piano'],
  ['elton-john-your-song', 'Your Song', 'Elton John', 1970, 'en', 'pop', 0.75, 0.3, 'tender love piano'],
  ['eric-clapton-wonderful-tonight', 'Wonderful Tonight', 'Eric Clapton', 1977, 'en', 'rock', 0.75, 0.2, 'tender calm'],
  ['eric-clapton-tears-in-heaven', 'Tears in Heaven', 'Eric Clapton', 1992, 'en', 'folk', 0.15, 0.2, 'grief quiet acoustic'],
  ['fleetwood-mac-landslide', 'Landslide', 'Fleetwood Mac', 1975, 'en', 'folk', 0.45, 0.2, 'reflective acoustic'],
  ['fleetwood-mac-dreams', 'Dreams', 'Fleetwood Mac', 1977, 'en', 'rock', 0.45, 0.45, 'wistful mellow'],
  ['neil-young-harvest-moon', 'Harvest Moon', 'Neil Young', 1992, 'en', 'folk', 0.7, 0.25, 'tender calm'],
  ['jack-johnson-better-together', 'Better Together', 'Jack Johnson', 2005, 'en', 'folk', 0.8, 0.35, 'warm acoustic'],
  ['jack-johnson-banana-pancakes', 'Banana Pancakes', 'Jack Johnson', 2005, 'en', 'folk', 0.8, 0.3, 'lazy rainy-day acoustic'],
  ['corinne-bailey-rae-put-your-records-on', 'Put Your Records On', 'Corinne Bailey Rae', 2006, 'en', 'soul', 0.8, 0.45, 'sunny relaxed'],
  ['jason-mraz-im-yours', "I'm Yours", 'Jason Mraz', 2008, 'en', 'pop', 0.85, 0.55, 'breezy happy acoustic'],
  ['john-legend-all-of-me', 'All of Me', 'John Legend', 2013, 'en', 'ballad', 0.7, 0.3, 'devoted piano'],
  ['christina-perri-a-thousand-years', 'A Thousand Years', 'Christina Perri', 2011, 'en', 'ballad', 0.65, 0.3, 'devoted tender'],
  ['bon-iver-skinny-love', 'Skinny Love', 'Bon Iver', 2007, 'en', 'folk', 0.2, 0.35, 'raw sad acoustic'],
  ['bon-iver-holocene', 'Holocene', 'Bon Iver', 2011, 'en', 'folk', 0.45, 0.25, 'reflective calm'],
  ['nick-drake-pink-moon', 'Pink Moon', 'Nick Drake', 1972, 'en', 'folk', 0.45, 0.2, 'quiet acoustic'],
  ['jeff-buckley-hallelujah', 'Hallelujah', 'Jeff Buckley', 1994, 'en', 'rock', 0.3, 0.2, 'aching quiet'],
  ['johnny-cash-hurt', 'Hurt', 'Johnny Cash', 2002, 'en', 'folk', 0.05, 0.2, 'regret grief'],
  ['rem-everybody-hurts', 'Everybody Hurts', 'R.E.M.', 1992, 'en', 'rock', 0.3, 0.3, 'comforting sad'],
  ['mazzy-star-fade-into-you', 'Fade Into You', 'Mazzy Star', 1993, 'en', 'rock', 0.35, 0.15, 'dreamy melancholy'],
  ['sinead-oconnor-nothing-compares', 'Nothing Compares 2 U', "Sinéad O'Connor", 1990, 'en', 'pop', 0.1, 0.3, 'grief heartbreak'],
  ['lana-del-rey-video-games', 'Video Games', 'Lana Del Rey', 2011, 'en', 'pop', 0.25, 0.2, 'melancholy dreamy'],
  ['lord-huron-the-night-we-met', 'The Night We Met', 'Lord Huron', 2015, 'en', 'folk', 0.2, 0.3, 'aching nostalgic'],
  ['snow-patrol-chasing-cars', 'Chasing Cars', 'Snow Patrol', 2006, 'en', 'rock', 0.55, 0.4, 'tender swelling'],
  ['lumineers-ho-hey', 'Ho Hey', 'The Lumineers', 2012, 'en', 'folk', 0.75, 0.55, 'stomping warm'],
  ['vance-joy-riptide', 'Riptide', 'Vance Joy', 2013, 'en', 'folk', 0.7, 0.6, 'breezy ukulele'],
  ['george-ezra-budapest', 'Budapest', 'George Ezra', 2014, 'en', 'folk', 0.7, 0.5, 'warm devoted'],
  ['cigarettes-after-sex-apocalypse', 'Apocalypse', 'Cigarettes After Sex', 2017, 'en', 'rock', 0.35, 0.15, 'dreamy slow'],
  ['phoebe-bridgers-motion-sickness', 'Motion Sickness', 'Phoebe Bridgers', 2017, 'en', 'rock', 0.35, 0.6, 'bitter restless'],
  ['sufjan-stevens-mystery-of-love', 'Mystery of Love', 'Sufjan Stevens', 2017, 'en', 'folk', 0.55, 0.25, 'tender calm'],
  ['enya-only-time', 'Only Time', 'Enya', 2000, 'en', 'pop', 0.6, 0.15, 'calm ethereal'],
  ['tracy-chapman-fast-car', 'Fast Car', 'Tracy Chapman', 1988, 'en', 'folk', 0.4, 0.45, 'hopeful weary'],
  ['cat-stevens-wild-world', 'Wild World', 'Cat Stevens', 1970, 'en', 'folk', 0.4, 0.45, 'bittersweet farewell'],
  ['kings-of-convenience-dance-with-you', "I'd Rather Dance with You", 'Kings of Convenience', 2004, 'en', 'folk', 0.75, 0.6, 'playful light'],
];

export const INTL_FOLK_ACOUSTIC = fromRows(ROWS);
