// Sync (design §4): pull by checkpoint, push with the assumed server state, and a
// stream that tells clients to pull. Payloads are opaque: never parsed, only stored.
import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';
import type { Services } from '../services.js';
import { CHANGES } from '../stream.js';
import { object } from './auth.js';
import { b64, uuid } from './schemas.js';

/** AES-GCM of a padded entry: 12-byte IV + at most 256 KiB + 16-byte tag. */
const MAX_PAYLOAD = 256 * 1024 + 28;
const MIN_PAYLOAD = 28;
const MAX_PUSH_ITEMS = 100;
const MAX_PULL = 1000;

export interface Doc {
  id: string;
  rev: number;
  deleted: boolean;
  keyId: number;
  writeId: string;
  payload: string;
}
interface PushItem {
  assumed: { rev: number } | null;
  doc: Doc;
}

const docSchema = object(
  {
    id: { type: 'string', minLength: 1, maxLength: 128 },
    rev: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    deleted: { type: 'boolean' },
    keyId: { type: 'integer', minimum: 0, maximum: 32767 },
    writeId: uuid,
    payload: b64(MIN_PAYLOAD, MAX_PAYLOAD),
  },
  ['id', 'rev', 'deleted', 'keyId', 'writeId', 'payload'],
);
const pushSchema = object(
  {
    items: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_PUSH_ITEMS,
      items: object(
        {
          assumed: {
            anyOf: [
              { type: 'null' },
              object({ rev: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } }, ['rev']),
            ],
          },
          doc: docSchema,
        },
        ['assumed', 'doc'],
      ),
    },
  },
  ['items'],
);

const DOC_COLUMNS = `id, rev, deleted, key_id AS "keyId", write_id AS "writeId", replace(encode(payload, 'base64'), chr(10), '') AS payload`;

export function syncRoutes(app: FastifyInstance, s: Services): void {
  app.get<{ Querystring: { since: number; limit: number } }>(
    '/v1/sync/pull',
    {
      schema: {
        querystring: object(
          {
            since: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
            limit: { type: 'integer', minimum: 1, maximum: MAX_PULL, default: 200 },
          },
          [],
        ),
      },
    },
    async (req) => {
      const session = await s.sessions.authenticate(s.db, req.headers.authorization);
      const { since, limit } = req.query;
      // the clean-up mark and the page in one round trip
      const { rows } = await s.db.query<{ gc: number; doc: (Doc & { seq: number }) | null }>(
        `SELECT a.gc_seq AS gc, CASE WHEN e.id IS NULL THEN NULL ELSE row_to_json(e) END AS doc
         FROM accounts a LEFT JOIN LATERAL (
           SELECT ${DOC_COLUMNS}, change_seq AS seq FROM entries
           WHERE account_id = a.id AND change_seq > $2 ORDER BY change_seq LIMIT $3
         ) e ON true
         WHERE a.id = $1`,
        [session.accountId, since, limit],
      );
      if (since > 0 && since < (rows[0]?.gc ?? 0))
        throw new ApiError(
          410,
          'checkpoint-gone',
          'Deleted entries were cleaned up since this checkpoint; pull from 0.',
        );
      const documents = rows.flatMap((r) => (r.doc ? [r.doc] : []));
      const seq = documents.at(-1)?.seq ?? since;
      // for tombstone clean-up: how far each device has read (a write only when it moved)
      await s.db.query(
        `UPDATE devices SET last_pulled_seq = $3, last_seen_at = now()
         WHERE account_id = $1 AND device_id = $2 AND last_pulled_seq < $3`,
        [session.accountId, session.deviceId, seq],
      );
      return { documents, checkpoint: { seq }, hasMore: documents.length === limit };
    },
  );

  app.post<{ Body: { items: PushItem[] } }>(
    '/v1/sync/push',
    { bodyLimit: s.config.pushBodyLimit, schema: { body: pushSchema } },
    async (req) => {
      const session = await s.sessions.authenticate(s.db, req.headers.authorization);
      const items = req.body.items;
      for (const { assumed, doc } of items) {
        if (doc.rev !== (assumed?.rev ?? 0) + 1)
          throw new ApiError(400, 'bad-rev', `Entry ${doc.id}: rev must be the assumed rev + 1.`);
        // the schema bounds the text; this bounds the bytes exactly
        const bytes = Buffer.byteLength(doc.payload, 'base64');
        if (bytes < MIN_PAYLOAD || bytes > MAX_PAYLOAD)
          throw new ApiError(
            400,
            'bad-request',
            `Entry ${doc.id}: payload must be ${MIN_PAYLOAD}..${MAX_PAYLOAD} bytes.`,
          );
      }
      if (new Set(items.map((i) => i.doc.id)).size !== items.length)
        throw new ApiError(400, 'bad-request', 'An entry appears twice in one push.');
      return s.db.transaction(async (tx) => {
        // One statement: take n numbers from the account's counter (the UPDATE holds the
        // account row's lock until COMMIT, so whoever holds seq N commits before anyone takes
        // N+1), write the rows whose stored rev is the assumed one, and NOTIFY if any landed
        // (identical notifications in one transaction are delivered once, after COMMIT).
        const docs = items.map((i) => i.doc);
        const written = await tx.query<{ id: string }>(
          `WITH bump AS (
             UPDATE accounts SET change_seq = change_seq + $2 WHERE id = $1 RETURNING change_seq - $2 AS base, change_seq
           ), landed AS (
             INSERT INTO entries AS e (account_id, id, rev, change_seq, deleted, key_id, write_id, payload)
             SELECT $1, t.id, t.rev, bump.base + t.n, t.deleted, t.key_id, t.write_id::uuid, decode(t.payload, 'base64')
             FROM bump, unnest($3::text[], $4::bigint[], $5::boolean[], $6::smallint[], $7::text[], $8::text[])
               WITH ORDINALITY AS t(id, rev, deleted, key_id, write_id, payload, n)
             ON CONFLICT (account_id, id) DO UPDATE SET rev = excluded.rev, change_seq = excluded.change_seq,
               deleted = excluded.deleted, key_id = excluded.key_id, write_id = excluded.write_id, payload = excluded.payload
             WHERE e.rev = excluded.rev - 1 -- the assumed rev; 0 for a new entry, so a stored one is never overwritten
             RETURNING id
           )
           SELECT landed.id, pg_notify($9, $1 || ':' || bump.change_seq) FROM landed, bump`,
          [
            session.accountId,
            items.length,
            docs.map((d) => d.id),
            docs.map((d) => d.rev),
            docs.map((d) => d.deleted),
            docs.map((d) => d.keyId),
            docs.map((d) => d.writeId),
            docs.map((d) => d.payload),
            CHANGES,
          ],
        );
        const done = new Set(written.rows.map((r) => r.id));
        const rest = docs.filter((d) => !done.has(d.id));
        const conflicts: Doc[] = [];
        if (rest.length > 0) {
          const stored = await tx.query<Doc>(
            `SELECT ${DOC_COLUMNS} FROM entries WHERE account_id = $1 AND id = ANY($2::text[])`,
            [session.accountId, rest.map((d) => d.id)],
          );
          const byId = new Map(stored.rows.map((r) => [r.id, r]));
          for (const d of rest) {
            const master = byId.get(d.id)!;
            // The same write already stored: a retried push whose first answer was lost.
            if (master.writeId !== d.writeId.toLowerCase() || master.rev !== d.rev) conflicts.push(master);
          }
        }
        await s.hooks.beforeCommit?.();
        return { conflicts };
      });
    },
  );

  app.get('/v1/sync/stream', async (req, reply) => {
    const session = await s.sessions.authenticate(s.db, req.headers.authorization);
    const { rows } = await s.db.query<{ seq: number }>(
      'SELECT change_seq AS seq FROM accounts WHERE id = $1',
      [session.accountId],
    );
    reply.hijack(); // a long-lived response written by hand; headers set by hooks (CORS, helmet) go with it
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    s.hub.open(session.accountId, session.id, reply.raw, rows[0]?.seq ?? 0);
  });
}
