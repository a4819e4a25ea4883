// The server tests start their own PostgreSQL from the machine's packages (a temporary
// cluster on a private socket). On a fresh Debian CI machine, install it first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';

const ROOT = '/usr/lib/postgresql';
const installed = () =>
  existsSync(ROOT) && readdirSync(ROOT).some((v) => existsSync(`${ROOT}/${v}/bin/initdb`));

/** Installs Debian's `postgresql` when missing and we may (root with apt-get); returns whether it is there. */
export function ensurePostgres() {
  if (installed()) return true;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (process.getuid?.() !== 0 || !apt) {
    console.log('PostgreSQL is not installed and cannot be installed here: its server tests will fail.');
    return false;
  }
  console.log('Installing PostgreSQL (apt-get install postgresql) for the server tests…');
  // The tests make their own throwaway clusters: no system cluster, nothing left running.
  mkdirSync('/etc/postgresql-common', { recursive: true });
  writeFileSync('/etc/postgresql-common/createcluster.conf', 'create_main_cluster = false\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  const ok =
    run(['update', '-qq']) &&
    run([
      'install',
      '-y',
      '-qq',
      '--no-install-recommends',
      '-o',
      'Dpkg::Options::=--force-confold',
      'postgresql',
    ]);
  return ok && installed();
}
