// Conflict rules (design/sync.md §5). Only the client can read both versions, so it resolves:
// tags and songs are united, the later note wins and a different losing note is kept in
// `noteConflicts`, label/probabilities/date come from the later side, and an edit beats a
// delete (the result stays deleted only if both sides are).
import { ENTRY_LIMITS } from '../entry.js';
import type { MoodEntry, SongRef } from '../types.js';

/**
 * `local` and `remote` are the two versions (`null`: purged for good). `localWinsTie` breaks
 * equal `updatedAt`s (by write id). The result's `updatedAt` is later than both sides'.
 */
export function mergeEntries(
  local: MoodEntry | null,
  remote: MoodEntry | null,
  localWinsTie: boolean,
  now: Date,
): MoodEntry | null {
  if (!local || !remote) {
    const alive = local ?? remote;
    // a purge against an edit: the edit wins; against a delete: both are deletes
    return alive && !alive.deletedAt ? { ...alive, updatedAt: later(now, alive.updatedAt) } : null;
  }
  const localLater =
    local.updatedAt > remote.updatedAt || (local.updatedAt === remote.updatedAt && localWinsTie);
  const localDeleted = Boolean(local.deletedAt);
  // An edit beats a delete: the side that is not deleted wins whatever the times.
  const localWins = localDeleted === Boolean(remote.deletedAt) ? localLater : !localDeleted;
  const [winner, loser] = localWins ? [local, remote] : [remote, local];
  const { deletedAt: _deleted, noteConflicts: _kept, ...rest } = winner;
  const conflicts = unique(
    [...(winner.noteConflicts ?? []), ...(loser.noteConflicts ?? []), loser.note].filter(
      (n) => n !== '' && n !== winner.note,
    ),
  ).slice(-ENTRY_LIMITS.noteConflicts);
  const merged: MoodEntry = {
    ...rest,
    tags: unique([...winner.tags, ...loser.tags]).slice(0, ENTRY_LIMITS.tags),
    songs: unionSongs(winner.songs, loser.songs),
    updatedAt: later(now, local.updatedAt, remote.updatedAt),
  };
  if (conflicts.length > 0) merged.noteConflicts = conflicts;
  if (localDeleted && remote.deletedAt) merged.deletedAt = winner.deletedAt!;
  return merged;
}

/** The same entry but for `updatedAt`: nothing to merge. */
export function sameContent(a: MoodEntry | null, b: MoodEntry | null): boolean {
  if (!a || !b) return a === b;
  const { updatedAt: _a, ...x } = a;
  const { updatedAt: _b, ...y } = b;
  return canonical(x) === canonical(y);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([p], [q]) => (p < q ? -1 : 1)))
      : v,
  );
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** By song id, in the winner's order; `played` when either side played it. */
function unionSongs(first: SongRef[], second: SongRef[]): SongRef[] {
  const byId = new Map<string, SongRef>();
  for (const song of [...first, ...second]) {
    const seen = byId.get(song.id);
    byId.set(
      song.id,
      seen ? { ...seen, ...(seen.played || song.played ? { played: true } : {}) } : { ...song },
    );
  }
  return [...byId.values()].slice(0, ENTRY_LIMITS.songs);
}

function later(now: Date, ...times: string[]): string {
  let t = now.getTime();
  for (const time of times) t = Math.max(t, Date.parse(time) + 1);
  return new Date(t).toISOString();
}
