// Real databases for the tests and the benchmark: embedded PGlite in a temporary folder,
// and a PostgreSQL cluster from the machine's packages, initialised in a temporary folder
// and reached through a private socket. Nothing is mocked.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  chmodSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export type BackendKind = 'pglite' | 'postgres';
export const BACKENDS: BackendKind[] = ['pglite', 'postgres'];

export interface Backend {
  kind: BackendKind;
  /** For `openDb`: a connection string, or a PGlite data folder. */
  databaseUrl?: string;
  dataDir: string;
  stop(): Promise<void>;
}

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? join(root, versions.at(-1)!, 'bin') : undefined;
}

/** Starts a throwaway PostgreSQL; `settings` are extra `-c` options. */
export function startPostgres(settings: Record<string, string> = {}): Backend {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed (npm test installs Debian’s `postgresql` in CI)');
  const dir = mkdtempSync(join(tmpdir(), 'moodiary-pg-'));
  chmodSync(dir, 0o755);
  const root = process.getuid?.() === 0;
  // initdb and pg_ctl refuse to run as root: run them as `postgres`, which owns the folder.
  const as = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  if (root) execFileSync('chown', ['postgres', dir]);
  as('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = Object.entries({
    listen_addresses: "''",
    unix_socket_directories: dir,
    max_connections: '100',
    ...settings,
  })
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  as('pg_ctl', ['-D', join(dir, 'data'), '-l', join(dir, 'log'), '-w', '-o', options, 'start']);
  return {
    kind: 'postgres',
    databaseUrl: `postgresql://postgres@/postgres?host=${encodeURIComponent(dir)}`,
    dataDir: dir,
    async stop() {
      spawnSync(root ? 'runuser' : join(bin, 'pg_ctl'), [
        ...(root ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []),
        ...['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop'],
      ]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh PGlite data folder. Creating one runs initdb inside WebAssembly (seconds), so a
 * created, empty cluster is kept as a template in the temp folder and copied (version-keyed).
 */
async function startPglite(): Promise<Backend> {
  const main = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = readFileSync(join(main.slice(0, main.lastIndexOf('/dist/')), 'package.json'));
  const template = join(
    tmpdir(),
    `moodiary-pglite-template-${createHash('sha256').update(pkg).digest('hex').slice(0, 12)}`,
  );
  if (!existsSync(template)) {
    const fresh = mkdtempSync(join(tmpdir(), 'moodiary-pglite-new-'));
    await (await PGlite.create(fresh)).close();
    try {
      renameSync(fresh, template);
    } catch {
      rmSync(fresh, { recursive: true, force: true }); // another process made it first
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'moodiary-pglite-'));
  cpSync(template, dir, { recursive: true });
  return {
    kind: 'pglite',
    dataDir: dir,
    async stop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const startBackend = (kind: BackendKind): Promise<Backend> =>
  kind === 'pglite' ? startPglite() : Promise.resolve(startPostgres({ fsync: 'off' }));
