// The deploy folder (`packages/elements/deploy/`, made by `npm run build`) is what a site hosts: it
// holds exactly the files the README lists, and the drop-in and diary examples work from it alone,
// served by a plain static file server with the README's headers (no repository, no source maps).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import type { Page } from 'playwright-core';
import { HOST_CSP, openBrowser } from './harness.js';
// @ts-expect-error: plain JavaScript helpers shared with the test runner config
import { FIXTURE_DIR, REPO_ROOT } from '../fixtures/paths.mjs';

const DEPLOY = join(REPO_ROOT, 'packages/elements/deploy');
const PHOTO = join(FIXTURE_DIR, 'one-face.jpg');

/** The file rows of the README's deploy table: `| \`path or glob\` | … |` between its two markers. */
function listedFiles(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const table = readme.split('<!-- deploy-files -->')[1] ?? '';
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}

test('the deploy folder holds exactly the files the README lists', () => {
  const listed = listedFiles();
  assert.ok(listed.length > 5, 'the README lists the deploy files');
  const files = globSync('**', { cwd: DEPLOY }).sort();
  const covered = new Set<string>();
  for (const pattern of listed) {
    const matched = globSync(pattern, { cwd: DEPLOY });
    assert.ok(matched.length > 0, `${pattern} is in the folder`);
    matched.forEach((f) => covered.add(f));
  }
  assert.deepEqual(
    files.filter((f) => !covered.has(f)),
    [],
    'no file beyond the list',
  );
  assert.deepEqual(
    files.filter((f) => /\.(map|ts)$|golden|metrics|baselines|full\./.test(f)),
    [],
  );
});

/** Every failed request and page error from now on (a file missing from the folder shows as a 404). */
function failures(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  page.on('pageerror', (error) => failed.push(`pageerror: ${error.message}`));
  return failed;
}

/** A site: the two example pages and, beside them, only the deploy folder. */
function site(): string {
  const root = mkdtempSync(join(tmpdir(), 'moodiary-site-'));
  for (const path of ['examples/drop-in', 'examples/diary', 'examples/examples.css'])
    cpSync(join(REPO_ROOT, path), join(root, path), { recursive: true });
  cpSync(DEPLOY, join(root, 'packages/elements/deploy'), { recursive: true });
  return root;
}

test('the drop-in and the diary, hosted from the deploy folder alone, read a photo', async () => {
  const e2e = await openBrowser({ rootDir: site(), plain: true, csp: HOST_CSP });
  const { page } = e2e;
  const failed = failures(page);
  try {
    await page.goto(`${e2e.baseUrl}/examples/drop-in/`);
    await page.locator('mood-camera input[type=file]').setInputFiles(PHOTO);
    await page.locator('mood-camera[state=result]').waitFor({ timeout: 120_000 });

    await page.goto(`${e2e.baseUrl}/examples/diary/`);
    await page.locator('mood-diary #signup-name').fill('민지');
    for (const field of ['#signup-pass', '#signup-pass2'])
      await page.locator(`mood-diary ${field}`).fill('a quiet morning 1234');
    await page.locator('mood-diary #signup-submit').click();
    await page.locator('mood-diary mood-camera input[type=file]').setInputFiles(PHOTO);
    await page.locator('mood-diary mood-camera[state=result]').waitFor({ timeout: 120_000 });
    assert.deepEqual(failed, []);
  } finally {
    await e2e.close();
  }
});

// A cross-origin isolated page has SharedArrayBuffer, where TF.js would pick the threaded WASM binary
// (not in the folder: it starts its threads from a blob: worker, which `default-src 'self'` forbids).
test('a cross-origin isolated page reads a photo from the deploy folder without asking for the threaded WASM binary', async () => {
  const e2e = await openBrowser({ rootDir: site(), plain: true, csp: HOST_CSP, isolated: true });
  const { page } = e2e;
  const failed = failures(page);
  try {
    await page.goto(`${e2e.baseUrl}/examples/drop-in/`);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    const backend = page.evaluate(
      () =>
        new Promise<string | undefined>((resolve) =>
          document.addEventListener('mood-captured', (e) => resolve(e.detail.result.backend), { once: true }),
        ),
    );
    await page.locator('mood-camera input[type=file]').setInputFiles(PHOTO);
    await page.locator('mood-camera[state=result]').waitFor({ timeout: 120_000 });
    // Where WebGL is drawn in software (no GPU: CI), `auto` must have started WASM.
    const software = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return /swiftshader|llvmpipe|software/i.test(
        String(info && gl?.getParameter(info.UNMASKED_RENDERER_WEBGL)),
      );
    });
    assert.equal(await backend, software ? 'wasm' : 'webgl');
    assert.deepEqual(failed, []);
  } finally {
    await e2e.close();
  }
});
