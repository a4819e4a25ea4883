import type { StoredRecord, StoredThumbnail } from './backend.js';
import { toBase64 } from './base64.js';
import { deflate, inflate } from './compress.js';
import { randomBytes, subtle } from './crypto.js';
import { validateEntry } from './entry.js';
import { StoreError } from './errors.js';
import type { MoodEntry } from './types.js';

/**
 * Turns entries into stored records and back. `decode` throws on a record it
 * cannot read. A thumbnail travels apart from its entry (`thumbRef`, `thumb`).
 */
export interface Codec {
  readonly encrypted: boolean;
  /**
   * `keepThumbnail`: the entry's thumbnail is the one already stored under this
   * ref, so it is not encoded (nor written) again.
   */
  encode(entry: MoodEntry, profile: string, keepThumbnail?: string): Promise<StoredRecord>;
  /** The entry without its separate thumbnail (records written before v3 carry it inside). */
  decode(record: StoredRecord): Promise<MoodEntry>;
  /** The thumbnail a record carries (`thumb`), if it is the one its entry names; throws if damaged. */
  thumbnail(record: StoredRecord): Promise<string | undefined>;
  /** Seals a value bound to `context` (month digests): encrypted, or just serialised for plain stores. */
  seal(value: unknown, context: string): Promise<{ iv: Uint8Array; ct: ArrayBuffer }>;
  /** Opens what `seal` made for the same context; throws if damaged or moved. */
  open(sealed: { iv: Uint8Array; ct: ArrayBuffer }, context: string): Promise<unknown>;
}

/** A new random name for a thumbnail version. */
function newThumbRef(): string {
  return toBase64(randomBytes(12));
}

/** The thumbnail part of a record: kept (same ref, nothing to write), new, or none. */
function thumbPart(
  entry: MoodEntry,
  keepThumbnail: string | undefined,
  encodeThumb: (ref: string, dataUrl: string) => Promise<StoredThumbnail>,
): Promise<Pick<StoredRecord, 'thumbRef' | 'thumb'>> | Pick<StoredRecord, 'thumbRef' | 'thumb'> {
  if (entry.thumbnail === undefined) return {};
  if (keepThumbnail) return { thumbRef: keepThumbnail };
  const ref = newThumbRef();
  return encodeThumb(ref, entry.thumbnail).then((thumb) => ({ thumbRef: ref, thumb }));
}

function clearPart(entry: MoodEntry, profile: string): StoredRecord {
  const r: StoredRecord = {
    profile,
    id: entry.id,
    localDate: entry.localDate,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  };
  if (entry.deletedAt !== undefined) r.deletedAt = entry.deletedAt;
  return r;
}

function secretPart(entry: MoodEntry): Record<string, unknown> {
  const {
    id: _id,
    localDate: _localDate,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    deletedAt: _deletedAt,
    thumbnail: _thumbnail,
    ...rest
  } = entry;
  return rest;
}

function join(record: StoredRecord, secret: unknown): MoodEntry {
  if (typeof secret !== 'object' || secret === null) throw new Error('the content is not an object');
  return validateEntry(
    {
      ...(secret as object),
      id: record.id,
      createdAt: record.createdAt,
      localDate: record.localDate,
      updatedAt: record.updatedAt,
      deletedAt: record.deletedAt,
    },
    { allowThumbnails: true },
  );
}

/** Stores entries as they are. */
export const plainCodec: Codec = {
  encrypted: false,
  async encode(entry, profile, keepThumbnail) {
    const thumb = await thumbPart(entry, keepThumbnail, async (ref, data) => ({ ref, data }));
    return { ...clearPart(entry, profile), ...thumb, data: secretPart(entry) };
  },
  async decode(record) {
    return join(record, record.data);
  },
  async seal(value, context) {
    return {
      iv: new Uint8Array(0),
      ct: (await deflate(encoder.encode(JSON.stringify([context, value])))).buffer,
    };
  },
  async open(sealed, context) {
    const [was, value] = JSON.parse(decoder.decode(await inflate(new Uint8Array(sealed.ct)))) as [
      string,
      unknown,
    ];
    if (was !== context) throw new Error('sealed for another place');
    return value;
  },
  async thumbnail(record) {
    const t = record.thumb;
    if (!t || !record.thumbRef || t.ref !== record.thumbRef) return undefined;
    if (typeof t.data !== 'string') throw new Error('the thumbnail is damaged');
    return t.data;
  },
};

/** 2: deflated before sealing (what version 1 sealed no longer opens: caches, rebuilt when next read). */
const SEALED = 'moodiary-sealed:2';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Binds a ciphertext to the record's clear fields, so moving or re-dating it is detected. */
function associatedData(r: StoredRecord): Uint8Array<ArrayBuffer> {
  const fields = [
    'moodiary-entry:1',
    r.profile,
    r.id,
    r.localDate,
    r.createdAt,
    r.updatedAt,
    r.deletedAt ?? '',
  ];
  // Records written before thumbnails moved out have no thumbRef: their data stays the same.
  if (r.thumbRef !== undefined) fields.push(`thumb:${r.thumbRef}`);
  return encoder.encode(fields.join('\n'));
}

/** Binds a thumbnail to its entry and version. */
function thumbnailData(profile: string, id: string, ref: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(['moodiary-thumbnail:1', profile, id, ref].join('\n'));
}

/** Random 96-bit nonces, drawn from the CSPRNG 4 KiB at a time (10k entries: 30 calls instead of 10,000). */
let pool = new Uint8Array(0);
let poolAt = 0;
function nextNonce(): Uint8Array<ArrayBuffer> {
  if (poolAt + 12 > pool.length) {
    pool = randomBytes(4092);
    poolAt = 0;
  }
  const nonce = pool.slice(poolAt, poolAt + 12);
  pool.fill(0, poolAt, poolAt + 12); // never kept, never reused
  poolAt += 12;
  return nonce;
}

/**
 * Encrypts everything but the clear fields with AES-256-GCM under the profile's
 * data key: a fresh 96-bit nonce per write, the clear fields as associated data.
 */
export class CryptoCodec implements Codec {
  readonly encrypted = true;
  constructor(private key: CryptoKey | null) {}

  forget(): void {
    this.key = null;
  }

  private requireKey(): CryptoKey {
    if (!this.key) throw new StoreError('locked', 'The diary is locked. Unlock it with its passphrase.');
    return this.key;
  }

  async encode(entry: MoodEntry, profile: string, keepThumbnail?: string): Promise<StoredRecord> {
    const key = this.requireKey();
    const r = clearPart(entry, profile);
    Object.assign(
      r,
      await thumbPart(entry, keepThumbnail, async (ref, dataUrl) => {
        const iv = nextNonce();
        const ct = await subtle().encrypt(
          { name: 'AES-GCM', iv, additionalData: thumbnailData(profile, entry.id, ref) },
          key,
          encoder.encode(dataUrl),
        );
        return { ref, iv, ct };
      }),
    );
    const iv = nextNonce();
    r.iv = iv;
    r.ct = await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: associatedData(r) },
      key,
      encoder.encode(JSON.stringify(secretPart(entry))),
    );
    return r;
  }

  async decode(record: StoredRecord): Promise<MoodEntry> {
    const key = this.requireKey();
    if (!(record.iv instanceof Uint8Array) || !(record.ct instanceof ArrayBuffer))
      throw new Error('the record is not encrypted');
    let plain: ArrayBuffer;
    try {
      plain = await subtle().decrypt(
        { name: 'AES-GCM', iv: record.iv as Uint8Array<ArrayBuffer>, additionalData: associatedData(record) },
        key,
        record.ct,
      );
    } catch {
      throw new Error('the record does not decrypt (damaged or altered)');
    }
    return join(record, JSON.parse(decoder.decode(plain)));
  }

  async seal(value: unknown, context: string): Promise<{ iv: Uint8Array; ct: ArrayBuffer }> {
    const key = this.requireKey();
    const iv = nextNonce();
    const ct = await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(`${SEALED}\n${context}`) },
      key,
      await deflate(encoder.encode(JSON.stringify(value))),
    );
    return { iv, ct };
  }

  async open(sealed: { iv: Uint8Array; ct: ArrayBuffer }, context: string): Promise<unknown> {
    const key = this.requireKey();
    const plain = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.iv as Uint8Array<ArrayBuffer>,
        additionalData: encoder.encode(`${SEALED}\n${context}`),
      },
      key,
      sealed.ct,
    );
    return JSON.parse(decoder.decode(await inflate(new Uint8Array(plain))));
  }

  async thumbnail(record: StoredRecord): Promise<string | undefined> {
    const key = this.requireKey();
    const t = record.thumb;
    if (!t || !record.thumbRef || t.ref !== record.thumbRef) return undefined;
    if (!(t.iv instanceof Uint8Array) || !(t.ct instanceof ArrayBuffer))
      throw new Error('the thumbnail is not encrypted');
    const plain = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: t.iv as Uint8Array<ArrayBuffer>,
        additionalData: thumbnailData(record.profile, record.id, t.ref),
      },
      key,
      t.ct,
    );
    return decoder.decode(plain);
  }
}
