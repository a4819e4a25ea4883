// Every example page under the policy the README promises, sent as an HTTP header on every
// response: `default-src 'self'` (no inline script or style, no data: or blob: images). Each page
// loads without a violation or an error, and the pages with a camera read a real photo and show it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, type E2E } from './harness.js';
// @ts-expect-error: plain JavaScript helpers shared with the test runner config
import { FIXTURE_DIR, REPO_ROOT } from '../fixtures/paths.mjs';

const PHOTO = join(FIXTURE_DIR, 'one-face.jpg');
/** A 1×1 PNG as a kept thumbnail is stored: a data: URL. */
const THUMBNAIL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGO44KAAAAMUATH3v8xWAAAAAElFTkSuQmCC';

/** Page errors, console errors and policy violations (page and workers) seen while `page` is used. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('worker', (w) =>
    w.on('console', (m) => m.type() === 'error' && problems.push(`worker: ${m.text()}`)),
  );
  return async () => [
    ...problems,
    ...(await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations)),
  ];
}

/** Mean brightness of a shown picture's canvas: 0 for a blank or blocked one. */
async function paintedBrightness(page: Page, host: string, selector: string): Promise<number> {
  return page.evaluate(
    ([host, selector]) => {
      const canvas = document.querySelector(host)!.shadowRoot!.querySelector(selector) as HTMLCanvasElement;
      if (!canvas?.width) return 0;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let sum = 0;
      for (let i = 0; i < data.length; i += 4) sum += data[i]! + data[i + 1]! + data[i + 2]!;
      return sum / (data.length / 4) / 3;
    },
    [host, selector],
  );
}

/** Chooses the photo in `<mood-camera>` and waits for the reading. */
async function readPhoto(e2e: E2E) {
  const chooser = e2e.page.waitForEvent('filechooser');
  await e2e.page.locator('mood-camera [part=upload]').click();
  await (await chooser).setFiles(PHOTO);
  await e2e.page.locator('mood-camera[state=result]').waitFor({ timeout: 120_000 });
  await e2e.page.waitForFunction(
    () =>
      (document.querySelector('mood-camera')!.shadowRoot!.querySelector('[part=image]') as HTMLCanvasElement)
        ?.width > 0,
  );
  assert.ok((await paintedBrightness(e2e.page, 'mood-camera', '[part=image]')) > 20, 'the photo is shown');
}

test('the examples index loads under default-src self', async () => {
  const e2e = await openBrowser();
  try {
    const problems = watch(e2e.page);
    await e2e.page.goto(`${e2e.baseUrl}/examples/`);
    assert.equal(
      await e2e.page.evaluate(() => getComputedStyle(document.body).maxWidth),
      '640px',
      'its stylesheet applies',
    );
    assert.deepEqual(await problems(), []);
  } finally {
    await e2e.close();
  }
});

test('the drop-in example reads a photo, shows it and a kept thumbnail under default-src self', async () => {
  const e2e = await openBrowser();
  try {
    const problems = watch(e2e.page);
    await e2e.page.goto(`${e2e.baseUrl}/examples/drop-in/`);
    await readPhoto(e2e);
    // The page's own script runs (from a file): it logs events.
    assert.match(await e2e.page.locator('#log').innerText(), /mood-captured/);
    // A kept thumbnail, as the tracker shows it in a day's details.
    await e2e.page.evaluate((thumbnail) => {
      const tracker = document.querySelector('mood-tracker') as unknown as {
        entries: unknown[];
        today: string;
      };
      tracker.today = '2026-12-01';
      tracker.entries = [
        {
          id: 'a',
          localDate: '2026-12-01',
          createdAt: '2026-12-01T09:00:00.000Z',
          label: 'happy',
          thumbnail,
        },
      ];
    }, THUMBNAIL);
    await e2e.page.locator('mood-tracker [data-date="2026-12-01"]').first().click();
    await e2e.page.waitForFunction(
      () =>
        (
          document
            .querySelector('mood-tracker')!
            .shadowRoot!.querySelector('canvas.thumb') as HTMLCanvasElement
        )?.width === 1,
    );
    assert.ok(
      (await paintedBrightness(e2e.page, 'mood-tracker', 'canvas.thumb')) > 50,
      'the thumbnail is shown',
    );
    assert.deepEqual(await problems(), []);
  } finally {
    await e2e.close();
  }
});

test('the npm-import example, built with Vite, reads a photo under default-src self', async () => {
  const dist = mkdtempSync(join(tmpdir(), 'moodiary-npm-import-'));
  const build = spawnSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir'], {
    cwd: join(REPO_ROOT, 'examples/npm-import'),
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
  // As its README says: the model and wasm files are served from the site itself.
  cpSync(join(REPO_ROOT, 'models'), join(dist, 'models'), {
    recursive: true,
    filter: (path) => !path.includes('/training') && !path.includes('/test'),
  });
  const wasmDir = join(REPO_ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  for (const file of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm')))
    cpSync(join(wasmDir, file), join(dist, file));
  const e2e = await openBrowser({ rootDir: dist });
  try {
    const problems = watch(e2e.page);
    await e2e.page.goto(`${e2e.baseUrl}/`);
    assert.equal(await e2e.page.evaluate(() => getComputedStyle(document.body).maxWidth), '704px');
    await readPhoto(e2e);
    assert.deepEqual(await problems(), []);
  } finally {
    await e2e.close();
  }
});
