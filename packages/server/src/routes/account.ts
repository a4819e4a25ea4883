// The signed-in account: its devices (sessions), password change, deletion.
import type { FastifyInstance } from 'fastify';
import { ApiError, badCredentials } from '../errors.js';
import type { Services } from '../services.js';
import { object } from './auth.js';
import { b64, bundle, kdf, uuid } from './schemas.js';

interface PasswordChange {
  authKey: string;
  newSeed: string;
  newKdf: { name: string; iterations: number };
  newAuthKey: string;
  newWrappedDiaryKey: string;
  keyId?: number;
  keepOtherSessions?: boolean;
}

export function accountRoutes(app: FastifyInstance, s: Services): void {
  const bodyLimit = s.config.authBodyLimit;

  /** Checks a fresh proof of the current password for a sensitive change (ASVS 6.2.3). */
  async function proveAuthKey(accountId: string, ip: string, authKey: string): Promise<void> {
    const { rows } = await s.db.query<{ username: string; auth_hash: string }>(
      'SELECT username, auth_hash FROM accounts WHERE id = $1',
      [accountId],
    );
    const account = rows[0];
    if (!account) throw new ApiError(401, 'unauthorized', 'Log in again: no valid session.');
    await s.throttle.checkLogin(account.username, ip);
    if (!(await s.passwords.verify(account.auth_hash, Buffer.from(authKey, 'base64')))) {
      await s.throttle.loginFailed(account.username, ip);
      throw badCredentials();
    }
  }

  app.get('/v1/account/devices', async (req) => {
    const session = await s.sessions.authenticate(s.db, req.headers.authorization);
    const { rows } = await s.db.query(
      `SELECT id, device_id AS "deviceId", label, created_at AS "createdAt", last_seen_at AS "lastSeenAt",
              id = $2 AS current
       FROM sessions
       WHERE account_id = $1 AND revoked_at IS NULL AND idle_expires_at > now() AND expires_at > now()
       ORDER BY created_at`,
      [session.accountId, session.id],
    );
    return { sessions: rows };
  });

  app.delete<{ Params: { id: string } }>(
    '/v1/account/devices/:id',
    { schema: { params: object({ id: uuid }, ['id']) } },
    async (req, reply) => {
      const session = await s.sessions.authenticate(s.db, req.headers.authorization);
      const n = await s.sessions.revoke(s.db, session.accountId, { id: req.params.id });
      if (n === 0) throw new ApiError(404, 'not-found', 'No such session.');
      await s.notifyRevoked(session.accountId);
      return reply.code(204).send();
    },
  );

  app.post<{ Body: PasswordChange }>(
    '/v1/account/password',
    {
      bodyLimit,
      schema: {
        body: object(
          {
            authKey: b64(32, 32),
            newSeed: b64(16, 64),
            newKdf: kdf,
            newAuthKey: b64(32, 32),
            newWrappedDiaryKey: bundle,
            keyId: { type: 'integer', minimum: 0, maximum: 32767 },
            keepOtherSessions: { type: 'boolean' },
          },
          ['authKey', 'newSeed', 'newKdf', 'newAuthKey', 'newWrappedDiaryKey'],
        ),
      },
    },
    async (req, reply) => {
      const session = await s.sessions.authenticate(s.db, req.headers.authorization);
      const b = req.body;
      await proveAuthKey(session.accountId, req.ip, b.authKey);
      const authHash = await s.passwords.hash(Buffer.from(b.newAuthKey, 'base64'));
      await s.db.transaction(async (tx) => {
        await tx.query(
          `UPDATE accounts SET salt_seed = decode($2, 'base64'), kdf = $3, auth_hash = $4 WHERE id = $1`,
          [session.accountId, b.newSeed, JSON.stringify(b.newKdf), authHash],
        );
        await tx.query(
          `INSERT INTO key_bundles (account_id, key_id, wrapped_by, wrapped_key) VALUES ($1, $2, 'master', decode($3, 'base64'))
           ON CONFLICT (account_id, key_id, wrapped_by) DO UPDATE SET wrapped_key = excluded.wrapped_key`,
          [session.accountId, b.keyId ?? 0, b.newWrappedDiaryKey],
        );
        // Other sessions end by default (ASVS 7.4.3); this one goes on.
        if (!b.keepOtherSessions) await s.sessions.revoke(tx, session.accountId, { except: session.id });
      });
      await s.notifyRevoked(session.accountId);
      return reply.code(204).send();
    },
  );

  app.delete<{ Body: { authKey: string } }>(
    '/v1/account',
    { bodyLimit, schema: { body: object({ authKey: b64(32, 32) }, ['authKey']) } },
    async (req, reply) => {
      const session = await s.sessions.authenticate(s.db, req.headers.authorization);
      await proveAuthKey(session.accountId, req.ip, req.body.authKey);
      await s.db.query('DELETE FROM accounts WHERE id = $1', [session.accountId]); // cascades to everything
      await s.notifyRevoked(session.accountId);
      return reply.code(204).send();
    },
  );
}
