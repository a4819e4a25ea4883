// Builds every package to ESM (types come from `tsc -b`), and the drop-in bundle
// `packages/elements/dist/moodiary.js`: one script tag, everything else (its chunks, the
// `moodiary-worker.js` that runs the models, the model and wasm files) loaded from beside it.
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const PACKAGES = ['core', 'emotion', 'store', 'songs', 'elements'];
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Copies files after the bundle is written (models, wasm). */
function copyAfterWrite(pairs) {
  return {
    name: 'moodiary-copy',
    writeBundle() {
      for (const [from, to] of pairs) if (existsSync(from)) cpSync(from, to, { recursive: true });
    },
  };
}

/** The model files a package ships: detectors, our classifier, the baseline. */
function modelCopies(targetDir) {
  return ['face-detection', 'emotion', 'baselines'].map((dir) => [`models/${dir}`, `${targetDir}/${dir}`]);
}

const wasmDir = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
const wasmCopies = (targetDir) =>
  readdirSync(wasmDir)
    .filter((f) => f.endsWith('.wasm'))
    .map((f) => [join(wasmDir, f), join(targetDir, f)]);

/** Entry points of a package: its index, plus any `src/define/*.ts` registration files. */
function entries(name) {
  const src = `packages/${name}/src`;
  const input = { index: `${src}/index.ts` };
  for (const extra of [
    'node',
    'worker',
    'worker-client',
    'image-header',
    'calibration',
    'webcam',
    'summaries',
    'sync/index',
  ])
    if (existsSync(`${src}/${extra}.ts`)) input[extra] = `${src}/${extra}.ts`;
  if (existsSync(`${src}/define`)) {
    for (const f of readdirSync(`${src}/define`).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    )) {
      input[`define/${f.replace(/\.ts$/, '')}`] = `${src}/define/${f}`;
    }
  }
  return input;
}

/**
 * tfjs's wasm glue (emscripten) requires Node modules on a code path browsers never
 * take; in the browser bundle they become empty modules instead of bare imports.
 */
const NODE_ONLY = ['fs', 'path', 'os', 'crypto', 'util', 'worker_threads', 'perf_hooks'];
const emptyNodeModules = {
  name: 'moodiary-empty-node-modules',
  resolveId: (id) => (NODE_ONLY.includes(id) ? `\0empty:${id}` : null),
  load: (id) => (id.startsWith('\0empty:') ? 'export default {};' : null),
};

function packageBuild(name) {
  const pkg = readJson(`packages/${name}/package.json`);
  const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  const isExternal = (id) =>
    id.startsWith('node:') ||
    (name === 'emotion' && id.startsWith('@tensorflow/')) ||
    deps.some((d) => id === d || id.startsWith(`${d}/`));
  return {
    input: entries(name),
    external: isExternal,
    output: { dir: `packages/${name}/dist`, format: 'es', sourcemap: true, entryFileNames: '[name].js' },
    plugins: [
      nodeResolve({ exportConditions: ['source'] }),
      esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json' }),
      name === 'emotion' &&
        copyAfterWrite([...modelCopies('packages/emotion/models'), ...wasmCopies('packages/emotion/dist')]),
    ],
    onwarn(warning, warn) {
      if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
  };
}

/**
 * `import.meta.url` in moodiary.ts names moodiary.js (the models, wasm files and worker sit beside
 * it), even when Rollup moves that module's code into a shared chunk under `moodiary-chunks/`
 * (which it does once the worker shares enough modules with the page).
 */
const entryUrl = {
  name: 'moodiary-entry-url',
  resolveImportMeta(property, { chunkId, moduleId }) {
    if (property !== 'url' || !moduleId.endsWith('packages/elements/src/moodiary.ts')) return null;
    const up = '../'.repeat(chunkId.split('/').length - 1);
    return `new URL('${up}moodiary.js', import.meta.url).href`;
  },
};

/**
 * The SDK runs WASM single-threaded (`packages/emotion/src/backend.ts`), so the drop-in leaves out
 * TF.js's threaded emscripten glue and its worker source: they could never run.
 */
const THREADED_GLUE = /tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/;
const noWasmThreads = {
  name: 'moodiary-no-wasm-threads',
  resolveId: (id) => (THREADED_GLUE.test(id) ? `\0no-threads:${id}` : null),
  load: (id) =>
    id.startsWith('\0no-threads:')
      ? "export default () => { throw new Error('moodiary: threaded WASM is not built in'); };\n" +
        "export const wasmWorkerContents = '';"
      : null,
};

const dropIn = {
  // The page loads moodiary.js (the elements); the models run in moodiary-worker.js. Both share the
  // chunks beside them, so TensorFlow.js is downloaded once, and only when a camera needs a model.
  input: {
    moodiary: 'packages/elements/src/moodiary.ts',
    'moodiary-worker': 'packages/emotion/src/worker.ts',
  },
  output: {
    dir: 'packages/elements/dist',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'moodiary-chunks/[name]-[hash].js',
  },
  plugins: [
    emptyNodeModules,
    noWasmThreads,
    entryUrl,
    nodeResolve({ browser: true, exportConditions: ['source', 'browser'], preferBuiltins: false }),
    commonjs(),
    esbuild({
      target: 'es2022',
      tsconfig: 'tsconfig.base.json',
      minify: true,
      define: { 'process.env.NODE_ENV': '"production"' },
    }),
    copyAfterWrite([
      ...modelCopies('packages/elements/dist/models'),
      ...wasmCopies('packages/elements/dist'),
    ]),
  ],
  onwarn(warning, warn) {
    // tfjs and its emscripten glue use `this` at top level and mention Node modules they never load here.
    if (!['THIS_IS_UNDEFINED', 'CIRCULAR_DEPENDENCY', 'EVAL', 'UNRESOLVED_IMPORT'].includes(warning.code))
      warn(warning);
  },
};

// A package without an entry yet (work in progress) is skipped rather than failing the build.
export default [
  ...PACKAGES.filter((name) => existsSync(`packages/${name}/src/index.ts`)).map(packageBuild),
  dropIn,
];
