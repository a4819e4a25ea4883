// Browser tests: every `*.test.ts` beside the source (not `*.node.test.ts`), in
// Debian's headless Chromium. Camera tests (`*.camera.test.ts`) get their own
// browser whose fake camera loops a video of real faces built by test/fixtures
// (`*.dark-camera.test.ts`: the same video in a dark room).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, fakeCameraArgs, findChromium } from './scripts/chromium.mjs';
import { TF_BUNDLE_DIR, TF_ENTRIES } from './scripts/prebundle-tf.mjs';
import { countingReporter } from './scripts/wtr-counting-reporter.mjs';
import { CAMERA_VIDEO, DARK_CAMERA_VIDEO } from './test/fixtures/paths.mjs';
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
// Tests that need a browser of their own: `*.camera.test.ts` (a fake camera looping a face video),
// `*.dark-camera.test.ts` (the same face in a dark room), `*.cameras.test.ts` (a device with two fake cameras) and `*.quota.test.ts` (a storage quota set before
// anything opened IndexedDB: Chromium caches an origin's free space while its databases are in use).
const withKind = (kind) =>
  browserTests
    .filter((glob) => glob.endsWith('.test.ts'))
    .map((glob) => glob.replace(/(\.dark-camera|\.cameras?|\.quota)?\.test\.ts$/, `.${kind}.test.ts`));
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

/**
 * `executeServerCommand('storage-quota', { quotaSize })` from a test: sets this origin's real storage
 * quota through Chromium's DevTools protocol (`Storage.overrideQuotaForOrigin`; no size: back to the
 * default), so tests can fill the disk for real. Answers `{ usage, quota }` as the browser counts them.
 */
const storageQuotaCommand = {
  name: 'moodiary-storage-quota',
  /** DevTools sessions by test session: an override lasts only while its DevTools session stays attached. */
  sessions: new Map(),
  async executeCommand({ command, payload, session }) {
    if (command !== 'storage-quota') return undefined;
    const page = session.browser.getPage(session.id);
    const origin = new URL(page.url()).origin;
    let cdp = this.sessions.get(session.id);
    if (!cdp) this.sessions.set(session.id, (cdp = await page.createCDPSession()));
    const quota = payload?.quotaSize;
    await cdp.send(
      'Storage.overrideQuotaForOrigin',
      quota === undefined ? { origin } : { origin, quotaSize: quota },
    );
    const { usage, quota: granted } = await cdp.send('Storage.getUsageAndQuota', { origin });
    if (quota === undefined) {
      this.sessions.delete(session.id);
      await cdp.detach();
    }
    return { usage, quota: granted };
  },
};

/**
 * `executeServerCommand('collect-garbage')` from a test: a full garbage collection through the DevTools
 * protocol (`HeapProfiler.collectGarbage`, as a heap snapshot does), so leak tests can check with
 * WeakRefs that removed elements were freed.
 */
const collectGarbageCommand = {
  name: 'moodiary-collect-garbage',
  async executeCommand({ command, session }) {
    if (command !== 'collect-garbage') return undefined;
    const cdp = await session.browser.getPage(session.id).createCDPSession();
    try {
      await cdp.send('HeapProfiler.collectGarbage');
    } finally {
      await cdp.detach();
    }
    return true;
  },
};

/**
 * `executeServerCommand('sync-server')` from a test: the URL of a real Moodiary sync server on PGlite
 * (packages/store/src/testing/sync-server.ts), started on first use with the test page's origin
 * allowed by CORS, and stopped with the test run.
 */
const syncServerCommand = {
  name: 'moodiary-sync-server',
  child: null,
  url: null,
  start(origin) {
    this.url ??= new Promise((resolveUrl, reject) => {
      const child = (this.child = spawn(
        process.execPath,
        ['--conditions=source', '--import', 'tsx', 'packages/store/src/testing/sync-server.ts', origin],
        {
          env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.base.json' },
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      ));
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const found = /^URL (\S+)$/m.exec(out);
        if (found) resolveUrl(found[1]);
      });
      child.on('exit', (code) => reject(new Error(`the sync server stopped (${code})`)));
    });
    this.url.catch(() => undefined);
    return this.url;
  },
  // Starting takes seconds (PGlite, the server's TypeScript): begin with the run when a sync test is in it.
  serverStart({ config }) {
    if (globSync([...browserTests, '!**/*.node.test.ts']).some((f) => /sync|account/.test(f)))
      this.start(`http://${config.hostname ?? 'localhost'}:${config.port}`);
  },
  async executeCommand({ command, session }) {
    if (command !== 'sync-server') return undefined;
    const origin = new URL(session.browser.getPage(session.id).url()).origin;
    return { url: await this.start(origin) };
  },
  serverStop() {
    this.child?.stdin.end();
  },
};

export default {
  rootDir: '.',
  middleware: [sourceWorker],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  plugins: [
    syncServerCommand,
    collectGarbageCommand,
    storageQuotaCommand,
    tfPrebundle,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: resolve('tsconfig.base.json') }),
  ],
  browsers: [chromium()],
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 120_000,
  // Benchmarks (`npm run bench`) time whole diaries: a file may take longer than a test file.
  testsFinishTimeout: process.env.MOODIARY_BENCH ? 1_800_000 : 300_000,
  testFramework: { config: { timeout: 60_000 } },
  groups: [
    {
      name: 'unit',
      files: [
        ...browserTests,
        '!**/*.camera.test.ts',
        '!**/*.dark-camera.test.ts',
        '!**/*.cameras.test.ts',
        '!**/*.quota.test.ts',
        ...nodeOnly,
      ],
    },
    {
      name: 'camera',
      files: [...withKind('camera'), ...nodeOnly],
      browsers: [chromium(fakeCameraArgs(resolve(CAMERA_VIDEO)))],
    },
    {
      name: 'dark-camera',
      files: [...withKind('dark-camera'), ...nodeOnly],
      browsers: [chromium(fakeCameraArgs(resolve(DARK_CAMERA_VIDEO)))],
    },
    {
      name: 'cameras',
      files: [...withKind('cameras'), ...nodeOnly],
      browsers: [chromium(fakeCameraArgs(undefined, 2))],
    },
    { name: 'quota', files: [...withKind('quota'), ...nodeOnly], browsers: [chromium()] },
  ].filter((group) => hasFiles(group.files)),
  reporters: [defaultReporter(), countingReporter()],
};
