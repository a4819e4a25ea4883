// Sign-up, log-in, log-out (design §6). Binary fields travel as base64.
import type { FastifyInstance } from 'fastify';
import { ApiError, badCredentials } from '../errors.js';
import { normaliseUsername, standInSeed } from '../secrets.js';
import type { Services } from '../services.js';
import { b64, bundle, kdf, label, username, uuid } from './schemas.js';

interface Signup {
  username: string;
  seed: string;
  kdf: { name: 'PBKDF2-SHA256'; iterations: number };
  authKey: string;
  wrappedDiaryKey: string;
  keyId?: number;
  deviceId?: string;
  label?: string;
}
interface Login {
  username: string;
  authKey: string;
  deviceId?: string;
  label?: string;
}

export function authRoutes(app: FastifyInstance, s: Services): void {
  const bodyLimit = s.config.authBodyLimit;

  app.post<{ Body: { username: string } }>(
    '/v1/auth/params',
    { bodyLimit, schema: { body: object({ username }, ['username']) } },
    async (req) => {
      const name = normaliseUsername(req.body.username);
      const { rows } = await s.db.query<{ seed: string; kdf: unknown }>(
        `SELECT replace(encode(salt_seed, 'base64'), chr(10), '') AS seed, kdf FROM accounts WHERE username = $1`,
        [name],
      );
      // Unknown names get a stable, real-looking answer (ASVS 6.3.8).
      return (
        rows[0] ?? { seed: standInSeed(s.unknownUserSecret, name).toString('base64'), kdf: s.defaultKdf }
      );
    },
  );

  app.post<{ Body: Signup }>(
    '/v1/auth/signup',
    {
      bodyLimit,
      schema: {
        body: object(
          {
            username,
            seed: b64(16, 64),
            kdf,
            authKey: b64(32, 32),
            wrappedDiaryKey: bundle,
            keyId: { type: 'integer', minimum: 0, maximum: 32767 },
            deviceId: uuid,
            label,
          },
          ['username', 'seed', 'kdf', 'authKey', 'wrappedDiaryKey'],
        ),
      },
    },
    async (req, reply) => {
      await s.throttle.signupAttempt(req.ip);
      const b = req.body;
      const authHash = await s.passwords.hash(Buffer.from(b.authKey, 'base64'));
      const deviceId = b.deviceId ?? crypto.randomUUID();
      const result = await s.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO accounts (username, salt_seed, kdf, auth_hash) VALUES ($1, decode($2, 'base64'), $3, $4)
           ON CONFLICT (username) DO NOTHING RETURNING id`,
          [normaliseUsername(b.username), b.seed, JSON.stringify(b.kdf), authHash],
        );
        const accountId = rows[0]?.id;
        if (!accountId) throw new ApiError(409, 'username-taken', 'That username is taken.');
        await tx.query(
          `INSERT INTO key_bundles (account_id, key_id, wrapped_by, wrapped_key) VALUES ($1, $2, 'master', decode($3, 'base64'))`,
          [accountId, b.keyId ?? 0, b.wrappedDiaryKey],
        );
        const session = await s.sessions.create(tx, accountId, deviceId, b.label ?? '');
        return { accountId, deviceId, token: session.token, sessionId: session.id };
      });
      return reply.code(201).send(result);
    },
  );

  app.post<{ Body: Login }>(
    '/v1/auth/login',
    {
      bodyLimit,
      schema: {
        body: object({ username, authKey: b64(32, 32), deviceId: uuid, label }, ['username', 'authKey']),
      },
    },
    async (req) => {
      const name = normaliseUsername(req.body.username);
      await s.throttle.checkLogin(name, req.ip); // 429 even for the right password
      const { rows } = await s.db.query<{ id: string; auth_hash: string }>(
        'SELECT id, auth_hash FROM accounts WHERE username = $1',
        [name],
      );
      const account = rows[0];
      if (
        !(await s.passwords.verify(account?.auth_hash, Buffer.from(req.body.authKey, 'base64'))) ||
        !account
      ) {
        await s.throttle.loginFailed(name, req.ip);
        throw badCredentials();
      }
      await s.throttle.loginSucceeded(name, req.ip);
      const deviceId = req.body.deviceId ?? crypto.randomUUID();
      const session = await s.sessions.create(s.db, account.id, deviceId, req.body.label ?? '');
      const keys = await s.db.query<{ keyId: number; wrappedDiaryKey: string }>(
        `SELECT key_id AS "keyId", replace(encode(wrapped_key, 'base64'), chr(10), '') AS "wrappedDiaryKey"
         FROM key_bundles WHERE account_id = $1 AND wrapped_by = 'master' ORDER BY key_id DESC LIMIT 1`,
        [account.id],
      );
      return {
        accountId: account.id,
        deviceId,
        token: session.token,
        sessionId: session.id,
        ...keys.rows[0],
      };
    },
  );

  app.post('/v1/auth/logout', { bodyLimit }, async (req, reply) => {
    const session = await s.sessions.authenticate(s.db, req.headers.authorization);
    await s.sessions.revoke(s.db, session.accountId, { id: session.id });
    await s.notifyRevoked(session.accountId);
    return reply.code(204).send();
  });

  app.post('/v1/auth/logout-all', { bodyLimit }, async (req, reply) => {
    const session = await s.sessions.authenticate(s.db, req.headers.authorization);
    await s.sessions.revoke(s.db, session.accountId, {});
    await s.notifyRevoked(session.accountId);
    return reply.code(204).send();
  });
}

/** A JSON-schema object that rejects unknown fields. */
export function object(properties: Record<string, unknown>, required: string[]) {
  return { type: 'object', properties, required, additionalProperties: false } as const;
}
