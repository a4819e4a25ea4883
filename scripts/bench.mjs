// `npm run bench`: every benchmark, with the machine it ran on. Node benchmarks are
// `packages/*/scripts/bench.ts`; browser benchmarks are `*.bench.ts` files run in
// headless Chromium, printing their figures to the console; page benchmarks
// (`test/e2e/*.bench.ts`) drive the built examples with Playwright. Pass names to run some:
//   npm run bench -- songs store first-result
import { spawnSync } from 'node:child_process';
import { cpus, totalmem, platform, release } from 'node:os';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { globSync } from 'tinyglobby';
import { findChromium } from './chromium.mjs';
import { prebundleTf } from './prebundle-tf.mjs';
import { buildFixtures } from '../test/fixtures/build.mjs';

process.env.TSX_TSCONFIG_PATH ||= 'tsconfig.base.json'; // see scripts/test.mjs
// `--json FILE` goes to the Node benchmarks; every other argument names benchmarks to run.
const argv = process.argv.slice(2);
const jsonAt = argv.indexOf('--json');
const passOn = jsonAt >= 0 ? argv.slice(jsonAt, jsonAt + 2) : [];
const only = argv.filter((_, i) => jsonAt < 0 || (i !== jsonAt && i !== jsonAt + 1));
const wanted = (name) => only.length === 0 || only.some((o) => name.includes(o));
const chrome = process.env.CHROME_PATH || findChromium();
const chromeVersion = spawnSync(chrome, ['--version'], { encoding: 'utf8' }).stdout.trim();

console.log('Machine');
console.log(`  cpu:     ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`);
console.log(`  memory:  ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
console.log(`  os:      ${platform()} ${release()}`);
console.log(`  node:    ${process.version}`);
console.log(`  browser: ${chromeVersion} (headless; WebGL is SwiftShader software rendering)`);

buildFixtures();
let failed = false;

for (const script of globSync('packages/*/scripts/bench.ts').sort()) {
  if (!wanted(script)) continue;
  console.log(`\n▶ ${script} (Node)`);
  const run = spawnSync('node', ['--conditions=source', '--import', 'tsx', script, ...passOn], {
    stdio: 'inherit',
  });
  failed ||= run.status !== 0;
}

const browserBenches = globSync(['packages/*/src/**/*.bench.ts', '!**/node_modules/**'])
  .sort()
  .filter(wanted);
if (browserBenches.length > 0) {
  await prebundleTf({ quiet: true });
  console.log(`\n▶ browser benchmarks: ${browserBenches.join(', ')}`);
  const run = spawnSync('npx', ['wtr', '--config', 'web-test-runner.config.mjs'], {
    stdio: 'inherit',
    env: { ...process.env, CHROME_PATH: chrome, TEST_FILES: browserBenches.join(','), MOODIARY_BENCH: '1' },
  });
  failed ||= run.status !== 0;
}
const pageBenches = globSync('test/e2e/*.bench.ts').sort().filter(wanted);
if (pageBenches.length > 0) {
  const built = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  failed ||= built.status !== 0;
  for (const script of pageBenches) {
    console.log(`\n▶ ${script} (Playwright, the built examples)`);
    const run = spawnSync('node', ['--conditions=source', '--import', 'tsx', script], {
      stdio: 'inherit',
      env: { ...process.env, CHROME_PATH: chrome },
    });
    failed ||= run.status !== 0;
  }
}
/** Gzipped sizes of what a host downloads: each package's own code, the drop-in bundle, the weights. */
function printSizes() {
  if (!existsSync('packages/elements/dist/moodiary.js')) {
    console.log('\n(sizes: run `npm run build` first)');
    return;
  }
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('\n▶ sizes (gzip -9)');
  const files = [
    ...globSync('packages/*/dist/index.js')
      .sort()
      .map((f) => [f, 'package code, dependencies excluded']),
    ['packages/elements/dist/moodiary.js', 'drop-in: the script tag (a page first loads: `first-load`)'],
    [
      'packages/elements/dist/moodiary-chunks/*.js',
      'drop-in: every chunk (elements, lit, store, songs, tfjs), each loaded on use',
    ],
    ...globSync('models/{face-detection,emotion,baselines/*}/*.bin')
      .sort()
      .map((f) => [f, 'weights']),
  ];
  for (const [pattern, what] of files) {
    // a glob stands for the sum of its files
    const paths = globSync(pattern);
    const raw = paths.reduce((n, f) => n + statSync(f).size, 0);
    const gz = paths.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    console.log(`  ${pattern.padEnd(48)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gz  ${what}`);
  }
}
if (wanted('sizes')) printSizes();
process.exit(failed ? 1 : 0);
