import type { ProfileRecord } from './backend.js';
import { StoreError } from './errors.js';

/**
 * PBKDF2-HMAC-SHA256 iterations for new profiles: 600,000, OWASP's 2023
 * recommendation (NIST SP 800-132 asks for "as large as feasible"). About
 * 0.2–0.6 s per unlock on a phone. A guess costs an attacker's CPU as much, a GPU far less
 * (~1.9 × 10⁴ guesses/s), so new passphrases must also be hard to guess: see `passphrase.ts`.
 */
export const DEFAULT_KDF_ITERATIONS = 600_000;
/** Profiles may be created with fewer iterations (tests, slow devices), never fewer than this. */
export const MIN_KDF_ITERATIONS = 10_000;

const encoder = new TextEncoder();

/** Throws `invalid-query` for an iteration count below `MIN_KDF_ITERATIONS`. */
export function checkIterations(n: number): number {
  if (!Number.isInteger(n) || n < MIN_KDF_ITERATIONS)
    throw new StoreError('invalid-query', `kdfIterations must be at least ${MIN_KDF_ITERATIONS}.`, {
      details: { kdfIterations: n },
    });
  return n;
}

export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s)
    throw new StoreError(
      'crypto-unavailable',
      'Encryption is not available here: the diary must be served over HTTPS (or localhost).',
    );
  return s;
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** Passphrases are compared after Unicode NFC, so the same Korean text typed by different keyboards matches. */
function passphraseBytes(passphrase: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(passphrase.normalize('NFC'));
}

async function deriveKek(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  usages: KeyUsage[] = ['wrapKey', 'unwrapKey'],
): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', passphraseBytes(passphrase), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    usages,
  );
}

/** Wraps a data key under a passphrase (fresh salt and nonce). */
export async function wrapProfileKey(
  dataKey: CryptoKey,
  profileId: string,
  passphrase: string,
  iterations: number,
): Promise<Pick<ProfileRecord, 'kdf' | 'wrap'>> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = await deriveKek(passphrase, salt, iterations);
  const key = await subtle().wrapKey('raw', dataKey, kek, {
    name: 'AES-GCM',
    iv,
    additionalData: encoder.encode(`moodiary-profile:${profileId}`),
  });
  return {
    kdf: { algorithm: 'PBKDF2', hash: 'SHA-256', iterations, salt },
    wrap: { algorithm: 'AES-GCM', iv, key },
  };
}

/** A new random data key, wrapped under the passphrase. Returns the key ready for use (not extractable). */
export async function createProfileKey(
  profileId: string,
  passphrase: string,
  iterations: number,
): Promise<{ wrapped: Pick<ProfileRecord, 'kdf' | 'wrap'>; key: CryptoKey }> {
  const dataKey = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const wrapped = await wrapProfileKey(dataKey, profileId, passphrase, iterations);
  const key = await unwrapProfileKey({ id: profileId, ...wrapped }, passphrase);
  return { wrapped, key };
}

/** Unwraps the profile's data key. Throws `wrong-passphrase` when AES-GCM authentication fails. */
export async function unwrapProfileKey(
  profile: Pick<ProfileRecord, 'id' | 'kdf' | 'wrap'>,
  passphrase: string,
  extractable = false,
): Promise<CryptoKey> {
  const kek = await deriveKek(
    passphrase,
    profile.kdf.salt as Uint8Array<ArrayBuffer>,
    profile.kdf.iterations,
  );
  try {
    return await subtle().unwrapKey(
      'raw',
      profile.wrap.key,
      kek,
      {
        name: 'AES-GCM',
        iv: profile.wrap.iv as Uint8Array<ArrayBuffer>,
        additionalData: encoder.encode(`moodiary-profile:${profile.id}`),
      },
      { name: 'AES-GCM', length: 256 },
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch (error) {
    throw new StoreError('wrong-passphrase', 'That passphrase does not open this diary.', {
      cause: error,
      details: { profile: profile.id },
    });
  }
}

/** Wraps the same data key under a new passphrase (fresh salt and nonce); entries are not touched. */
export async function rewrapProfileKey(
  profile: ProfileRecord,
  oldPassphrase: string,
  newPassphrase: string,
  iterations: number,
): Promise<ProfileRecord> {
  const dataKey = await unwrapProfileKey(profile, oldPassphrase, true);
  return { ...profile, ...(await wrapProfileKey(dataKey, profile.id, newPassphrase, iterations)) };
}

/** A text sealed under a passphrase: PBKDF2-SHA256 → AES-GCM-256, fresh salt and nonce each time. */
export interface SealedText {
  kdf: { algorithm: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: Uint8Array };
  cipher: { algorithm: 'AES-GCM'; iv: Uint8Array };
  data: Uint8Array;
}

/** `context` is authenticated (not stored): the same bytes opened under another context fail. */
export async function sealText(
  text: string,
  passphrase: string,
  iterations: number,
  context: string,
): Promise<SealedText> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveKek(passphrase, salt, iterations, ['encrypt']);
  const data = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(text),
  );
  return {
    kdf: { algorithm: 'PBKDF2', hash: 'SHA-256', iterations, salt },
    cipher: { algorithm: 'AES-GCM', iv },
    data: new Uint8Array(data),
  };
}

/** Opens `sealText`'s output. Throws `wrong-passphrase` when AES-GCM authentication fails. */
export async function openText(sealed: SealedText, passphrase: string, context: string): Promise<string> {
  const key = await deriveKek(passphrase, sealed.kdf.salt as Uint8Array<ArrayBuffer>, sealed.kdf.iterations, [
    'decrypt',
  ]);
  try {
    const plain = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.cipher.iv as Uint8Array<ArrayBuffer>,
        additionalData: encoder.encode(context),
      },
      key,
      sealed.data as Uint8Array<ArrayBuffer>,
    );
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch (error) {
    throw new StoreError('wrong-passphrase', 'That passphrase does not open this backup.', { cause: error });
  }
}
