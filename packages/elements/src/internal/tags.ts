/**
 * Tags and search as people type them. A tag is one word: "#work, 친구 trip" gives `work`, `친구`,
 * `trip`. Limits match what `@moodiary/store` accepts, so a save never fails on tags.
 */
import { foldText } from '@moodiary/core';
import { ENTRY_LIMITS } from '@moodiary/store';

/** The tags in what a person typed (split on spaces, commas and `#`), deduplicated, within the limits. */
export function parseTags(text: string): string[] {
  const tags: string[] = [];
  for (const word of text.split(/[\s,#]+/u)) {
    const tag = [...word].slice(0, ENTRY_LIMITS.tagLength).join('');
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags.slice(0, ENTRY_LIMITS.tags);
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
  const haystack = foldText(`${entry.note ?? ''}\n${(entry.tags ?? []).join('\n')}`);
  return terms.every((t) => haystack.includes(t));
}
