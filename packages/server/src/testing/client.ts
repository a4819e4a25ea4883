// A Node client that encrypts as design/sync.md §2 says, for the tests and the benchmark:
// PBKDF2 then HKDF to a key that stays here and a separate server password; entries sealed
// with AES-256-GCM under the diary key, bound to account, id, rev and deleted, padded.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, pbkdf2Sync, randomBytes } from 'node:crypto';

export interface Keys {
  /** Wraps the diary key; never sent. */
  master: Buffer;
  /** The "server password": the server keeps only its argon2id. */
  authKey: Buffer;
}

export function deriveKeys(passphrase: string, username: string, seed: Buffer, iterations = 600_000): Keys {
  const salt = createHash('sha256').update(`${username}:`).update(seed).digest().subarray(0, 16);
  const s = pbkdf2Sync(passphrase.normalize('NFC'), salt, iterations, 32, 'sha256');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', s, Buffer.alloc(0), info, 32));
  return { master: derive('moodiary/v1/master'), authKey: derive('moodiary/v1/auth') };
}

function seal(key: Buffer, plain: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12)).setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}

// The account id is unknown before sign-up, so the wrapped key is bound to the username.
const keyAad = (username: string, keyId: number) => `moodiary/v1/dk|${username}|${keyId}`;
export const wrapDiaryKey = (master: Buffer, diaryKey: Buffer, username: string, keyId = 0) =>
  seal(master, diaryKey, keyAad(username, keyId));
export const unwrapDiaryKey = (master: Buffer, wrapped: Buffer, username: string, keyId = 0) =>
  open(master, wrapped, keyAad(username, keyId));

/** Padded size: multiples of 256 bytes up to 4 KiB, then powers of two, at most 256 KiB. */
export function paddedSize(n: number): number {
  if (n <= 4096) return Math.max(256, Math.ceil(n / 256) * 256);
  const size = 2 ** Math.ceil(Math.log2(n));
  if (size > 256 * 1024) throw new Error('entry too large');
  return size;
}

const entryAad = (account: string, id: string, rev: number, deleted: boolean) =>
  `moodiary/v1/entry|${account}|${id}|${rev}|${deleted}`;

export function sealEntry(
  diaryKey: Buffer,
  account: string,
  id: string,
  rev: number,
  deleted: boolean,
  entry: object,
): Buffer {
  const json = Buffer.from(JSON.stringify(entry));
  const plain = Buffer.alloc(paddedSize(json.length + 4));
  plain.writeUInt32BE(json.length, 0);
  json.copy(plain, 4);
  return seal(diaryKey, plain, entryAad(account, id, rev, deleted));
}

export function openEntry<T = unknown>(
  diaryKey: Buffer,
  account: string,
  id: string,
  rev: number,
  deleted: boolean,
  payload: Buffer,
): T {
  const plain = open(diaryKey, payload, entryAad(account, id, rev, deleted));
  return JSON.parse(plain.subarray(4, 4 + plain.readUInt32BE(0)).toString()) as T;
}
