import { fromRows, type Row } from './rows.js';

/** Soul, jazz, blues and classic oldies. Ratings: team rubric v1. */
// One song per line: the table reads and diffs best unwrapped.
// prettier-ignore
const ROWS: readonly Row[] = [
  ['louis-armstrong-wonderful-world', 'What a Wonderful World', 'Louis Armstrong', 1967, 'en', 'jazz', 0.85, 0.2, 'calm grateful hopeful'],
  ['bill-withers-aint-no-sunshine', "Ain't No Sunshine", 'Bill Withers', 1971, 'en', 'soul', 0.15, 0.3, 'sad lonely'],
  ['bill-withers-lovely-day', 'Lovely Day', 'Bill Withers', 1977, 'en', 'soul', 0.85, 0.55, 'sunny warm'],
  ['otis-redding-dock-of-the-bay', "(Sittin' On) The Dock of the Bay", 'Otis Redding', 1968, 'en', 'soul', 0.45, 0.3, 'wistful calm'],
  ['ben-e-king-stand-by-me', 'Stand by Me', 'Ben E. King', 1961, 'en', 'soul', 0.7, 0.4, 'loyal warm'],
  ['marvin-gaye-whats-going-on', "What's Going On", 'Marvin Gaye', 1971, 'en', 'soul', 0.45, 0.45, 'concerned gentle'],
  ['al-green-lets-stay-together', "Let's Stay Together", 'Al Green', 1971, 'en', 'soul', 0.8, 0.4, 'devoted warm'],
  ['aretha-franklin-respect', 'Respect', 'Aretha Franklin', 1967, 'en', 'soul', 0.8, 0.85, 'empowering energetic'],
  ['sam-cooke-change-is-gonna-come', 'A Change Is Gonna Come', 'Sam Cooke', 1964, 'en', 'soul', 0.35, 0.3, 'weary hopeful'],
  ['stevie-wonder-superstition', 'Superstition', 'Stevie Wonder', 1972, 'en', 'soul', 0.6, 0.8, 'funky groove'],
  ['stevie-wonder-isnt-she-lovely', "Isn't She Lovely", 'Stevie Wonder', 1976, 'en', 'soul', 0.9, 0.6, 'joyful warm'],
  ['amy-winehouse-rehab', 'Rehab', 'Amy Winehouse', 2006, 'en', 'soul', 0.55, 0.7, 'defiant retro'],
  ['amy-winehouse-back-to-black', 'Back to Black', 'Amy Winehouse', 2006, 'en', 'soul', 0.15, 0.45, 'sad heartbreak'],
  ['etta-james-at-last', 'At Last', 'Etta James', 1960, 'en', 'jazz', 0.8, 0.3, 'tender love'],
  ['nina-simone-feeling-good', 'Feeling Good', 'Nina Simone', 1965, 'en', 'jazz', 0.7, 0.55, 'triumphant brass'],
  ['billie-holiday-strange-fruit', 'Strange Fruit', 'Billie Holiday', 1939, 'en', 'jazz', 0.05, 0.15, 'grief somber'],
  ['frank-sinatra-fly-me-to-the-moon', 'Fly Me to the Moon', 'Frank Sinatra', 1964, 'en', 'jazz', 0.85, 0.45, 'swing warm'],
  ['elvis-cant-help-falling-in-love', "Can't Help Falling in Love", 'Elvis Presley', 1961, 'en', 'pop', 0.75, 0.2, 'tender love calm'],
  ['norah-jones-dont-know-why', "Don't Know Why", 'Norah Jones', 2002, 'en', 'jazz', 0.45, 0.25, 'wistful calm piano'],
  ['norah-jones-come-away-with-me', 'Come Away with Me', 'Norah Jones', 2002, 'en', 'jazz', 0.65, 0.2, 'calm tender'],
  ['sade-smooth-operator', 'Smooth Operator', 'Sade', 1984, 'en', 'soul', 0.55, 0.45, 'smooth cool'],
  ['sade-by-your-side', 'By Your Side', 'Sade', 2000, 'en', 'soul', 0.75, 0.3, 'comforting calm'],
  ['bob-marley-three-little-birds', 'Three Little Birds', 'Bob Marley & The Wailers', 1977, 'en', 'reggae', 0.85, 0.4, 'reassuring sunny'],
  ['miles-davis-so-what', 'So What', 'Miles Davis', 1959, 'zxx', 'jazz', 0.55, 0.3, 'cool calm instrumental'],
  ['bill-evans-peace-piece', 'Peace Piece', 'Bill Evans', 1959, 'zxx', 'jazz', 0.6, 0.1, 'calm piano instrumental meditative'],
  ['ellington-coltrane-in-a-sentimental-mood', 'In a Sentimental Mood', 'Duke Ellington & John Coltrane', 1963, 'zxx', 'jazz', 0.45, 0.15, 'calm tender instrumental'],
  ['dave-brubeck-take-five', 'Take Five', 'The Dave Brubeck Quartet', 1959, 'zxx', 'jazz', 0.6, 0.45, 'cool instrumental'],
  ['carpenters-close-to-you', '(They Long to Be) Close to You', 'Carpenters', 1970, 'en', 'pop', 0.8, 0.3, 'sweet tender'],
  ['carpenters-top-of-the-world', 'Top of the World', 'Carpenters', 1972, 'en', 'pop', 0.9, 0.55, 'joyful sunny'],
  ['beach-boys-good-vibrations', 'Good Vibrations', 'The Beach Boys', 1966, 'en', 'pop', 0.85, 0.7, 'sunny joyful'],
];

export const INTL_SOUL_JAZZ = fromRows(ROWS);
