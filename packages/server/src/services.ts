// What the routes share: configuration, database, hashing, sessions, throttling, streams.
import type { ServerConfig } from './config.js';
import type { Db } from './db.js';
import { Passwords } from './secrets.js';
import { Sessions } from './sessions.js';
import { REVOKED, StreamHub } from './stream.js';
import { Throttle } from './throttle.js';

/** Test seams inside the push transaction (crash and race tests); unset in production. */
export interface Hooks {
  beforeCommit?: () => Promise<void>;
}

export interface Services {
  config: ServerConfig;
  db: Db;
  passwords: Passwords;
  sessions: Sessions;
  throttle: Throttle;
  hub: StreamHub;
  hooks: Hooks;
  unknownUserSecret: Uint8Array;
  defaultKdf: { name: 'PBKDF2-SHA256'; iterations: number };
  /** Tells every process to close the streams of sessions just ended. */
  notifyRevoked(accountId: string): Promise<void>;
}

export async function createServices(config: ServerConfig, db: Db, hooks: Hooks = {}): Promise<Services> {
  const secret = await db.query<{ value: string }>(
    `SELECT encode(value, 'hex') AS value FROM server_secrets WHERE name = 'unknown-user-seed'`,
  );
  const sessions = new Sessions(config);
  const hub = new StreamHub();
  await hub.start(db, async (ids) => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM sessions WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL AND expires_at > now()`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  });
  return {
    config,
    db,
    passwords: new Passwords(config.argon2),
    sessions,
    throttle: new Throttle(db, config),
    hub,
    hooks,
    unknownUserSecret: Buffer.from(secret.rows[0]!.value, 'hex'),
    defaultKdf: { name: 'PBKDF2-SHA256', iterations: 600_000 },
    notifyRevoked: async (accountId) => {
      await db.query('SELECT pg_notify($1, $2)', [REVOKED, accountId]);
    },
  };
}
