/**
 * Text as search compares it: case- and accent-insensitive (NFKD, marks dropped, lower case, NFC),
 * so `Café` finds `cafe` and full-width letters fold too; Hangul is unchanged.
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFC');
}
