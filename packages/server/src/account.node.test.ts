// Accounts on a real server, on PGlite and on PostgreSQL: the whole lifecycle, isolation,
// throttling, expired and revoked sessions, and bad requests answered with typed 4xx.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BACKENDS, startBackend, type Backend } from './testing/backends.js';
import { item, KDF, logIn, signUp } from './testing/accounts.js';
import { call, freshIp, startServer, type TestServer } from './testing/server.js';

const b64 = (n: number) => randomBytes(n).toString('base64');

for (const kind of BACKENDS) {
  describe(`accounts on ${kind}`, () => {
    let backend: Backend;
    let server: TestServer;
    let url: string;
    before(async () => {
      backend = await startBackend(kind);
      server = await startServer(backend, { loginBlockSeconds: 2 });
      url = server.url;
    });
    after(async () => {
      await server?.close();
      await backend?.stop();
    });

    test('lifecycle: sign up, log in, devices, log out, password change, log out everywhere, delete', async () => {
      const username = `Ann${randomUUID().slice(0, 8)}`;
      const name = username.toLowerCase();
      // params: a stable stand-in for an unknown name, the real seed once it exists
      const unknown1 = await call(url, 'POST', '/v1/auth/params', { body: { username } });
      const unknown2 = await call(url, 'POST', '/v1/auth/params', { body: { username: name } });
      assert.equal(unknown1.status, 200);
      assert.deepEqual(unknown1.body, unknown2.body);
      assert.equal(Buffer.from(unknown1.body.seed, 'base64').length, 32);

      const seed = b64(32);
      const authKey = b64(32);
      const wrappedDiaryKey = b64(60);
      const signup = { username, seed, kdf: KDF, authKey, wrappedDiaryKey, label: 'phone' };
      const first = await call(url, 'POST', '/v1/auth/signup', { ip: freshIp(), body: signup });
      assert.equal(first.status, 201);
      const again = await call(url, 'POST', '/v1/auth/signup', {
        ip: freshIp(),
        body: { ...signup, username: name },
      });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'username-taken');
      assert.deepEqual((await call(url, 'POST', '/v1/auth/params', { body: { username: name } })).body, {
        seed,
        kdf: KDF,
      });

      const wrong = await logIn(url, { username, authKey: b64(32) });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'bad-credentials');
      const laptop = await logIn(url, { username: name, authKey });
      assert.equal(laptop.status, 200);
      assert.equal(laptop.body.accountId, first.body.accountId);
      assert.equal(laptop.body.wrappedDiaryKey, wrappedDiaryKey);
      const tablet = await logIn(url, { username, authKey });

      const devices = await call(url, 'GET', '/v1/account/devices', { token: first.body.token });
      assert.equal(devices.status, 200);
      assert.equal(devices.body.sessions.length, 3);
      assert.deepEqual(
        devices.body.sessions.map((s: { current: boolean; label: string }) => [s.label, s.current]),
        [
          ['phone', true],
          ['', false],
          ['', false],
        ],
      );
      assert.ok(!JSON.stringify(devices.body).includes(first.body.token));

      // revoke the tablet from the phone; log the laptop out by itself
      const revoked = await call(url, 'DELETE', `/v1/account/devices/${tablet.body.sessionId}`, {
        token: first.body.token,
      });
      assert.equal(revoked.status, 204);
      assert.equal((await call(url, 'GET', '/v1/account/devices', { token: tablet.body.token })).status, 401);
      assert.equal((await call(url, 'POST', '/v1/auth/logout', { token: laptop.body.token })).status, 204);
      assert.equal((await call(url, 'GET', '/v1/sync/pull', { token: laptop.body.token })).status, 401);
      assert.equal((await call(url, 'GET', '/v1/sync/pull', { token: first.body.token })).status, 200);

      // password change: proves the old key, replaces seed, hash and bundle, ends other sessions
      const other = await logIn(url, { username, authKey });
      const newAuthKey = b64(32);
      const change = { authKey, newSeed: b64(32), newKdf: KDF, newAuthKey, newWrappedDiaryKey: b64(60) };
      const bad = await call(url, 'POST', '/v1/account/password', {
        token: first.body.token,
        body: { ...change, authKey: b64(32) },
      });
      assert.equal(bad.status, 401);
      assert.equal(
        (await call(url, 'POST', '/v1/account/password', { token: first.body.token, body: change })).status,
        204,
      );
      assert.equal((await call(url, 'GET', '/v1/sync/pull', { token: other.body.token })).status, 401);
      assert.equal((await call(url, 'GET', '/v1/sync/pull', { token: first.body.token })).status, 200);
      assert.equal((await logIn(url, { username, authKey })).status, 401);
      const relog = await logIn(url, { username, authKey: newAuthKey });
      assert.equal(relog.status, 200);
      assert.equal(relog.body.wrappedDiaryKey, change.newWrappedDiaryKey);
      assert.equal(
        (await call(url, 'POST', '/v1/auth/params', { body: { username } })).body.seed,
        change.newSeed,
      );

      // log out everywhere
      assert.equal((await call(url, 'POST', '/v1/auth/logout-all', { token: relog.body.token })).status, 204);
      for (const token of [first.body.token, relog.body.token])
        assert.equal((await call(url, 'GET', '/v1/account/devices', { token })).status, 401);

      // delete: needs a fresh proof, then nothing of the account is left
      const last = await logIn(url, { username, authKey: newAuthKey });
      await call(url, 'POST', '/v1/sync/push', { token: last.body.token, body: { items: [item('e1')] } });
      const refused = await call(url, 'DELETE', '/v1/account', {
        token: last.body.token,
        body: { authKey: b64(32) },
      });
      assert.equal(refused.status, 401);
      assert.equal(
        (await call(url, 'DELETE', '/v1/account', { token: last.body.token, body: { authKey: newAuthKey } }))
          .status,
        204,
      );
      assert.equal((await logIn(url, { username, authKey: newAuthKey })).status, 401);
      for (const table of ['accounts', 'key_bundles', 'sessions', 'entries', 'devices']) {
        const column = table === 'accounts' ? 'id' : 'account_id';
        const { rows } = await server.db.query(
          `SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`,
          [first.body.accountId],
        );
        assert.equal(rows[0]!.n, 0, table);
      }
    });

    test('isolation: one account never sees or touches another’s entries or sessions', async () => {
      const a = await signUp(url);
      const b = await signUp(url);
      const pushed = await call(url, 'POST', '/v1/sync/push', {
        token: a.token,
        body: { items: [item('shared-id'), item('a-only')] },
      });
      assert.deepEqual(pushed.body, { conflicts: [] });
      const bPull = await call(url, 'GET', '/v1/sync/pull?since=0', { token: b.token });
      assert.deepEqual(bPull.body.documents, []);
      // the same entry id in B is B's own new entry, not a conflict with A's
      const bPush = await call(url, 'POST', '/v1/sync/push', {
        token: b.token,
        body: { items: [item('shared-id')] },
      });
      assert.deepEqual(bPush.body, { conflicts: [] });
      // B cannot end A's session
      const cross = await call(url, 'DELETE', `/v1/account/devices/${a.sessionId}`, { token: b.token });
      assert.equal(cross.status, 404);
      assert.equal((await call(url, 'GET', '/v1/sync/pull', { token: a.token })).status, 200);
      const aPull = await call(url, 'GET', '/v1/sync/pull?since=0', { token: a.token });
      assert.deepEqual(aPull.body.documents.map((d: { id: string }) => d.id).sort(), ['a-only', 'shared-id']);
    });

    test('throttling: 10 wrong passwords, then 429 with Retry-After even for the right one, until the block ends', async () => {
      const account = await signUp(url);
      const ip = freshIp();
      for (let i = 0; i < 10; i++) {
        const res = await logIn(url, { username: account.username, authKey: b64(32) }, ip);
        assert.equal(res.status, 401, `attempt ${i + 1}`);
      }
      const blocked = await logIn(url, account, ip);
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error.code, 'too-many-requests');
      const retryAfter = Number(blocked.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 2, `Retry-After ${retryAfter}`);
      // another address is not held up by this one's failures; this one still waits
      assert.equal((await logIn(url, account, freshIp())).status, 200);
      assert.equal((await logIn(url, account, ip)).status, 429);
      await sleep(retryAfter * 1000 + 100);
      assert.equal((await logIn(url, account, ip)).status, 200);
    });

    test('throttling: sign-ups from one address stop after 5 an hour', async () => {
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await call(url, 'POST', '/v1/auth/signup', {
          ip,
          body: {
            username: `s${randomUUID().slice(0, 12)}`,
            seed: b64(32),
            kdf: KDF,
            authKey: b64(32),
            wrappedDiaryKey: b64(60),
          },
        });
        statuses.push(res.status);
      }
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 429]);
    });

    test('unknown usernames cost one argon2 verify like known ones', async () => {
      const account = await signUp(url);
      const time = async (username: string) => {
        const t = performance.now();
        const res = await logIn(url, { username, authKey: b64(32) });
        assert.equal(res.status, 401);
        return performance.now() - t;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 5; i++) {
        known.push(await time(account.username));
        unknown.push(await time(`nobody${randomUUID().slice(0, 8)}`));
      }
      const median = (xs: number[]) => xs.sort((x, y) => x - y)[2]!;
      const ratio = median(unknown) / median(known);
      assert.ok(ratio > 0.5 && ratio < 2, `unknown/known median time ${ratio.toFixed(2)}`);
    });

    test('sessions: expired (idle or absolute), revoked and forged tokens get 401; use renews the idle expiry (at most once a minute)', async () => {
      const account = await signUp(url);
      const pull = (token: string | undefined) => call(url, 'GET', '/v1/sync/pull', { token });
      const tokens = await Promise.all([1, 2, 3].map(async () => (await logIn(url, account)).body));
      const idle = async () =>
        (
          await server.db.query<{ t: Date }>('SELECT idle_expires_at AS t FROM sessions WHERE id = $1', [
            account.sessionId,
          ])
        ).rows[0]!.t;
      const fresh = await idle();
      assert.equal((await pull(account.token)).status, 200);
      assert.deepEqual(await idle(), fresh, 'used within the minute: no write');
      await server.db.query(
        `UPDATE sessions SET last_seen_at = now() - interval '2 minutes', idle_expires_at = now() + interval '1 hour' WHERE id = $1`,
        [account.sessionId],
      );
      const before = { rows: [{ t: await idle() }] };
      assert.equal((await pull(account.token)).status, 200);
      const afterUse = await server.db.query<{ t: Date }>(
        'SELECT idle_expires_at AS t FROM sessions WHERE id = $1',
        [account.sessionId],
      );
      assert.ok(afterUse.rows[0]!.t > before.rows[0]!.t);

      await server.db.query(
        `UPDATE sessions SET idle_expires_at = now() - interval '1 second' WHERE id = $1`,
        [tokens[0].sessionId],
      );
      await server.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        tokens[1].sessionId,
      ]);
      await call(url, 'DELETE', `/v1/account/devices/${tokens[2].sessionId}`, { token: account.token });
      for (const t of tokens) {
        const res = await pull(t.token);
        assert.equal(res.status, 401);
        assert.equal(res.body.error.code, 'unauthorized');
      }
      for (const forged of [undefined, 'x', randomBytes(32).toString('base64url'), `${account.token}x`]) {
        assert.equal((await pull(forged)).status, 401);
      }
      assert.equal(
        (await call(url, 'GET', '/v1/sync/pull', { headers: { authorization: account.token } })).status,
        401,
      );
      assert.equal((await pull(account.token)).status, 200);
    });

    test('malformed and oversized requests get typed 4xx, never 5xx', async () => {
      const { token } = await signUp(url);
      const ok = item('x');
      const cases: [string, string, string, Parameters<typeof call>[3], number, string][] = [
        ['bad JSON', 'POST', '/v1/sync/push', { token, raw: '{"items": [' }, 400, 'bad-json'],
        ['empty JSON body', 'POST', '/v1/sync/push', { token, raw: '' }, 400, 'bad-json'],
        [
          'not JSON',
          'POST',
          '/v1/sync/push',
          { token, raw: 'items', headers: { 'content-type': 'text/plain' } },
          415,
          'unsupported-media-type',
        ],
        ['no items', 'POST', '/v1/sync/push', { token, body: {} }, 400, 'bad-request'],
        ['empty items', 'POST', '/v1/sync/push', { token, body: { items: [] } }, 400, 'bad-request'],
        [
          'extra field',
          'POST',
          '/v1/sync/push',
          { token, body: { items: [{ ...ok, x: 1 }] } },
          400,
          'bad-request',
        ],
        [
          'rev not a number',
          'POST',
          '/v1/sync/push',
          { token, body: { items: [{ ...ok, doc: { ...ok.doc, rev: 'one' } }] } },
          400,
          'bad-request',
        ],
        [
          'payload not base64',
          'POST',
          '/v1/sync/push',
          { token, body: { items: [{ ...ok, doc: { ...ok.doc, payload: '!!!!'.repeat(20) } }] } },
          400,
          'bad-request',
        ],
        [
          'id too long',
          'POST',
          '/v1/sync/push',
          { token, body: { items: [{ ...ok, doc: { ...ok.doc, id: 'x'.repeat(129) } }] } },
          400,
          'bad-request',
        ],
        [
          'bad write id',
          'POST',
          '/v1/sync/push',
          { token, body: { items: [{ ...ok, doc: { ...ok.doc, writeId: 'abc' } }] } },
          400,
          'bad-request',
        ],
        [
          'rev arithmetic',
          'POST',
          '/v1/sync/push',
          { token, body: { items: [{ assumed: { rev: 3 }, doc: { ...ok.doc, rev: 5 } }] } },
          400,
          'bad-rev',
        ],
        [
          'new entry not rev 1',
          'POST',
          '/v1/sync/push',
          { token, body: { items: [{ assumed: null, doc: { ...ok.doc, rev: 2 } }] } },
          400,
          'bad-rev',
        ],
        [
          'same id twice',
          'POST',
          '/v1/sync/push',
          { token, body: { items: [item('d'), item('d')] } },
          400,
          'bad-request',
        ],
        [
          '101 items',
          'POST',
          '/v1/sync/push',
          { token, body: { items: Array.from({ length: 101 }, (_, i) => item(`i${i}`, 1, { size: 28 })) } },
          400,
          'bad-request',
        ],
        [
          'payload over 256 KiB',
          'POST',
          '/v1/sync/push',
          { token, body: { items: [item('big', 1, { size: 256 * 1024 + 29 })] } },
          400,
          'bad-request',
        ],
        [
          'push body over the limit',
          'POST',
          '/v1/sync/push',
          {
            token,
            body: { items: Array.from({ length: 20 }, (_, i) => item(`b${i}`, 1, { size: 200 * 1024 })) },
          },
          413,
          'body-too-large',
        ],
        [
          'auth body over 16 KiB',
          'POST',
          '/v1/auth/login',
          { body: { username: 'a', authKey: 'x'.repeat(20_000) } },
          413,
          'body-too-large',
        ],
        ['login missing key', 'POST', '/v1/auth/login', { body: { username: 'a' } }, 400, 'bad-request'],
        [
          'short server password',
          'POST',
          '/v1/auth/login',
          { body: { username: 'a', authKey: b64(16) } },
          400,
          'bad-request',
        ],
        [
          'weak kdf',
          'POST',
          '/v1/auth/signup',
          {
            body: {
              username: 'weak',
              seed: b64(32),
              kdf: { ...KDF, iterations: 1000 },
              authKey: b64(32),
              wrappedDiaryKey: b64(60),
            },
          },
          400,
          'bad-request',
        ],
        [
          'username with spaces',
          'POST',
          '/v1/auth/params',
          { body: { username: 'a b' } },
          400,
          'bad-request',
        ],
        ['pull since negative', 'GET', '/v1/sync/pull?since=-1', { token }, 400, 'bad-request'],
        ['pull limit word', 'GET', '/v1/sync/pull?limit=lots', { token }, 400, 'bad-request'],
        ['pull limit too big', 'GET', '/v1/sync/pull?limit=100000', { token }, 400, 'bad-request'],
        ['revoke bad id', 'DELETE', '/v1/account/devices/nope', { token }, 400, 'bad-request'],
        ['unknown route', 'GET', '/v1/nothing', {}, 404, 'not-found'],
      ];
      for (const [name, method, path, options, status, code] of cases) {
        const res = await call(url, method, path, options);
        assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.error.code, code, name);
      }
    });

    test('fuzz: 300 seeded random mutations of a push never get a 5xx', async () => {
      const { token } = await signUp(url);
      let seed = 12345;
      const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
      const values = [
        null,
        true,
        0,
        -1,
        1.5,
        2 ** 60,
        '',
        'x',
        '💥'.repeat(50),
        [],
        {},
        { rev: -1 },
        'A'.repeat(3000),
      ];
      const seen = new Set<number>();
      for (let i = 0; i < 300; i++) {
        const it: Record<string, unknown> = item(`f${i % 7}`, 1 + (i % 3));
        const body = { items: [it] };
        const target = pick([body, it, it.doc, it.assumed ?? it] as Record<string, unknown>[]);
        const key = pick([...Object.keys(target), 'extra']);
        if (random() < 0.2) delete target[key];
        else target[key] = pick(values);
        const raw = random() < 0.1 ? JSON.stringify(body).slice(0, Math.floor(random() * 60)) : undefined;
        const res = await call(
          url,
          'POST',
          '/v1/sync/push',
          raw !== undefined ? { token, raw } : { token, body },
        );
        assert.ok(res.status < 500, `case ${i}: ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status >= 400) assert.equal(typeof res.body.error.code, 'string');
        seen.add(res.status);
      }
      assert.ok(seen.has(400) && seen.has(200), `statuses seen: ${[...seen]}`);
    });

    test('health, readiness, security headers and CORS only for configured origins', async () => {
      assert.deepEqual((await call(url, 'GET', '/health')).body, { status: 'ok' });
      assert.deepEqual((await call(url, 'GET', '/ready')).body, { status: 'ready', database: kind });
      const res = await call(url, 'GET', '/health', { headers: { origin: 'https://evil.example' } });
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      const cors = await startServer(backend, { corsOrigins: ['https://diary.example'] }, {}, server.db);
      try {
        const allowed = await call(cors.url, 'OPTIONS', '/v1/sync/pull', {
          headers: {
            origin: 'https://diary.example',
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
        assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://diary.example');
        const denied = await call(cors.url, 'GET', '/health', {
          headers: { origin: 'https://evil.example' },
        });
        assert.equal(denied.headers.get('access-control-allow-origin'), null);
      } finally {
        await cors.close();
      }
    });
  });
}
