// The server learns nothing: two devices with a client that encrypts as the design says
// sync a diary; then every table and every log line is searched for the diary's words,
// the passphrase and the keys, in clear, base64 and hex.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, startBackend, type Backend } from './testing/backends.js';
import {
  deriveKeys,
  openEntry,
  paddedSize,
  sealEntry,
  unwrapDiaryKey,
  wrapDiaryKey,
} from './testing/client.js';
import { call, freshIp, startServer, type TestServer } from './testing/server.js';

interface Entry {
  date: string;
  label: string;
  note: string;
  tags: string[];
}

const LABELS = ['happy', 'sad', 'angry', 'fearful', 'surprised', 'neutral'];
const entries: Entry[] = Array.from({ length: 40 }, (_, i) => ({
  date: `2026-0${1 + (i % 9)}-1${i % 10}`,
  label: LABELS[i % LABELS.length]!,
  note: `${['walked by the river with Minji', '비 오는 날 혼자 커피를 마셨다', 'argued about the rent again'][i % 3]} #${i} ${randomUUID()}`,
  tags: [`tag-${['work', 'family', '산책'][i % 3]}`, `secret-tag-${i}`],
}));

/** Every way a secret could show: UTF-8, hex, and base64 at each of the three byte alignments. */
function encodings(secret: Buffer | string): string[] {
  const bytes = Buffer.isBuffer(secret) ? secret : Buffer.from(secret);
  const out = [bytes.toString('hex'), bytes.toString('base64url')];
  if (!Buffer.isBuffer(secret)) out.push(secret);
  for (let shift = 0; shift < 3; shift++) {
    const b64 = bytes.subarray(shift).toString('base64');
    out.push(b64.slice(4, -4)); // inner characters do not depend on what surrounds the bytes
  }
  return out.filter((s) => s.length >= 8);
}

function entropy(bytes: Buffer): number {
  const counts = new Array<number>(256).fill(0);
  for (const b of bytes) counts[b]! += 1;
  return -counts.reduce((h, c) => (c ? h + (c / bytes.length) * Math.log2(c / bytes.length) : h), 0);
}

test('the server code cannot decrypt: no decipher call outside the test client', () => {
  const dir = new URL('./', import.meta.url);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.startsWith('testing') && !f.endsWith('.test.ts'),
  );
  assert.ok(files.length > 10);
  for (const f of files)
    assert.doesNotMatch(readFileSync(new URL(f, dir), 'utf8'), /decipher|decrypt|subtle/i, f);
});

for (const kind of BACKENDS) {
  describe(`the server learns nothing on ${kind}`, () => {
    let backend: Backend;
    let server: TestServer;
    before(async () => {
      backend = await startBackend(kind);
      server = await startServer(backend);
    });
    after(async () => {
      await server?.close();
      await backend?.stop();
    });

    test('two devices sync an encrypted diary; tables and logs hold no word, passphrase or key', async () => {
      const url = server.url;
      const username = `minji${randomUUID().slice(0, 6)}`;
      const passphrase = 'correct horse battery staple 산책';
      // device 1 signs up
      const seed = randomBytes(32);
      const keys1 = deriveKeys(passphrase, username, seed);
      const diaryKey = randomBytes(32);
      const signup = await call(url, 'POST', '/v1/auth/signup', {
        ip: freshIp(),
        body: {
          username,
          seed: seed.toString('base64'),
          kdf: { name: 'PBKDF2-SHA256', iterations: 600_000 },
          authKey: keys1.authKey.toString('base64'),
          wrappedDiaryKey: wrapDiaryKey(keys1.master, diaryKey, username).toString('base64'),
          label: 'phone',
        },
      });
      assert.equal(signup.status, 201);
      const { accountId, token } = signup.body;
      const ids = entries.map(() => randomUUID());
      const items = entries.map((e, i) => ({
        assumed: null,
        doc: {
          id: ids[i]!,
          rev: 1,
          deleted: false,
          keyId: 0,
          writeId: randomUUID(),
          payload: sealEntry(diaryKey, accountId, ids[i]!, 1, false, e).toString('base64'),
        },
      }));
      assert.deepEqual((await call(url, 'POST', '/v1/sync/push', { token, body: { items } })).body, {
        conflicts: [],
      });

      // device 2 knows only the username and passphrase
      const params = await call(url, 'POST', '/v1/auth/params', { body: { username } });
      const keys2 = deriveKeys(
        passphrase,
        username,
        Buffer.from(params.body.seed, 'base64'),
        params.body.kdf.iterations,
      );
      const login = await call(url, 'POST', '/v1/auth/login', {
        ip: freshIp(),
        body: { username, authKey: keys2.authKey.toString('base64') },
      });
      assert.equal(login.status, 200);
      const key2 = unwrapDiaryKey(keys2.master, Buffer.from(login.body.wrappedDiaryKey, 'base64'), username);
      assert.ok(key2.equals(diaryKey));
      const pulled = await call(url, 'GET', '/v1/sync/pull?since=0&limit=500', { token: login.body.token });
      const diary = new Map<string, Entry>();
      for (const d of pulled.body.documents)
        diary.set(
          d.id,
          openEntry<Entry>(key2, accountId, d.id, d.rev, d.deleted, Buffer.from(d.payload, 'base64')),
        );
      assert.deepEqual(
        ids.map((id) => diary.get(id)),
        entries,
      );

      // a blob moved to another id or rev no longer opens: the server cannot swap or replay
      const moved = Buffer.from(pulled.body.documents[0].payload, 'base64');
      assert.throws(() => openEntry(key2, accountId, pulled.body.documents[1].id, 1, false, moved));
      assert.throws(() => openEntry(key2, accountId, pulled.body.documents[0].id, 2, false, moved));

      // dump every table, every column, as PostgreSQL prints it (bytea as hex)
      const tables = await server.db.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      );
      let dump = '';
      for (const { name } of tables.rows) {
        const { rows } = await server.db.query<{ row: string }>(
          `SELECT row_to_json(t)::text AS row FROM "${name}" t`,
        );
        dump += rows.map((r) => r.row).join('\n');
      }
      const logs = server.logs.join('');
      assert.ok(dump.includes(username) && dump.length > 40 * 512, 'the dump holds the data');
      assert.ok(logs.includes('/v1/sync/push'), 'the logs hold the requests');

      const secrets: [string, Buffer | string][] = [
        ['passphrase', passphrase],
        ['master key', keys1.master],
        ['diary key', diaryKey],
        ['server password', keys1.authKey],
        ['login token', token],
        ...LABELS.map((l): [string, string] => [`label ${l}`, `"${l}"`]),
        ...entries.flatMap((e, i): [string, string][] => [
          [`note ${i}`, e.note],
          ...e.tags.map((t): [string, string] => [`tag ${t}`, t]),
        ]),
      ];
      for (const [what, secret] of secrets) {
        for (const form of encodings(secret)) {
          assert.ok(!dump.includes(form), `${what} found in the tables as ${form}`);
          assert.ok(!logs.includes(form), `${what} found in the logs as ${form}`);
        }
      }

      // what is stored looks random and sized by bucket only
      const payloads = pulled.body.documents.map((d: { payload: string }) =>
        Buffer.from(d.payload, 'base64'),
      );
      assert.ok(entropy(Buffer.concat(payloads)) > 7.9);
      for (const p of payloads) assert.equal(p.length, paddedSize(p.length - 28) + 28);
    });
  });
}
