/** Browser-side helpers for the fixtures built by test/fixtures/build.mjs. */

export interface FixtureFace {
  label: string;
  box: { x: number; y: number; width: number; height: number };
}
export interface FixtureImage {
  file: string;
  width?: number;
  height?: number;
  faces?: FixtureFace[];
}
export interface FixtureManifest {
  hasFaces: boolean;
  images: Record<string, FixtureImage>;
}

export const FIXTURE_URL = '/.cache/fixtures/';

export async function fixtureManifest(): Promise<FixtureManifest> {
  const response = await fetch(`${FIXTURE_URL}manifest.json`);
  if (!response.ok) throw new Error('Fixtures are missing: run `node test/fixtures/build.mjs`.');
  return response.json();
}

export async function loadImage(name: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = `${FIXTURE_URL}${name}`;
  await image.decode();
  return image;
}

/** RGBA pixels of any drawable, at its own size or the given one. */
export function pixels(source: CanvasImageSource, width: number, height: number): Uint8ClampedArray {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.drawImage(source, 0, 0, width, height);
  return context.getImageData(0, 0, width, height).data;
}

/** Mean absolute difference of two RGBA buffers over the colour channels (0–255). */
export function meanDifference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) sum += Math.abs(a[i + c] - b[i + c]);
    count += 3;
  }
  return sum / count;
}
