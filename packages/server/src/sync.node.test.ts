// Sync on a real server, on PGlite and on PostgreSQL: push/pull exactness, conflicts and
// idempotent retries, the live stream, the checkpoint race (with a global-sequence control
// that misses rows), and two server processes serving one account.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';

import { createServer as netServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BACKENDS, startBackend, type Backend } from './testing/backends.js';
import { item, logIn, signUp } from './testing/accounts.js';
import { call, startServer, type TestServer } from './testing/server.js';

interface PulledDoc {
  id: string;
  rev: number;
  deleted: boolean;
  writeId: string;
  payload: string;
  seq: number;
}

/** Pulls every page after `since`; returns the documents and the final checkpoint. */
async function pullAll(url: string, token: string, since = 0, limit = 100) {
  const docs: PulledDoc[] = [];
  for (;;) {
    const res = await call(url, 'GET', `/v1/sync/pull?since=${since}&limit=${limit}`, { token });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    docs.push(...res.body.documents);
    since = res.body.checkpoint.seq;
    if (!res.body.hasMore) return { docs, since };
  }
}

/** Reads a `fetch` SSE body, collecting `data:` lines. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${url}/v1/sync/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const events: string[] = [];
  let ended = false;
  const done = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = res.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(line.slice(6));
        }
      }
    } catch {
      // aborted
    }
    ended = true;
  })();
  const waitFor = async (predicate: () => boolean, what: string) => {
    for (let i = 0; i < 200 && !predicate(); i++) await sleep(25);
    assert.ok(predicate(), `timed out waiting for ${what}; events: ${events.join(', ')}`);
  };
  return { events, waitFor, isEnded: () => ended, close: () => (controller.abort(), done) };
}

for (const kind of BACKENDS) {
  describe(`sync on ${kind}`, () => {
    let backend: Backend;
    let server: TestServer;
    let url: string;
    before(async () => {
      backend = await startBackend(kind);
      server = await startServer(backend);
      url = server.url;
    });
    after(async () => {
      await server?.close();
      await backend?.stop();
    });

    test('push then pull returns every entry exactly once, in order, byte for byte', async () => {
      const { token } = await signUp(url);
      const sent = new Map<string, ReturnType<typeof item>>();
      for (let batch = 0; batch < 3; batch++) {
        const items = Array.from({ length: batch === 2 ? 50 : 100 }, (_, i) =>
          item(`e${batch}-${i}`, 1, { size: 28 + ((i * 37) % 900) }),
        );
        items.forEach((it) => sent.set(it.doc.id, it));
        const res = await call(url, 'POST', '/v1/sync/push', { token, body: { items } });
        assert.deepEqual(res.body, { conflicts: [] });
      }
      const { docs, since } = await pullAll(url, token, 0, 70);
      assert.equal(docs.length, 250);
      assert.equal(new Set(docs.map((d) => d.id)).size, 250);
      for (let i = 1; i < docs.length; i++) assert.ok(docs[i]!.seq > docs[i - 1]!.seq);
      for (const d of docs) {
        const s = sent.get(d.id)!.doc;
        assert.deepEqual([d.rev, d.deleted, d.payload, d.writeId], [1, false, s.payload, s.writeId]);
      }
      // nothing new: an empty page at the same checkpoint
      const empty = await call(url, 'GET', `/v1/sync/pull?since=${since}`, { token });
      assert.deepEqual(empty.body, { documents: [], checkpoint: { seq: since }, hasMore: false });
      // an edit and a delete come back once more, after the checkpoint, with their new revs
      const edit = item('e0-1', 2);
      const del = item('e0-2', 2, { deleted: true });
      assert.deepEqual(
        (await call(url, 'POST', '/v1/sync/push', { token, body: { items: [edit, del] } })).body,
        { conflicts: [] },
      );
      const next = await pullAll(url, token, since);
      assert.deepEqual(
        next.docs.map((d) => [d.id, d.rev, d.deleted, d.payload]),
        [
          ['e0-1', 2, false, edit.doc.payload],
          ['e0-2', 2, true, del.doc.payload],
        ],
      );
    });

    test('conflicts return the server’s version; a retried push is idempotent', async () => {
      const { token } = await signUp(url);
      const first = item('c1');
      await call(url, 'POST', '/v1/sync/push', { token, body: { items: [first, item('c2')] } });
      const { since } = await pullAll(url, token);
      // the same push again (its answer was lost): no conflict, nothing new to pull
      assert.deepEqual((await call(url, 'POST', '/v1/sync/push', { token, body: { items: [first] } })).body, {
        conflicts: [],
      });
      assert.equal((await pullAll(url, token, since)).docs.length, 0);
      // two devices edit c1 from rev 1: the first wins, the second gets the stored rev 2
      const mine = item('c1', 2);
      const theirs = item('c1', 2);
      assert.deepEqual((await call(url, 'POST', '/v1/sync/push', { token, body: { items: [mine] } })).body, {
        conflicts: [],
      });
      const lost = await call(url, 'POST', '/v1/sync/push', { token, body: { items: [theirs, item('c3')] } });
      assert.equal(lost.status, 200);
      assert.deepEqual(lost.body.conflicts, [
        { id: 'c1', rev: 2, deleted: false, keyId: 0, writeId: mine.doc.writeId, payload: mine.doc.payload },
      ]);
      // a "new" entry whose id exists never overwrites it
      const dup = await call(url, 'POST', '/v1/sync/push', { token, body: { items: [item('c2')] } });
      assert.equal(dup.body.conflicts.length, 1);
      assert.equal(dup.body.conflicts[0].rev, 1);
      // retrying the winning push after another write still answers ok, and changes nothing
      assert.deepEqual((await call(url, 'POST', '/v1/sync/push', { token, body: { items: [mine] } })).body, {
        conflicts: [],
      });
      const all = await pullAll(url, token);
      assert.deepEqual(all.docs.map((d) => [d.id, d.rev, d.writeId]).sort(), [
        ['c1', 2, mine.doc.writeId],
        ['c2', 1, all.docs.find((d) => d.id === 'c2')!.writeId],
        ['c3', 1, all.docs.find((d) => d.id === 'c3')!.writeId],
      ]);
    });

    test('the stream says RESYNC on connect and after each push, and closes when the session ends', async () => {
      const a = await signUp(url);
      const other = (await logIn(url, a)).body;
      const stranger = await signUp(url);
      const stream = await openStream(url, a.token);
      await stream.waitFor(() => stream.events.length === 1, 'the first RESYNC');
      assert.equal(stream.events[0], 'RESYNC 0');
      await call(url, 'POST', '/v1/sync/push', {
        token: other.token,
        body: { items: [item('s1'), item('s2')] },
      });
      await stream.waitFor(() => stream.events.length === 2, 'RESYNC after a push');
      assert.equal(stream.events[1], 'RESYNC 2');
      await call(url, 'POST', '/v1/sync/push', { token: stranger.token, body: { items: [item('s1')] } });
      await sleep(200);
      assert.equal(stream.events.length, 2, 'another account’s push is not announced here');
      await call(url, 'POST', '/v1/auth/logout-all', { token: other.token });
      await stream.waitFor(stream.isEnded, 'the stream to close after log out everywhere');
      await stream.close();
    });

    test('checkpoint race: 8 concurrent writers, one incremental reader, 0 missed', async () => {
      // A 0–5 ms pause before each COMMIT widens the window in which a reader could pass
      // a number whose row is not committed yet.
      const racy = await startServer(
        backend,
        {},
        { beforeCommit: () => sleep(Math.random() * 5) },
        server.db,
      );
      try {
        const { token } = await signUp(racy.url);
        const seen = new Set<string>();
        let writing = true;
        let since = 0;
        const reader = (async () => {
          while (writing) {
            const page = await pullAll(racy.url, token, since, 500);
            page.docs.forEach((d) => seen.add(d.id));
            since = page.since;
          }
          const rest = await pullAll(racy.url, token, since, 500);
          rest.docs.forEach((d) => seen.add(d.id));
        })();
        await Promise.all(
          Array.from({ length: 8 }, async (_, w) => {
            for (let b = 0; b < 30; b++) {
              const items = Array.from({ length: 5 }, (_, i) => item(`w${w}-${b}-${i}`, 1, { size: 64 }));
              const res = await call(racy.url, 'POST', '/v1/sync/push', { token, body: { items } });
              assert.deepEqual(res.body, { conflicts: [] });
            }
          }),
        );
        writing = false;
        await reader;
        const total = (await pullAll(racy.url, token)).docs.length;
        assert.equal(total, 1200);
        assert.equal(1200 - seen.size, 0, 'entries the incremental reader missed');
      } finally {
        await racy.close();
      }
    });

    test('control: the same race with a global sequence misses rows', async (t) => {
      if (kind === 'pglite')
        return t.skip('PGlite runs one transaction at a time, so there is no race to show');
      const db = server.db;
      await db.exec(
        `CREATE SEQUENCE race_seq; CREATE TABLE race_global (id text PRIMARY KEY, seq bigint NOT NULL DEFAULT nextval('race_seq'))`,
      );
      const seen = new Set<string>();
      let writing = true;
      let since = 0;
      const reader = (async () => {
        while (writing) {
          const { rows } = await db.query<{ id: string; seq: number }>(
            'SELECT id, seq FROM race_global WHERE seq > $1 ORDER BY seq',
            [since],
          );
          rows.forEach((r) => seen.add(r.id));
          since = rows.at(-1)?.seq ?? since;
        }
        const { rows } = await db.query<{ id: string }>('SELECT id FROM race_global WHERE seq > $1', [since]);
        rows.forEach((r) => seen.add(r.id));
      })();
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let b = 0; b < 30; b++) {
            await db.transaction(async (tx) => {
              for (let i = 0; i < 5; i++)
                await tx.query('INSERT INTO race_global (id) VALUES ($1)', [`w${w}-${b}-${i}`]);
              await sleep(Math.random() * 5);
            });
          }
        }),
      );
      writing = false;
      await reader;
      const missed = 1200 - seen.size;
      t.diagnostic(`global sequence: the reader missed ${missed} of 1200`);
      assert.ok(missed > 0, 'the control should miss rows; if not, the race test proves nothing here');
    });
  });
}

/** A free TCP port on 127.0.0.1. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('two server processes on one PostgreSQL', () => {
  let backend: Backend;
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  before(async () => {
    backend = await startBackend('postgres');
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const child = spawn(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', new URL('./main.ts', import.meta.url).pathname],
        {
          env: {
            ...process.env,
            DATABASE_URL: backend.databaseUrl,
            PORT: String(port),
            LOG_LEVEL: 'warn',
            SHUTDOWN_GRACE_SECONDS: '1',
            TRUST_PROXY: 'true',
          },
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      );
      children.push(child);
      urls.push(`http://127.0.0.1:${port}`);
    }
    for (const url of urls) {
      for (let i = 0; i < 300; i++) {
        const ready = await call(url, 'GET', '/ready').catch(() => undefined);
        if (ready?.status === 200) break;
        await sleep(100);
      }
    }
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await backend?.stop();
  });

  test('one account through both stays exact: every entry once, one winner per contested edit, streams across processes', async () => {
    const [a, b] = urls as [string, string];
    const account = await signUp(a);
    const other = (await logIn(b, account)).body;
    const stream = await openStream(a, account.token);
    await stream.waitFor(() => stream.events.length === 1, 'the first RESYNC');
    // 4 devices' worth of writers, two per process, 200 entries each
    const sessions = [
      account.token,
      other.token,
      (await logIn(a, account)).body.token,
      (await logIn(b, account)).body.token,
    ];
    await Promise.all(
      sessions.map(async (token, d) => {
        for (let batch = 0; batch < 20; batch++) {
          const items = Array.from({ length: 10 }, (_, i) => item(`d${d}-${batch}-${i}`));
          const res = await call(urls[d % 2]!, 'POST', '/v1/sync/push', { token, body: { items } });
          assert.deepEqual(res.body, { conflicts: [] });
        }
      }),
    );
    await stream.waitFor(() => stream.events.length > 1, 'RESYNC from pushes through the other process');
    // both processes edit the same 100 entries from rev 1 at once: exactly one wins each
    const ids = Array.from({ length: 100 }, (_, i) => `d0-${Math.floor(i / 10)}-${i % 10}`);
    const edits = [ids.map((id) => item(id, 2)), ids.map((id) => item(id, 2))];
    const answers = await Promise.all(
      edits.map(async (items, side) => {
        const conflicts: string[] = [];
        for (let i = 0; i < items.length; i += 10) {
          const res = await call(urls[side]!, 'POST', '/v1/sync/push', {
            token: sessions[side]!,
            body: { items: items.slice(i, i + 10) },
          });
          conflicts.push(...res.body.conflicts.map((c: { id: string }) => c.id));
        }
        return new Set(conflicts);
      }),
    );
    const [fromA, fromB] = [await pullAll(a, account.token), await pullAll(b, other.token)];
    assert.deepEqual(fromA.docs, fromB.docs);
    assert.equal(fromA.docs.length, 800);
    assert.equal(new Set(fromA.docs.map((d) => d.id)).size, 800);
    for (const [i, id] of ids.entries()) {
      const stored = fromA.docs.find((d) => d.id === id)!;
      assert.equal(stored.rev, 2);
      const winner = stored.writeId === edits[0]![i]!.doc.writeId ? 0 : 1;
      assert.equal(stored.writeId, edits[winner]![i]!.doc.writeId);
      assert.ok(!answers[winner]!.has(id) && answers[1 - winner]!.has(id), `one winner for ${id}`);
    }
    await stream.close();
    // graceful shutdown: SIGTERM ends each process cleanly
    const exits = children.map(
      (c) => new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code))),
    );
    children.forEach((c) => c.kill('SIGTERM'));
    assert.deepEqual(await Promise.all(exits), [0, 0]);
  });
});
