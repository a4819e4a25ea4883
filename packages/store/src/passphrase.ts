import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { StoreError } from './errors.js';
import { latinSpellings } from './hangul.js';

/**
 * The rule for new passphrases (profiles, passphrase changes, encrypted backups), in one place.
 *
 * Strength is zxcvbn-ts's estimate of how many guesses an attacker who knows common passwords,
 * words, names, keyboard patterns, dates and l33t spelling needs, as a score 0–4 (< 10³, < 10⁶,
 * < 10⁸, < 10¹⁰, ≥ 10¹⁰ guesses). A copied profile or backup is attacked offline, one PBKDF2 run
 * (600,000 iterations) per guess: ~0.2 s on one laptop core, ~1.9 × 10⁴ guesses/s on one RTX 5090
 * (hashcat 6.2.6's 11.2 MH/s at 999 iterations, scaled). Score 2 falls within about 1.5 hours of
 * one such GPU; score 3 needs 1.5 hours to 6 days, score 4 more than 6 days. Scores below 3 are
 * refused — zxcvbn's own "moderate protection from offline slow-hash" level — and the meter asks
 * for 4. Checking never refuses an existing passphrase: unlocking and importing take any.
 */
export const MIN_PASSPHRASE_SCORE = 3;

/** Shortest passphrase accepted by default, in characters after NFC (a floor under the score). */
export const MIN_PASSPHRASE_LENGTH = 8;

/** zxcvbn's 0 (guessed in < 10³ tries) … 4 (≥ 10¹⁰ tries). */
export type PassphraseScore = 0 | 1 | 2 | 3 | 4;

/**
 * Why a passphrase is weak: zxcvbn-ts's warning keys, plus `tooShort`. Stable, so a UI can show
 * its own words in its own language.
 */
export const PASSPHRASE_WARNINGS = [
  'tooShort',
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
] as const;
export type PassphraseWarning = (typeof PASSPHRASE_WARNINGS)[number];

/** How to make it stronger: zxcvbn-ts's suggestion keys (stable, for a UI's own words). */
export const PASSPHRASE_SUGGESTIONS = [
  'l33t',
  'reverseWords',
  'allUppercase',
  'capitalization',
  'dates',
  'recentYears',
  'associatedYears',
  'sequences',
  'repeated',
  'longerKeyboardPattern',
  'anotherWord',
  'useWords',
  'noNeed',
] as const;
export type PassphraseSuggestion = (typeof PASSPHRASE_SUGGESTIONS)[number];

/** What `passphraseStrength` says about a passphrase. */
export interface PassphraseStrength {
  score: PassphraseScore;
  /** log₁₀ of the estimated guesses. */
  guessesLog10: number;
  /** True when the default rule (score ≥ 3, 8+ characters) accepts it for a new passphrase. */
  acceptable: boolean;
  /** The main weakness, or `null`. */
  warning: PassphraseWarning | null;
  /** What would help, most useful first. */
  suggestions: PassphraseSuggestion[];
}

/** Options of the rule; hosts may ask for more (or, knowing their users, less). */
export interface PassphraseRule {
  /** Shortest accepted passphrase, in characters (default 8). */
  minPassphraseLength?: number;
  /** Lowest accepted zxcvbn score, 0–4 (default 3). */
  minPassphraseScore?: number;
}

/** Words of the app itself: a passphrase built on them is easy to guess for anyone who sees the page. */
const APP_WORDS = ['moodiary', 'mood', 'diary', 'mood diary', '무드', '다이어리', '일기', '일기장'];

/**
 * What a passphrase should not be made of, from one user input: the input, each of its words, and
 * for a Korean full name (3–4 syllables) the given name without the one-syllable surname. Korean
 * words count in the Latin letters they may be typed in, too (see `latinSpellings`).
 */
function wordsOf(input: string): string[] {
  const whole = String(input).normalize('NFC').trim();
  const words = whole.split(/\s+/);
  const givenNames = words.filter((w) => /^[\uac00-\ud7a3]{3,4}$/.test(w)).map((w) => w.slice(1));
  return [...new Set([whole, ...words, ...givenNames])].filter(Boolean);
}

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * zxcvbn-ts with the common-password list, English words, first names and word sequences (about
 * 0.47 MB gzipped). English surnames and Wikipedia titles (another 0.38 MB) add little for our
 * users, so English is read file by file (the version is pinned for these paths) rather than
 * through its index. Loaded on first use only: pages that never set a passphrase never download it.
 */
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en/dist/commonWords.json.mjs'),
    import('@zxcvbn-ts/language-en/dist/firstnames.json.mjs'),
    import('@zxcvbn-ts/language-en/dist/wordSequences.json.mjs'),
  ]).then(([core, common, commonWords, firstnames, wordSequences]) => {
    return new core.ZxcvbnFactory({
      dictionary: {
        ...common.dictionary,
        'commonWords-en': commonWords.default,
        'firstnames-en': firstnames.default,
        ...wordSequences.default,
      },
      graphs: common.adjacencyGraphs,
      useLevenshteinDistance: true,
    });
  });
  estimator.catch(() => (estimator = undefined));
  return estimator;
}

const known = <T extends string>(list: readonly T[], key: string | null | undefined): key is T =>
  list.includes(key as T);

function checkRule({ minPassphraseLength, minPassphraseScore }: PassphraseRule): Required<PassphraseRule> {
  const score = minPassphraseScore ?? MIN_PASSPHRASE_SCORE;
  const length = minPassphraseLength ?? MIN_PASSPHRASE_LENGTH;
  if (!Number.isInteger(score) || score < 0 || score > 4 || !Number.isInteger(length) || length < 1)
    throw new StoreError(
      'invalid-query',
      'minPassphraseScore must be 0 to 4 and minPassphraseLength at least 1.',
      {
        details: { minPassphraseScore, minPassphraseLength },
      },
    );
  return { minPassphraseLength: length, minPassphraseScore: score };
}

async function estimate(
  passphrase: string,
  userInputs: readonly string[],
  rule: Required<PassphraseRule>,
): Promise<PassphraseStrength> {
  const text = passphrase.normalize('NFC');
  const zxcvbn = await loadEstimator();
  const words = [...APP_WORDS, ...userInputs].flatMap(wordsOf).flatMap((w) => [w, ...latinSpellings(w)]);
  const result = await zxcvbn.checkAsync(text, words);
  const short = [...text].length < rule.minPassphraseLength;
  const warning = short ? 'tooShort' : result.feedback.warning;
  return {
    score: result.score,
    guessesLog10: result.guessesLog10,
    acceptable: !short && result.score >= rule.minPassphraseScore,
    warning: known(PASSPHRASE_WARNINGS, warning) ? warning : null,
    suggestions: result.feedback.suggestions.filter((s) => known(PASSPHRASE_SUGGESTIONS, s)),
  };
}

/**
 * How hard `passphrase` is to guess, for a meter shown while the user types (the first call loads
 * the dictionaries). `userInputs`: what the page knows about the user (name, e-mail) — a
 * passphrase made of them is weak.
 */
export function passphraseStrength(
  passphrase: string,
  userInputs: readonly string[] = [],
): Promise<PassphraseStrength> {
  return estimate(String(passphrase ?? ''), userInputs, checkRule({}));
}

/**
 * Throws `weak-passphrase` for a new passphrase the rule refuses; `details` holds what
 * `passphraseStrength` says (score, warning, suggestions) and the rule, so a UI can explain why.
 */
export async function checkNewPassphrase(
  passphrase: unknown,
  userInputs: readonly string[] = [],
  rule: PassphraseRule = {},
): Promise<string> {
  const checked = checkRule(rule);
  if (typeof passphrase !== 'string')
    throw new StoreError('weak-passphrase', 'The passphrase must be text.', {
      details: { ...checked, score: 0, warning: 'tooShort', suggestions: [] },
    });
  const strength = await estimate(passphrase, userInputs, checked);
  if (!strength.acceptable)
    throw new StoreError(
      'weak-passphrase',
      strength.warning === 'tooShort'
        ? `The passphrase must be at least ${checked.minPassphraseLength} characters long.`
        : 'This passphrase is too easy to guess. Add more words that are less common.',
      {
        details: {
          ...checked,
          score: strength.score,
          warning: strength.warning,
          suggestions: strength.suggestions,
        },
      },
    );
  return passphrase;
}
