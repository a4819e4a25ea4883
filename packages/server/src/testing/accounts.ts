// Accounts for tests that are not about the client's key derivation: random server passwords.
import { randomBytes, randomUUID } from 'node:crypto';
import { call, freshIp } from './server.js';

export interface TestAccount {
  username: string;
  authKey: string;
  token: string;
  accountId: string;
  sessionId: string;
  deviceId: string;
}

export const KDF = { name: 'PBKDF2-SHA256', iterations: 600_000 };

export async function signUp(url: string, username = `u${randomUUID().slice(0, 12)}`): Promise<TestAccount> {
  const authKey = randomBytes(32).toString('base64');
  const res = await call(url, 'POST', '/v1/auth/signup', {
    ip: freshIp(),
    body: {
      username,
      seed: randomBytes(32).toString('base64'),
      kdf: KDF,
      authKey,
      wrappedDiaryKey: randomBytes(60).toString('base64'),
    },
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { username, authKey, ...res.body };
}

export async function logIn(url: string, account: { username: string; authKey: string }, ip = freshIp()) {
  return call(url, 'POST', '/v1/auth/login', {
    ip,
    body: { username: account.username, authKey: account.authKey },
  });
}

/** A push item for a new entry (or the next rev of one) with an opaque payload of `size` bytes. */
export function item(
  id: string,
  rev = 1,
  options: { deleted?: boolean; size?: number; writeId?: string } = {},
) {
  return {
    assumed: rev === 1 ? null : { rev: rev - 1 },
    doc: {
      id,
      rev,
      deleted: options.deleted ?? false,
      keyId: 0,
      writeId: options.writeId ?? randomUUID(),
      payload: randomBytes(options.size ?? 284).toString('base64'),
    },
  };
}
