import { FIXTURE_URL } from './images.js';

/**
 * The real models as the test runner serves them, on the WASM backend (the same figures on every
 * machine: headless Chromium's WebGL is a software renderer).
 */
export const TEST_MODEL_CONFIG = {
  modelBaseUrl: '/models/',
  backend: 'wasm',
  wasmPaths: '/node_modules/@tensorflow/tfjs-backend-wasm/dist/',
} as const;

/** Whether the face photos were built (at test time, from licensed data: `node test/fixtures/build.mjs`). */
export async function hasFacePhotos(): Promise<boolean> {
  const manifest = await fetch(`${FIXTURE_URL}manifest.json`);
  return manifest.ok && (await manifest.json()).hasFaces === true;
}
