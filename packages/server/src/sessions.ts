// Bearer sessions: the token goes to the device once; the server keeps its SHA-256,
// an idle expiry pushed forward on use, and an absolute expiry.
import type { ServerConfig } from './config.js';
import type { Queryable } from './db.js';
import { unauthorized } from './errors.js';
import { newToken, tokenHash } from './secrets.js';

export interface Session {
  id: string;
  accountId: string;
  deviceId: string;
}

export class Sessions {
  constructor(private readonly config: Pick<ServerConfig, 'sessionIdleSeconds' | 'sessionMaxSeconds'>) {}

  async create(
    db: Queryable,
    accountId: string,
    deviceId: string,
    label: string,
  ): Promise<{ token: string; id: string }> {
    const { token, hash } = newToken();
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO sessions (token_hash, account_id, device_id, label, idle_expires_at, expires_at)
       VALUES (decode($1, 'hex'), $2, $3, $4, now() + make_interval(secs => $5), now() + make_interval(secs => $6))
       RETURNING id`,
      [
        hash.toString('hex'),
        accountId,
        deviceId,
        label,
        this.config.sessionIdleSeconds,
        this.config.sessionMaxSeconds,
      ],
    );
    await db.query(
      `INSERT INTO devices (account_id, device_id) VALUES ($1, $2)
       ON CONFLICT (account_id, device_id) DO UPDATE SET last_seen_at = now()`,
      [accountId, deviceId],
    );
    return { token, id: rows[0]!.id };
  }

  /** The live session behind an `Authorization: Bearer` header, or 401. */
  async authenticate(db: Queryable, header: string | undefined): Promise<Session> {
    const token = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header ?? '')?.[1];
    if (!token) throw unauthorized();
    const hash = tokenHash(token).toString('hex');
    const { rows } = await db.query<Session & { stale: boolean }>(
      `SELECT id, account_id AS "accountId", device_id AS "deviceId", last_seen_at < now() - interval '1 minute' AS stale
       FROM sessions
       WHERE token_hash = decode($1, 'hex') AND revoked_at IS NULL AND idle_expires_at > now() AND expires_at > now()`,
      [hash],
    );
    // Renewing the idle expiry is a write: once a minute per session is enough.
    if (rows[0]?.stale)
      await db.query(
        `UPDATE sessions SET last_seen_at = now(), idle_expires_at = now() + make_interval(secs => $2)
         WHERE token_hash = decode($1, 'hex')`,
        [hash, this.config.sessionIdleSeconds],
      );
    if (!rows[0]) throw unauthorized();
    const { id, accountId, deviceId } = rows[0];
    return { id, accountId, deviceId };
  }

  /** Ends sessions of an account: one by id, or all but `except` (none when omitted). */
  async revoke(
    db: Queryable,
    accountId: string,
    which: { id: string } | { except?: string },
  ): Promise<number> {
    const { rows } =
      'id' in which
        ? await db.query(
            `UPDATE sessions SET revoked_at = now() WHERE account_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`,
            [accountId, which.id],
          )
        : await db.query(
            `UPDATE sessions SET revoked_at = now()
             WHERE account_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2::uuid RETURNING id`,
            [accountId, which.except ?? null],
          );
    return rows.length;
  }
}
