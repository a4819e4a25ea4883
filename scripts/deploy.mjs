// Assembles `packages/elements/deploy/`: the drop-in bundle as a site hosts it, copied from the build
// in `packages/elements/dist/`. Only what a page or its worker fetches, plus the licence notices: no
// source maps (published in the npm package), no type declarations, no baseline model, no model card,
// golden or metrics files, no `full` face detector (a host that sets `detectorRange: 'full'` copies
// `models/face-detection/full.*` from the package). The README lists the result and a test keeps the two
// equal (test/e2e/deploy.e2e.ts).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { globSync } from 'tinyglobby';

export const DEPLOY_DIR = 'packages/elements/deploy';
const FROM = 'packages/elements/dist';

/** What is hosted, as globs under the build folder (and the licence from the repository root). */
const HOSTED = [
  'moodiary.js',
  'moodiary-worker.js',
  'moodiary-chunks/*.js',
  // SIMD, or plain where WebAssembly has no SIMD; never the threaded binary (the SDK runs WASM
  // single-threaded: its threads would start from a blob: worker, which `default-src 'self'` forbids)
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'models/face-detection/short.{json,bin}',
  'models/face-detection/NOTICE',
  'models/emotion/{descriptor,model}.json',
  'models/emotion/model.bin',
];

export function assembleDeploy() {
  rmSync(DEPLOY_DIR, { recursive: true, force: true });
  const files = globSync(HOSTED, { cwd: FROM });
  for (const file of files) {
    mkdirSync(dirname(join(DEPLOY_DIR, file)), { recursive: true });
    cpSync(join(FROM, file), join(DEPLOY_DIR, file));
  }
  cpSync('LICENSE', join(DEPLOY_DIR, 'LICENSE'));
  return [...files, 'LICENSE'].sort();
}

if (import.meta.url === `file://${process.argv[1]}`) assembleDeploy();
