// Keys and sealed entries for the sync server (design/sync.md §2), with WebCrypto only:
// one PBKDF2 run, then HKDF to `master` (wraps the diary key; never leaves the device) and
// `authKey` (the "server password"; the server keeps only its argon2id).
import { fromBase64, toBase64 } from '../base64.js';
import { randomBytes, subtle } from '../crypto.js';
import type { MoodEntry } from '../types.js';
import { SyncError } from './errors.js';

/** What the client accepts from a server, whatever it offers: PBKDF2-SHA256, ≥ 600,000 iterations. */
export const MIN_SYNC_ITERATIONS = 600_000;
const MAX_SYNC_ITERATIONS = 100_000_000;

export interface Kdf {
  name: 'PBKDF2-SHA256';
  iterations: number;
}

export interface AccountKeys {
  /** AES-GCM key that wraps the diary key; not extractable, never sent. */
  master: CryptoKey;
  /** 32 bytes, base64: the server password. */
  authKey: string;
}

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text);

/** The server normalises usernames the same way: NFC, lower case. */
export const normaliseUsername = (username: string): string => username.normalize('NFC').toLowerCase();

export function checkKdf(kdf: unknown): Kdf {
  const k = kdf as Partial<Kdf> | null;
  if (
    k?.name !== 'PBKDF2-SHA256' ||
    !Number.isInteger(k.iterations) ||
    k.iterations! < MIN_SYNC_ITERATIONS ||
    k.iterations! > MAX_SYNC_ITERATIONS
  )
    throw new SyncError(
      'insecure-server',
      `The server asks for a key derivation this diary does not accept (PBKDF2-SHA256 with at least ${MIN_SYNC_ITERATIONS} iterations).`,
      { details: { kdf } },
    );
  return { name: 'PBKDF2-SHA256', iterations: k.iterations! };
}

/** salt = SHA-256(username ":" seed)[0..16]; S = PBKDF2; master and authKey by HKDF from S. */
export async function deriveAccountKeys(
  passphrase: string,
  username: string,
  seed: Uint8Array,
  kdf: Kdf,
): Promise<AccountKeys> {
  const s = subtle();
  const name = bytes(`${normaliseUsername(username)}:`);
  const saltInput = new Uint8Array(name.length + seed.length);
  saltInput.set(name);
  saltInput.set(seed, name.length);
  const salt = new Uint8Array(await s.digest('SHA-256', saltInput)).slice(0, 16);
  const pass = await s.importKey('raw', bytes(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const stretched = await s.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: checkKdf(kdf).iterations },
    pass,
    256,
  );
  const hkdf = await s.importKey('raw', stretched, 'HKDF', false, ['deriveBits', 'deriveKey']);
  const params = (info: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(0),
    info: bytes(info),
  });
  const master = await s.deriveKey(
    params('moodiary/v1/master'),
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
  const authKey = new Uint8Array(await s.deriveBits(params('moodiary/v1/auth'), hkdf, 256));
  return { master, authKey: toBase64(authKey) };
}

/** The account id is unknown before sign-up, so the wrapped key is bound to the username. */
const keyAad = (username: string, keyId: number) =>
  bytes(`moodiary/v1/dk|${normaliseUsername(username)}|${keyId}`);

/** iv ‖ AES-GCM(master, diaryKey), base64. */
export async function wrapDiaryKey(master: CryptoKey, diaryKey: CryptoKey, username: string, keyId = 0) {
  const iv = randomBytes(12);
  const wrapped = await subtle().wrapKey('raw', diaryKey, master, {
    name: 'AES-GCM',
    iv,
    additionalData: keyAad(username, keyId),
  });
  return toBase64(concat(iv, new Uint8Array(wrapped)));
}

/** The diary key, extractable so a local profile can wrap it too; `wrong-passphrase` when it does not open. */
export async function unwrapDiaryKey(
  master: CryptoKey,
  wrapped: string,
  username: string,
  keyId = 0,
): Promise<CryptoKey> {
  try {
    const raw = fromBase64(wrapped);
    return await subtle().unwrapKey(
      'raw',
      raw.subarray(12),
      master,
      { name: 'AES-GCM', iv: raw.subarray(0, 12), additionalData: keyAad(username, keyId) },
      { name: 'AES-GCM', length: 256 },
      true,
      ['encrypt', 'decrypt'],
    );
  } catch (error) {
    throw new SyncError('bad-key', 'The key the server returned does not open with this passphrase.', {
      cause: error,
    });
  }
}

/** Padded size: multiples of 256 bytes up to 4 KiB, then powers of two, at most 256 KiB. */
function paddedSize(n: number): number {
  if (n <= 4096) return Math.max(256, Math.ceil(n / 256) * 256);
  const size = 2 ** Math.ceil(Math.log2(n));
  if (size > 256 * 1024)
    throw new SyncError('rejected', 'This entry is too large to sync (over 256 KiB).', {
      details: { size: n },
    });
  return size;
}

/** The AAD binds a blob to its account, entry, revision and delete flag: the server cannot move or replay it. */
const entryAad = (account: string, id: string, rev: number, deleted: boolean) =>
  bytes(`moodiary/v1/entry|${account}|${id}|${rev}|${deleted}`);

/** What travels: the entry without its id, or `null` for an entry purged for good. */
export type EntryBody = Omit<MoodEntry, 'id'> | null;

export async function sealEntry(
  key: CryptoKey,
  account: string,
  id: string,
  rev: number,
  deleted: boolean,
  body: EntryBody,
): Promise<string> {
  const json = bytes(JSON.stringify(body));
  const plain = new Uint8Array(paddedSize(json.length + 4));
  new DataView(plain.buffer).setUint32(0, json.length);
  plain.set(json, 4);
  const iv = randomBytes(12);
  const ct = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: entryAad(account, id, rev, deleted) },
    key,
    plain,
  );
  return toBase64(concat(iv, new Uint8Array(ct)));
}

/** Throws `corrupt-entry` when the blob does not open under its own account, id, rev and flag. */
export async function openEntry(
  key: CryptoKey,
  account: string,
  doc: { id: string; rev: number; deleted: boolean; payload: string },
): Promise<EntryBody> {
  try {
    const raw = fromBase64(doc.payload);
    const plain = new Uint8Array(
      await subtle().decrypt(
        {
          name: 'AES-GCM',
          iv: raw.subarray(0, 12),
          additionalData: entryAad(account, doc.id, doc.rev, doc.deleted),
        },
        key,
        raw.subarray(12),
      ),
    );
    const length = new DataView(plain.buffer).getUint32(0);
    return JSON.parse(new TextDecoder().decode(plain.subarray(4, 4 + length))) as EntryBody;
  } catch (error) {
    throw new SyncError(
      'corrupt-entry',
      `The server's copy of entry "${doc.id}" does not open; it was skipped.`,
      {
        cause: error,
        details: { id: doc.id, rev: doc.rev },
      },
    );
  }
}

export const randomSeed = () => toBase64(randomBytes(32));

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
