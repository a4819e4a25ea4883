// `npm test`: type-check, lint, Node tests and browser tests (headless Chromium),
// then one plain `N passed, N failed` line for CI. Stages can be picked by name:
//   npm test -- node browser      npm test -- checks
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';
import { prebundleTf } from './prebundle-tf.mjs';
import { ensurePostgres } from './postgres.mjs';
import { buildFixtures } from '../test/fixtures/build.mjs';

const STAGES = ['checks', 'node', 'browser', 'e2e'];
const picked = process.argv.slice(2).filter((a) => STAGES.includes(a));
const stages = picked.length ? picked : STAGES;
const totals = { passed: 0, failed: 0, skipped: 0 };
const scratch = mkdtempSync(join(tmpdir(), 'moodiary-test-'));

// tsx reads the root tsconfig.json, which only lists project references; the base
// config carries the lit decorator settings the sources need.
process.env.TSX_TSCONFIG_PATH ||= 'tsconfig.base.json';

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const ok = run(cmd, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  console.log(ok ? `✔ ${name}` : `✖ ${name} failed`);
}

/** Files under `dir` (skipping node_modules and build output) whose name matches. */
function findFiles(dir, pattern, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.cache'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findFiles(path, pattern, out);
    else if (pattern.test(entry.name)) out.push(path);
  }
  return out;
}

/** Runs `node --test` on files and reads the counts from its TAP summary. */
function nodeTests(files) {
  const tap = join(scratch, `node-${Math.random().toString(36).slice(2)}.tap`);
  const ok = run('node', [
    '--conditions=source',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number(text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  const counts = {
    passed: count('pass'),
    failed: count('fail') + count('cancelled'),
    skipped: count('skipped'),
  };
  if (!ok && counts.failed === 0) counts.failed = 1; // the runner itself broke
  return counts;
}

if (stages.includes('checks')) {
  check('type-check (tsc)', 'npx', ['tsc', '-p', 'tsconfig.check.json']);
  check('lint (eslint)', 'npx', ['eslint', '.', '--max-warnings=0']);
  check('format (prettier)', 'npx', ['prettier', '--check', '.', '--log-level=warn']);
  check('unused files, exports and dependencies (knip)', 'npx', [
    'knip',
    '--no-progress',
    '--no-config-hints',
  ]);
  // Public API only, every tag known (typedoc.config.mjs): a warning fails the check.
  check('API docs (typedoc)', 'npx', ['typedoc', '--treatWarningsAsErrors', '--emit', 'none']);
}

if (stages.some((stage) => stage !== 'checks')) {
  buildFixtures();
}

if (stages.includes('node')) {
  console.log('\n▶ Node tests');
  ensurePostgres(); // the server tests run on PGlite and on a real PostgreSQL
  const files = ['packages', 'models', 'test', 'scripts'].flatMap((d) => findFiles(d, /\.node\.test\.ts$/));
  const counts = nodeTests(files);
  for (const k of Object.keys(totals)) totals[k] += counts[k];
  console.log(`node: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

if (stages.includes('browser')) {
  console.log('\n▶ Browser tests (headless Chromium)');
  process.env.CHROME_PATH ||= findChromium();
  await prebundleTf({ quiet: true });
  const countsFile = join(scratch, 'wtr.json');
  const ok = run('npx', ['wtr', '--config', 'web-test-runner.config.mjs'], {
    MOODIARY_WTR_COUNTS: countsFile,
  });
  const counts = existsSync(countsFile)
    ? JSON.parse(readFileSync(countsFile, 'utf8'))
    : { passed: 0, failed: 1, skipped: 0 };
  if (!ok && counts.failed === 0) counts.failed = 1;
  for (const k of Object.keys(totals)) totals[k] += counts[k];
  console.log(`browser: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

if (stages.includes('e2e')) {
  console.log('\n▶ End-to-end (Playwright, the built examples)');
  process.env.CHROME_PATH ||= findChromium();
  const built = run('npm', ['run', 'build', '--silent']);
  const files = findFiles('test/e2e', /\.e2e\.ts$/);
  const counts = files.length && built ? nodeTests(files) : { passed: 0, failed: built ? 0 : 1, skipped: 0 };
  for (const k of Object.keys(totals)) totals[k] += counts[k];
  console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
