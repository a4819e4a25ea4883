// tfjs's ESM build imports CommonJS files that browsers cannot load as modules, so
// tests and the dev server use one esbuild pre-bundle of the TensorFlow packages.
// Code splitting keeps a single shared tfjs-core (one engine, one set of kernels).
import { build } from 'esbuild';
import { statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const TF_BUNDLE_DIR = '.cache/tf';

/** Bare specifiers served from the pre-bundle, and their entry names. */
export const TF_ENTRIES = {
  '@tensorflow/tfjs': 'tfjs',
  '@tensorflow/tfjs-core': 'tfjs-core',
  '@tensorflow/tfjs-converter': 'tfjs-converter',
  '@tensorflow/tfjs-backend-webgl': 'tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-cpu': 'tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm': 'tfjs-backend-wasm',
};

export async function prebundleTf({ quiet = false } = {}) {
  const stamp = `${TF_BUNDLE_DIR}/tfjs.js`;
  const lock = require.resolve('@tensorflow/tfjs/package.json');
  if (existsSync(stamp) && statSync(stamp).mtimeMs > statSync(lock).mtimeMs) return;
  const entryPoints = Object.fromEntries(Object.entries(TF_ENTRIES).map(([spec, name]) => [name, spec]));
  await build({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: TF_BUNDLE_DIR,
    platform: 'browser',
    target: 'es2020',
    logLevel: quiet ? 'error' : 'warning',
    // The wasm backend's emscripten glue mentions Node modules it never loads in a browser.
    external: ['fs', 'path', 'worker_threads', 'perf_hooks', 'os', 'crypto', 'util'],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await prebundleTf();
