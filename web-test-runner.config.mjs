// Browser tests: every `*.test.ts` beside the source (not `*.node.test.ts`), in
// Debian's headless Chromium. Camera tests (`*.camera.test.ts`) get their own
// browser whose fake camera loops a video of real faces built by test/fixtures.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, fakeCameraArgs, findChromium } from './scripts/chromium.mjs';
import { TF_BUNDLE_DIR, TF_ENTRIES } from './scripts/prebundle-tf.mjs';
import { countingReporter } from './scripts/wtr-counting-reporter.mjs';
import { CAMERA_VIDEO } from './test/fixtures/paths.mjs';
import { defaultReporter } from '@web/test-runner';
import { globSync } from 'tinyglobby';

const executablePath = findChromium();

function chromium(extraArgs = []) {
  return chromeLauncher({
    launchOptions: {
      executablePath,
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        `--user-data-dir=${mkdtempSync(join(tmpdir(), 'moodiary-chromium-'))}`,
        ...extraArgs,
      ],
    },
  });
}

/** Serves the TensorFlow packages from the pre-bundle (see scripts/prebundle-tf.mjs). */
const tfPrebundle = {
  name: 'moodiary-tf-prebundle',
  resolveImport({ source }) {
    const entry = TF_ENTRIES[source];
    return entry ? `/${TF_BUNDLE_DIR}/${entry}.js` : undefined;
  },
};

// TEST_FILES=glob[,glob…] narrows a run, e.g. TEST_FILES='packages/store/src/**/*.test.ts'.
const only = process.env.TEST_FILES?.split(',');
const browserTests = only ?? ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'];
// Tests that need a browser of their own: `*.camera.test.ts` (a fake camera looping a face video) and
// `*.cameras.test.ts` (a device with two fake cameras).
const withKind = (kind) =>
  browserTests
    .filter((glob) => glob.endsWith('.test.ts'))
    .map((glob) => glob.replace(/(\.cameras?)?\.test\.ts$/, `.${kind}.test.ts`));
const hasFiles = (globs) => globSync([...globs, '!**/node_modules/**']).length > 0;
const nodeOnly = ['!**/*.node.test.ts', '!**/node_modules/**'];

/**
 * `new Worker(new URL('./worker.js', import.meta.url))` in the emotion sources asks for the built
 * name; serve the TypeScript worker under it, so source-mode tests run the same worker as `dist`.
 */
function sourceWorker(context, next) {
  if (context.path === '/packages/emotion/src/worker.js')
    context.url = context.url.replace(/\.js(?=\?|$)/, '.ts');
  return next();
}

export default {
  rootDir: '.',
  middleware: [sourceWorker],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  plugins: [
    tfPrebundle,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: resolve('tsconfig.base.json') }),
  ],
  browsers: [chromium()],
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 120_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 60_000 } },
  groups: [
    { name: 'unit', files: [...browserTests, '!**/*.camera.test.ts', '!**/*.cameras.test.ts', ...nodeOnly] },
    {
      name: 'camera',
      files: [...withKind('camera'), ...nodeOnly],
      browsers: [chromium(fakeCameraArgs(resolve(CAMERA_VIDEO)))],
    },
    {
      name: 'cameras',
      files: [...withKind('cameras'), ...nodeOnly],
      browsers: [chromium(fakeCameraArgs(undefined, 2))],
    },
  ].filter((group) => hasFiles(group.files)),
  reporters: [defaultReporter(), countingReporter()],
};
