/**
 * The Latin spellings of Hangul text a Korean user may type in a passphrase: the Revised
 * Romanization (민지 → minji, syllable by syllable, without sound changes) and the keys of the
 * standard two-set keyboard left in English mode (민지 → alswl, 안녕하세요 → dkssudgktpdy).
 */

const FIRST = 0xac00;
const LAST = 0xd7a3;
// Jamo of a syllable: (code - 0xAC00) = (initial × 21 + medial) × 28 + final.
const ROMAN_INITIAL = 'g kk n d tt r m b pp s ss _ j jj ch k t p h'.split(' ').map((s) => s.replace('_', ''));
const ROMAN_MEDIAL = 'a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i'.split(' ');
const ROMAN_FINAL = '_ k k k n n n t l k m l l l p l m p p t t ng t t k t p t'
  .split(' ')
  .map((s) => s.replace('_', ''));
const KEY_INITIAL = 'r R s e E f a q Q t T d w W c z x v g'.split(' ');
const KEY_MEDIAL = 'k o i O j p u P h hk ho hl y n nj np nl b m ml l'.split(' ');
const KEY_FINAL = '_ r R rt s sw sg e f fr fa fq ft fx fv fg a q qt t T d w c z x v g'
  .split(' ')
  .map((s) => s.replace('_', ''));

function spell(text: string, initial: string[], medial: string[], final: string[]): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)! - FIRST;
    if (code < 0 || code > LAST - FIRST) {
      out += char;
      continue;
    }
    out += initial[Math.floor(code / 588)]! + medial[Math.floor((code % 588) / 28)]! + final[code % 28]!;
  }
  return out;
}

/** `[romanised, typed on an English layout]` for text with Hangul syllables; `[]` for text without. */
export function latinSpellings(text: string): string[] {
  text = text.normalize('NFC');
  if (![...text].some((c) => c >= '\uac00' && c <= '\ud7a3')) return [];
  return [
    spell(text, ROMAN_INITIAL, ROMAN_MEDIAL, ROMAN_FINAL),
    spell(text, KEY_INITIAL, KEY_MEDIAL, KEY_FINAL).toLowerCase(),
  ];
}
