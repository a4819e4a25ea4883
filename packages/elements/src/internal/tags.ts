/**
 * Tags and search as people type them. A tag is one word: "#work, 친구 trip" gives `work`, `친구`,
 * `trip`. Limits match what `@moodiary/store` accepts, so a save never fails on tags.
 */
import { foldText, searchTextOf } from '@moodiary/core';
import { ENTRY_LIMITS } from '@moodiary/store';

/**
 * What a person typed as tags, read against the store's limits: the tags kept (split on spaces, commas
 * and `#`, each once), how many more were typed than an entry holds, and the words cut to fit.
 */
export function readTags(text: string): { tags: string[]; extra: number; tooLong: string[] } {
  const tags: string[] = [];
  const tooLong: string[] = [];
  for (const word of text.split(/[\s,#]+/u)) {
    // Cut by whole characters, counted as the store counts them (UTF-16), so a save never fails on length.
    let tag = '';
    for (const char of word) {
      if (tag.length + char.length > ENTRY_LIMITS.tagLength) break;
      tag += char;
    }
    if (tag !== word && !tooLong.includes(word)) tooLong.push(word);
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return {
    tags: tags.slice(0, ENTRY_LIMITS.tags),
    extra: Math.max(0, tags.length - ENTRY_LIMITS.tags),
    tooLong,
  };
}

/** Tags as an input shows them: `#work #친구`. */
export function formatTags(tags: readonly string[] | undefined): string {
  return (tags ?? []).map((t) => `#${t}`).join(' ');
}

/** The words of a search; `#` is ignored, so `#work` finds the tag and the word alike. */
export function searchTerms(query: string): string[] {
  return foldText(query)
    .split(/[\s,#]+/u)
    .filter(Boolean);
}

/** True when every term occurs in the entry's note or tags. */
export function matchesSearch(entry: { note?: string; tags?: readonly string[] }, terms: readonly string[]) {
  if (terms.length === 0) return false;
  const haystack = searchTextOf(entry);
  return terms.every((t) => haystack.includes(t));
}
