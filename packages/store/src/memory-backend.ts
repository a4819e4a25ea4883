import {
  calendarOf,
  compareSortKeys,
  sameBytes,
  within,
  sortKeyOf,
  type Backend,
  type MonthCalendar,
  type ProfileRecord,
  type RangeOptions,
  type SearchDigest,
  type SealedYear,
  type SealedSetting,
  type StoredRecord,
  type WriteOptions,
  type WriteResult,
} from './backend.js';
import { StoreError } from './errors.js';

class Table {
  readonly byId = new Map<string, StoredRecord>();
  private sorted: StoredRecord[] | null = null;

  ordered(): StoredRecord[] {
    if (!this.sorted)
      this.sorted = [...this.byId.values()].sort((a, b) => compareSortKeys(sortKeyOf(a), sortKeyOf(b)));
    return this.sorted;
  }

  set(record: StoredRecord): void {
    this.byId.set(record.id, record);
    this.sorted = null;
  }

  delete(id: string): void {
    if (this.byId.delete(id)) this.sorted = null;
  }
}

/** A record as a read returns it: a copy, with its thumbnail only when asked for. */
function copyOut(r: StoredRecord, thumbnails: boolean | undefined): StoredRecord {
  const { thumb, ...rest } = r;
  const out = structuredClone(rest) as StoredRecord;
  if (thumbnails && thumb) out.thumb = structuredClone(thumb);
  return out;
}

/** Keeps everything in this page's memory; records are cloned in and out like IndexedDB does. */
export class MemoryBackend implements Backend {
  readonly kind = 'memory' as const;
  private readonly tables = new Map<string, Table>();
  private readonly profileRows = new Map<string, ProfileRecord>();
  private readonly digestRows = new Map<string, Map<string, SearchDigest>>();
  private readonly yearRows = new Map<string, Map<string, SealedYear>>();
  private readonly settingRows = new Map<string, Map<string, SealedSetting>>();
  private readonly tokens = new Map<string, string>();

  private table(profile: string): Table {
    let t = this.tables.get(profile);
    if (!t) this.tables.set(profile, (t = new Table()));
    return t;
  }

  async get(
    profile: string,
    id: string,
    options: { thumbnails?: boolean } = {},
  ): Promise<StoredRecord | undefined> {
    const r = this.table(profile).byId.get(id);
    return r && copyOut(r, options.thumbnails);
  }

  private checkProfile(profile: string, required: boolean | undefined): void {
    if (required && !this.profileRows.has(profile))
      throw new StoreError(
        'profile-deleted',
        'This profile was deleted (perhaps in another tab), so the change was not saved.',
        { details: { profile } },
      );
  }

  async range(profile: string, o: RangeOptions): Promise<StoredRecord[]> {
    const all = this.table(profile).ordered();
    const out: StoredRecord[] = [];
    const limit = o.limit ?? Infinity;
    const n = all.length;
    for (let k = 0; k < n && out.length < limit; k++) {
      const r = all[o.reverse ? n - 1 - k : k]!;
      if (o.from !== undefined && r.localDate < o.from) continue;
      if (o.to !== undefined && r.localDate > o.to) continue;
      if (o.after) {
        const c = compareSortKeys(sortKeyOf(r), o.after);
        if (o.reverse ? c >= 0 : c <= 0) continue;
      }
      if (r.deletedAt && !o.includeDeleted) continue;
      out.push(copyOut(r, o.thumbnails));
    }
    return out;
  }

  async write(profile: string, records: StoredRecord[], options: WriteOptions): Promise<WriteResult> {
    this.checkProfile(profile, options.requireProfile);
    const t = this.table(profile);
    const result: WriteResult = { written: [], existing: [] };
    for (const [id, updatedAt] of Object.entries(options.expect ?? {})) {
      const current = t.byId.get(id);
      if ((current?.updatedAt ?? null) !== updatedAt)
        throw new StoreError(
          'conflict',
          'The entry was changed elsewhere while this change was being saved.',
          {
            details: { id },
          },
        );
    }
    const batch = new Map<string, StoredRecord>();
    for (const r of records) {
      const current = t.byId.get(r.id);
      if (options.mode === 'insert' && (current || batch.has(r.id))) {
        if (current) result.existing.push(structuredClone(current));
        continue;
      }
      const copy = structuredClone(r);
      // A kept thumbnail (same ref, none carried) stays as it was.
      if (!copy.thumb && copy.thumbRef && current?.thumbRef === copy.thumbRef && current.thumb)
        copy.thumb = current.thumb;
      batch.set(r.id, copy);
    }
    for (const r of batch.values()) {
      t.set(r);
      result.written.push(r.id);
    }
    if (batch.size) this.tokens.set(profile, globalThis.crypto.randomUUID());
    return result;
  }

  async remove(profile: string, ids: string[], options: { requireProfile?: boolean } = {}): Promise<void> {
    this.checkProfile(profile, options.requireProfile);
    const t = this.table(profile);
    this.tokens.delete(profile);
    for (const id of ids) {
      this.digestRows.get(profile)?.delete(t.byId.get(id)?.localDate?.slice(0, 7) ?? '');
      this.yearRows.get(profile)?.delete(t.byId.get(id)?.localDate?.slice(0, 4) ?? '');
      t.delete(id);
    }
  }

  async changeToken(profile: string): Promise<string | undefined> {
    return this.tokens.get(profile);
  }

  async calendar(
    profile: string,
    fromMonth?: string,
    toMonth?: string,
  ): Promise<{ months: MonthCalendar[]; token?: string }> {
    const token = this.tokens.get(profile);
    const months = [...calendarOf(this.table(profile).byId.values()).values()]
      .filter((m) => within(m.month, fromMonth, toMonth))
      .sort((a, b) => (a.month < b.month ? -1 : 1));
    return token === undefined ? { months } : { months, token };
  }

  async digests(profile: string, fromMonth?: string, toMonth?: string): Promise<SearchDigest[]> {
    return [...(this.digestRows.get(profile)?.values() ?? [])]
      .filter((d) => within(d.month, fromMonth, toMonth))
      .map((d) => structuredClone(d));
  }

  async putDigests(profile: string, digests: SearchDigest[]): Promise<void> {
    const rows = this.digestRows.get(profile) ?? new Map<string, SearchDigest>();
    this.digestRows.set(profile, rows);
    for (const d of digests) rows.set(d.month, structuredClone(d));
  }

  async yearTexts(profile: string, fromYear?: string, toYear?: string): Promise<SealedYear[]> {
    return [...(this.yearRows.get(profile)?.values() ?? [])]
      .filter((y) => within(y.year, fromYear, toYear))
      .map((y) => structuredClone(y));
  }

  async putYearTexts(profile: string, years: SealedYear[]): Promise<void> {
    const rows = this.yearRows.get(profile) ?? new Map<string, SealedYear>();
    this.yearRows.set(profile, rows);
    for (const y of years) rows.set(y.year, structuredClone(y));
  }

  async settings(profile: string): Promise<SealedSetting[]> {
    return [...(this.settingRows.get(profile)?.values() ?? [])].map((row) => structuredClone(row));
  }

  async putSetting(
    profile: string,
    name: string,
    sealed: Omit<SealedSetting, 'name'> | null,
    options: { requireProfile?: boolean } = {},
  ): Promise<void> {
    this.checkProfile(profile, options.requireProfile);
    const rows = this.settingRows.get(profile) ?? new Map<string, SealedSetting>();
    this.settingRows.set(profile, rows);
    if (sealed) rows.set(name, structuredClone({ name, iv: sealed.iv, ct: sealed.ct }));
    else rows.delete(name);
  }

  async profiles(): Promise<ProfileRecord[]> {
    return [...this.profileRows.values()].map((p) => structuredClone(p));
  }

  async getProfile(id: string): Promise<ProfileRecord | undefined> {
    const p = this.profileRows.get(id);
    return p && structuredClone(p);
  }

  async putProfile(
    profile: ProfileRecord,
    options: { uniqueName?: boolean; expectWrapIv?: Uint8Array } = {},
  ): Promise<void> {
    if (options.uniqueName) {
      const name = profile.name.toLocaleLowerCase();
      for (const p of this.profileRows.values())
        if (p.id !== profile.id && p.name.toLocaleLowerCase() === name)
          throw new StoreError(
            'profile-exists',
            `A profile named "${profile.name}" already exists on this device.`,
            {
              details: { name: profile.name },
            },
          );
    }
    if (options.expectWrapIv) {
      const current = this.profileRows.get(profile.id);
      if (!current)
        throw new StoreError('not-found', 'There is no such profile on this device.', {
          details: { id: profile.id },
        });
      if (!sameBytes(current.wrap.iv, options.expectWrapIv))
        throw new StoreError('conflict', 'The profile was changed elsewhere; try again.', {
          details: { id: profile.id },
        });
    }
    this.profileRows.set(profile.id, structuredClone(profile));
  }

  async deleteProfile(id: string): Promise<void> {
    this.profileRows.delete(id);
    this.tables.delete(id);
    this.digestRows.delete(id);
    this.yearRows.delete(id);
    this.settingRows.delete(id);
    this.tokens.delete(id);
  }

  onEvent(): () => void {
    return () => undefined;
  }

  close(): void {}
}
