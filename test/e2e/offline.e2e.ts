// The diary example is an installable web app: its manifest is linked, parses and names icons that
// exist at their stated sizes; once visited, its service worker keeps the page and the drop-in files it
// used, so a reload with the network off still opens the diary (log-in, then unlock) and reads a
// face. Served as `npm start` serves it, with the README's host policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { HOST_CSP, openBrowser } from './harness.js';
// @ts-expect-error: plain JavaScript helpers shared with the test runner config
import { FIXTURE_DIR } from '../fixtures/paths.mjs';

const PASSPHRASE = 'a quiet morning 1234';

async function screen(page: Page, name: string) {
  await page.locator(`mood-diary[screen="${name}"]`).waitFor({ timeout: 60_000 });
}

/** Chooses a real photo in the diary's camera and waits for the reading. */
async function readPhoto(page: Page) {
  await page
    .locator('mood-diary mood-camera input[type=file]')
    .setInputFiles(join(FIXTURE_DIR, 'one-face.jpg'));
  await page.locator('mood-diary mood-camera[state=result]').waitFor({ timeout: 120_000 });
}

test('the diary example has a manifest with icons, and opens offline once visited', async () => {
  const e2e = await openBrowser({ plain: true, csp: HOST_CSP });
  const { page, context } = e2e;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${e2e.baseUrl}/examples/diary/`);
    await page.evaluate(() => localStorage.setItem('moodiary-lang', 'en'));

    // The manifest: linked, valid JSON, standalone, and every icon is there at its size.
    const href = await page.locator('link[rel=manifest]').evaluate((l: HTMLLinkElement) => l.href);
    const manifestResponse = await page.request.get(href);
    assert.equal(manifestResponse.status(), 200);
    const manifest = JSON.parse(await manifestResponse.text());
    assert.match(manifest.name, /Moodiary/);
    assert.ok(manifest.short_name);
    assert.equal(manifest.display, 'standalone');
    assert.equal(new URL(manifest.start_url, href).href, `${e2e.baseUrl}/examples/diary/`);
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
    assert.match(manifest.background_color, /^#[0-9a-f]{6}$/);
    const sizes = new Set<string>();
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      const response = await page.request.get(new URL(icon.src, href).href);
      assert.equal(response.status(), 200, icon.src);
      assert.equal(response.headers()['content-type'], icon.type, icon.src);
      const body = await response.body();
      if (icon.type === 'image/png') {
        // The PNG header's width and height are the size the manifest states.
        assert.equal(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`, icon.sizes, icon.src);
      } else assert.match(body.toString(), /<svg[^>]*viewBox="0 0 512 512"/);
      sizes.add(icon.sizes);
    }
    assert.ok(sizes.has('192x192') && sizes.has('512x512'), 'the sizes an install asks for');

    // Sign up, online, with the service worker in control of the page: reloaded once it is active
    // (a navigation that starts while it activates stays uncontrolled, and its claim misses it).
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await screen(page, 'sign-up');
    await page.locator('mood-diary #signup-name').fill('민지');
    await page.locator('mood-diary #signup-pass').fill(PASSPHRASE);
    await page.locator('mood-diary #signup-pass2').fill(PASSPHRASE);
    await page.locator('mood-diary #signup-submit').click();
    await screen(page, 'diary');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 30_000,
    });
    // A face read once online: the model worker, TF.js, the wasm and the models come through the
    // service worker, which keeps them.
    await readPhoto(page);
    // The tracker, as a visit would open it.
    await page.locator('mood-diary #tab-tracker').click();
    await page.locator('mood-diary mood-tracker [data-date]').first().waitFor();
    // The views of the open diary were kept (they loaded before the worker was in control).
    await page.waitForFunction(
      async () => {
        const kept = new Set<string>();
        for (const name of await caches.keys())
          for (const request of await (await caches.open(name)).keys()) kept.add(request.url);
        const used = performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((url) => url.includes('/moodiary-chunks/'));
        return used.length > 0 && used.every((url) => kept.has(url));
      },
      undefined,
      { timeout: 30_000, polling: 250 },
    );

    // Offline: the page, its script and the drop-in come from the cache; the diary opens.
    await context.setOffline(true);
    const reloaded = await page.reload();
    assert.ok(reloaded?.fromServiceWorker(), 'the page came from the service worker');
    await screen(page, 'log-in');
    await page.locator('mood-diary #login-pass').fill(PASSPHRASE);
    await page.locator('mood-diary #login-submit').click();
    await screen(page, 'diary');
    await page.locator('mood-diary #tab-tracker').click();
    await page.locator('mood-diary mood-tracker [data-date]').first().waitFor();
    // And a face is read offline: the model worker and everything it loads come from the cache.
    await page.locator('mood-diary #tab-today').click();
    await readPhoto(page);
    // The network really is off: what was never kept cannot be had.
    assert.equal(
      await page.evaluate(() =>
        fetch(`/examples/never-visited-${Date.now()}.css`).then(
          () => 'answered',
          () => 'failed',
        ),
      ),
      'failed',
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(
      await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations),
      [],
    );
  } catch (error) {
    await e2e.screenshot('offline-failure').catch(() => undefined);
    throw error;
  } finally {
    await e2e.close();
  }
});
