// One small database interface over node-postgres (DATABASE_URL) and embedded PGlite
// (a data folder), so every query and migration is the same SQL on both.
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Calls `fn` with each NOTIFY payload on `channel`; resolves to an unsubscribe function. */
  listen(channel: string, fn: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const INT8 = 20; // bigint counters stay below 2^53: read them as numbers on both drivers

export interface DbOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize: number;
}

export function openDb(options: DbOptions): Promise<Db> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize)
    : openPglite(options.dataDir);
}

async function openPostgres(connectionString: string, max: number): Promise<Db> {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === INT8 ? Number : pg.types.getTypeParser(oid, format),
  };
  const pool = new pg.Pool({ connectionString, max, types });
  pool.on('error', () => {}); // an idle client lost its server: the next checkout reconnects
  let listener: pg.Client | undefined;
  const handlers = new Map<string, Set<(payload: string) => void>>();

  return {
    kind: 'postgres',
    query: async (text, params) => pool.query(text, params) as never,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async (text, params) => client.query(text, params) as never });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async listen(channel, fn) {
      // One direct connection per process carries every LISTEN (a pooler cannot).
      if (!listener) {
        listener = new pg.Client({ connectionString });
        listener.on('error', () => {});
        listener.on('notification', (n) => {
          for (const handler of handlers.get(n.channel) ?? []) handler(n.payload ?? '');
        });
        await listener.connect();
      }
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(fn);
      return async () => {
        set.delete(fn);
      };
    },
    async close() {
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<Db> {
  const db = await PGlite.create(dataDir, { parsers: { [INT8]: Number } });
  return {
    kind: 'pglite',
    query: async (text, params) => db.query(text, params) as never,
    transaction: (fn) =>
      db.transaction((tx) => fn({ query: async (text, params) => tx.query(text, params) as never })),
    async exec(sql) {
      await db.exec(sql);
    },
    async listen(channel, fn) {
      const stop = await db.listen(channel, fn);
      return async () => stop();
    },
    close: () => db.close(),
  };
}
