/**
 * Text as search compares it: case- and accent-insensitive (NFKD, marks dropped, lower case, NFC),
 * so `Café` finds `cafe` and full-width letters fold too; Hangul is unchanged.
 */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFC');
}

/** What search looks in: an entry's note and tags, folded (the store's search and the elements' alike). */
export function searchTextOf(entry: { readonly note?: string; readonly tags?: readonly string[] }): string {
  return foldText(`${entry.note ?? ''}\n${(entry.tags ?? []).join('\n')}`);
}
