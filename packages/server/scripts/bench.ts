// `npm run bench -- server [--json FILE]`: a device simulator against two server processes
// on one PostgreSQL (this machine). Virtual devices log in, keep a stream open, push small
// encrypted entries at a fixed total rate and pull when told to. Latency counts from each
// push's scheduled time, so a server that falls behind shows it. Then a five-year diary
// (5,500 entries) is synced to a new device: log-in, every page pulled, every entry opened.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDb } from '../src/db.js';
import { migrate } from '../src/migrate.js';
import { startPostgres } from '../src/testing/backends.js';
import { deriveKeys, openEntry, sealEntry, unwrapDiaryKey, wrapDiaryKey } from '../src/testing/client.js';
import { call } from '../src/testing/server.js';

const args = process.argv.slice(2);
const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const RATE = Number(process.env.BENCH_RATE ?? 400); // pushes per second, all devices together
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const ACCOUNTS = 20;
const DEVICES_PER_ACCOUNT = 2;
const FIVE_YEARS = 5500;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** CPU seconds used so far by the server processes and by PostgreSQL's processes (from /proc). */
/** A push item that creates entry `id` (its first revision) with its sealed payload. */
function newDoc(id: string, payload: Buffer) {
  return {
    assumed: null,
    doc: { id, rev: 1, deleted: false, keyId: 0, writeId: randomUUID(), payload: payload.toString('base64') },
  };
}

function serverCpuSeconds(pids: number[]): number {
  const tick = 100; // USER_HZ on Linux
  const owner = statSync('/proc/self').uid;
  let total = 0;
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const isOurs =
        pids.includes(Number(name)) ||
        (comm.startsWith('postgres') && statSync(`/proc/${name}`).uid !== owner);
      if (!isOurs) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / tick; // utime + stime
    } catch {
      // the process ended
    }
  }
  return total;
}

const pg = startPostgres(process.env.BENCH_PG_ASYNC ? { synchronous_commit: 'off' } : {});
const children: ChildProcess[] = [];
try {
  const db = await openDb({ databaseUrl: pg.databaseUrl, dataDir: '', poolSize: 1 });
  await migrate(db); // once, before the processes start
  await db.close();
  const urls: string[] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const main = new URL('../src/main.ts', import.meta.url).pathname;
    children.push(
      spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main], {
        env: {
          ...process.env,
          DATABASE_URL: pg.databaseUrl,
          PORT: String(port),
          LOG_LEVEL: 'warn',
          SHUTDOWN_GRACE_SECONDS: '1',
          TRUST_PROXY: 'true',
          SIGNUPS_PER_IP_HOUR: '1000',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      }),
    );
    urls.push(`http://127.0.0.1:${port}`);
  }
  for (const url of urls) {
    for (let i = 0; i < 300 && (await call(url, 'GET', '/ready').catch(() => undefined))?.status !== 200; i++)
      await sleep(100);
  }

  // accounts with one diary key each; a device = a session on one of the two processes
  const kdf = { name: 'PBKDF2-SHA256', iterations: 600_000 };
  interface Device {
    url: string;
    token: string;
    accountId: string;
    key: Buffer;
    since: number;
    pulling: boolean;
    wanted: number;
  }
  const devices: Device[] = [];
  const newAccount = async (username: string, passphrase: string) => {
    const seed = randomBytes(32);
    const keys = deriveKeys(passphrase, username, seed);
    const diaryKey = randomBytes(32);
    const res = await call(urls[0]!, 'POST', '/v1/auth/signup', {
      body: {
        username,
        seed: seed.toString('base64'),
        kdf,
        authKey: keys.authKey.toString('base64'),
        wrappedDiaryKey: wrapDiaryKey(keys.master, diaryKey, username).toString('base64'),
      },
    });
    if (res.status !== 201) throw new Error(`sign-up: ${res.status}`);
    return { ...(res.body as { accountId: string; token: string }), keys, diaryKey };
  };
  for (let a = 0; a < ACCOUNTS; a++) {
    const username = `bench${a}`;
    const account = await newAccount(username, `pass phrase ${a}`);
    for (let d = 0; d < DEVICES_PER_ACCOUNT; d++) {
      const url = urls[d % 2]!;
      const login = await call(url, 'POST', '/v1/auth/login', {
        body: { username, authKey: account.keys.authKey.toString('base64') },
      });
      devices.push({
        url,
        token: login.body.token,
        accountId: account.accountId,
        key: account.diaryKey,
        since: 0,
        pulling: false,
        wanted: 0,
      });
    }
  }

  let errors = 0;
  let pulls = 0;
  const pull = async (device: Device) => {
    if (device.pulling) return;
    device.pulling = true;
    try {
      while (device.since < device.wanted) {
        const res = await call(device.url, 'GET', `/v1/sync/pull?since=${device.since}&limit=500`, {
          token: device.token,
        });
        if (res.status !== 200) {
          errors++;
          break;
        }
        pulls++;
        device.since = res.body.checkpoint.seq;
        if (!res.body.hasMore) break;
      }
    } finally {
      device.pulling = false;
    }
  };
  // streams: RESYNC <seq> → pull until the checkpoint reaches it
  const controllers = devices.map((device) => {
    const controller = new AbortController();
    void (async () => {
      const res = await fetch(`${device.url}/v1/sync/stream`, {
        headers: { authorization: `Bearer ${device.token}` },
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const m of decoder.decode(value).matchAll(/RESYNC (\d+)/g)) {
          device.wanted = Math.max(device.wanted, Number(m[1]));
          void pull(device);
        }
      }
    })().catch(() => {});
    return controller;
  });
  await sleep(500);

  // the load: each device pushes one new ~1 KiB entry every devices/RATE seconds
  const latencies: number[] = [];
  const interval = (devices.length / RATE) * 1000;
  const pids = children.map((c) => c.pid!);
  const cpuBefore = serverCpuSeconds(pids);
  const clientBefore = process.cpuUsage();
  const start = performance.now();
  const end = start + SECONDS * 1000;
  const note = 'a quiet evening walk by the river, then tea; '.repeat(20);
  await Promise.all(
    devices.map(async (device, i) => {
      for (let k = 0; ; k++) {
        const scheduled = start + (i / devices.length) * interval + k * interval;
        if (scheduled >= end) return;
        const wait = scheduled - performance.now();
        if (wait > 0) await sleep(wait);
        const id = randomUUID();
        const payload = sealEntry(device.key, device.accountId, id, 1, false, {
          note,
          tags: ['river'],
          label: 'happy',
        });
        const res = await call(device.url, 'POST', '/v1/sync/push', {
          token: device.token,
          body: { items: [newDoc(id, payload)] },
        }).catch(() => undefined);
        if (res?.status !== 200 || res.body.conflicts.length > 0) errors++;
        latencies.push(performance.now() - scheduled);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  await sleep(300);
  const serverCpu = serverCpuSeconds(pids) - cpuBefore;
  const clientCpu = process.cpuUsage(clientBefore);
  controllers.forEach((c) => c.abort());
  latencies.sort((x, y) => x - y);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;

  // five-year initial sync: 5,500 entries pushed beforehand, then a new device from zero
  const username = 'fiveyears';
  const passphrase = 'five years of evenings';
  const owner = await newAccount(username, passphrase);
  for (let i = 0; i < FIVE_YEARS; i += 100) {
    const items = Array.from({ length: Math.min(100, FIVE_YEARS - i) }, (_, j) => {
      const id = `2021-${i + j}`;
      const entry = {
        date: `day ${i + j}`,
        note: note.slice(0, 100 + ((i + j) % 400)),
        tags: ['t'],
        label: 'neutral',
      };
      return newDoc(id, sealEntry(owner.diaryKey, owner.accountId, id, 1, false, entry));
    });
    const res = await call(urls[0]!, 'POST', '/v1/sync/push', { token: owner.token, body: { items } });
    if (res.status !== 200) throw new Error(`seeding: ${res.status}`);
  }
  const t0 = performance.now();
  const params = await call(urls[1]!, 'POST', '/v1/auth/params', { body: { username } });
  const keys = deriveKeys(
    passphrase,
    username,
    Buffer.from(params.body.seed, 'base64'),
    params.body.kdf.iterations,
  );
  const tDerived = performance.now();
  const login = await call(urls[1]!, 'POST', '/v1/auth/login', {
    body: { username, authKey: keys.authKey.toString('base64') },
  });
  const key = unwrapDiaryKey(keys.master, Buffer.from(login.body.wrappedDiaryKey, 'base64'), username);
  let since = 0;
  let opened = 0;
  for (;;) {
    const res = await call(urls[1]!, 'GET', `/v1/sync/pull?since=${since}&limit=500`, {
      token: login.body.token,
    });
    for (const d of res.body.documents) {
      openEntry(key, owner.accountId, d.id, d.rev, d.deleted, Buffer.from(d.payload, 'base64'));
      opened++;
    }
    since = res.body.checkpoint.seq;
    if (!res.body.hasMore) break;
  }
  const initialSyncMs = performance.now() - tDerived;
  if (opened !== FIVE_YEARS) throw new Error(`initial sync opened ${opened} of ${FIVE_YEARS}`);

  const result = {
    pushesPerSec: Math.round(latencies.length / elapsed),
    p50Ms: +pct(50).toFixed(1),
    p95Ms: +pct(95).toFixed(1),
    p99Ms: +pct(99).toFixed(1),
    errors,
    initialSyncMs: Math.round(initialSyncMs),
  };
  console.log(
    `  two server processes, one PostgreSQL ${pg.kind}; ${devices.length} devices on ${ACCOUNTS} accounts, streams open`,
  );
  console.log(
    `  pushes: ${latencies.length} in ${elapsed.toFixed(1)} s at a target of ${RATE}/s → ${result.pushesPerSec}/s`,
  );
  console.log(
    `  push latency (from the scheduled time): p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms; errors ${errors}`,
  );
  console.log(`  pulls on notification: ${pulls}`);
  const perPush = (serverCpu * 1000) / latencies.length;
  console.log(
    `  CPU per push, pulls included: ${perPush.toFixed(2)} ms in the servers and PostgreSQL, ` +
      `${((clientCpu.user + clientCpu.system) / 1000 / latencies.length).toFixed(2)} ms in the simulator` +
      ` → two idle cores would carry about ${Math.round(2000 / perPush)} pushes/s (machine load now: ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    `  initial sync of ${FIVE_YEARS} entries (log-in, ${Math.ceil(FIVE_YEARS / 500)} pages, every entry opened): ${result.initialSyncMs} ms` +
      ` (+ ${Math.round(tDerived - t0)} ms PBKDF2 600k on the device, not counted)`,
  );
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(result, null, 2) + '\n');
} finally {
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)),
  );
  await pg.stop();
}
