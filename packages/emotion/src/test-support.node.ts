// Helpers shared by the Node tests (not part of the package API).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Box } from './types.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = join(REPO_ROOT, '.cache/fixtures');
export const MODELS_URL = pathToFileURL(join(REPO_ROOT, 'models')).href + '/';
export const WASM_DIR = join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/');

export interface FixtureImage {
  file: string;
  width?: number;
  height?: number;
  faces?: { label: string; box: Box }[];
}
export interface Manifest {
  hasFaces: boolean;
  images: Record<string, FixtureImage>;
}

/** Builds the fixtures when missing (fast when present) and returns the manifest. */
export function manifest(): Manifest {
  const path = join(FIXTURES, 'manifest.json');
  if (!existsSync(path))
    spawnSync(process.execPath, [join(REPO_ROOT, 'test/fixtures/build.mjs')], { stdio: 'inherit' });
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

export const fixture = (file: string) => new Uint8Array(readFileSync(join(FIXTURES, file)));

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  return inter / (a.width * a.height + b.width * b.height - inter);
}
