import { validateCatalogue } from './catalogue.js';
import { INTL_CALM } from './catalogue/intl-calm.js';
import { INTL_FOLK_ACOUSTIC } from './catalogue/intl-folk-acoustic.js';
import { INTL_HIPHOP_ELECTRONIC } from './catalogue/intl-hiphop-electronic.js';
import { INTL_POP } from './catalogue/intl-pop.js';
import { INTL_ROCK } from './catalogue/intl-rock.js';
import { INTL_SOUL_JAZZ } from './catalogue/intl-soul-jazz.js';
import { INTL_WORLD_INSTRUMENTAL } from './catalogue/intl-world-instrumental.js';
import { KR_ACOUSTIC_CALM } from './catalogue/kr-acoustic-calm.js';
import { KR_BALLAD } from './catalogue/kr-ballad.js';
import { KR_CLASSIC_POP } from './catalogue/kr-classic-pop.js';
import { KR_INDIE_OST_HIPHOP } from './catalogue/kr-indie-ost-hiphop.js';
import { KR_KPOP } from './catalogue/kr-kpop.js';
import type { Catalogue } from './types.js';

export { TEAM_SOURCE } from './catalogue/rows.js';

/**
 * The catalogue shipped with the package: real, released, well-known recordings, about half of
 * them Korean (ballad, K-pop, indie, OST, hip-hop), rated on valence and arousal by the team with
 * the rubric in the README (source "Moodiary team rating (rubric v1)", MIT). Titles, artists and
 * years only: no audio, no lyrics. Validated and frozen at load.
 */
export const DEFAULT_CATALOGUE: Catalogue = validateCatalogue([
  ...KR_BALLAD,
  ...KR_KPOP,
  ...KR_CLASSIC_POP,
  ...KR_INDIE_OST_HIPHOP,
  ...KR_ACOUSTIC_CALM,
  ...INTL_POP,
  ...INTL_ROCK,
  ...INTL_HIPHOP_ELECTRONIC,
  ...INTL_SOUL_JAZZ,
  ...INTL_FOLK_ACOUSTIC,
  ...INTL_WORLD_INSTRUMENTAL,
  ...INTL_CALM,
]);
