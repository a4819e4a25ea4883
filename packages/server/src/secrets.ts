// Password hashes, session tokens and the stand-in seed for unknown usernames.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { ServerConfig } from './config.js';

const ARGON2ID = 2 as Algorithm; // Algorithm.Argon2id: a const enum, which isolated modules cannot read

export class Passwords {
  /** A real hash of nothing anyone knows: unknown usernames are verified against it, so both take as long. */
  private readonly dummy: Promise<string>;

  constructor(private readonly options: ServerConfig['argon2']) {
    this.dummy = this.hash(randomBytes(32));
  }

  hash(authKey: Uint8Array): Promise<string> {
    return hash(asText(authKey), { algorithm: ARGON2ID, ...this.options });
  }

  /** Always runs one verify, against the dummy hash when there is no account. */
  async verify(stored: string | undefined, authKey: Uint8Array): Promise<boolean> {
    const hashed = stored ?? (await this.dummy);
    const ok = await verify(hashed, asText(authKey)).catch(() => false);
    return stored !== undefined && ok;
  }
}

/**
 * The binding reads a byte password as UTF-8 and rejects random bytes that are not, so the
 * 32-byte server password is hashed as its canonical base64 text (same 256 bits).
 */
const asText = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A 256-bit bearer token (base64url) and the SHA-256 the server keeps instead of it. */
export function newToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export const tokenHash = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Deterministic, real-looking salt seed for a username that has no account. */
export const standInSeed = (secret: Uint8Array, username: string): Buffer =>
  createHmac('sha256', secret).update(username).digest();

/** NFC and lower case: one account per name however it is typed. */
export const normaliseUsername = (username: string): string => username.normalize('NFC').toLowerCase();
