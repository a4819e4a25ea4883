// The diary example as a person uses it, in headless Chromium whose fake camera
// shows a real face: sign up → capture → result → save → tracker shows today →
// reload → still there → lock → unlock → export. Screenshots: out/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openBrowser } from './harness.js';

const NAME = '민지';
const PASSPHRASE = 'a quiet morning 1234';

async function waitForScreen(page: Page, screen: string) {
  await page.locator(`mood-diary[screen="${screen}"]`).waitFor({ timeout: 60_000 });
}

async function logIn(page: Page) {
  await waitForScreen(page, 'log-in');
  await page.locator('mood-diary #login-pass').fill(PASSPHRASE);
  await page.locator('mood-diary #login-submit').click();
  await waitForScreen(page, 'diary');
}

async function todayCard(page: Page) {
  await page.locator('mood-diary #tab-tracker').click();
  const card = page.locator('mood-diary mood-tracker [data-moment=today]');
  await card.waitFor();
  return card;
}

test('a person keeps a diary entry from a selfie across a reload, a lock and an export', async () => {
  const e2e = await openBrowser();
  const { page } = e2e;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.goto(`${e2e.baseUrl}/examples/diary/`);
    await page.evaluate(() => localStorage.setItem('moodiary-lang', 'en'));
    await page.reload();

    // Sign up.
    await waitForScreen(page, 'sign-up');
    await e2e.screenshot('1-sign-up');
    await page.locator('mood-diary #signup-name').fill(NAME);
    await page.locator('mood-diary #signup-pass').fill(PASSPHRASE);
    await page.locator('mood-diary #signup-pass2').fill(PASSPHRASE);
    await page.locator('mood-diary #signup-submit').click();
    await waitForScreen(page, 'diary');

    // Capture from the camera: the fake camera loops a real (happy) face.
    const camera = page.locator('mood-diary mood-camera');
    await page.locator('mood-diary mood-camera [part=start]').click();
    await page.locator('mood-diary mood-camera[state=live]').waitFor({ timeout: 60_000 });
    await e2e.screenshot('2-camera-live');
    await page.locator('mood-diary mood-camera [part=capture]').click();
    await page.locator('mood-diary mood-camera[state=result]').waitFor({ timeout: 120_000 });
    await e2e.screenshot('3-result');

    // The drop-in ran the models in its worker: the page itself never fetched a model file.
    assert.ok(
      page.workers().some((w) => w.url().endsWith('/moodiary-worker.js')),
      'moodiary-worker.js is running',
    );
    const pageFetches = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => entry.name),
    );
    assert.deepEqual(
      pageFetches.filter((url) => /\/models\/|\.wasm$/.test(url)),
      [],
      'no model or wasm file fetched by the page',
    );

    // Six probability bars that sum to about 1, and a face box.
    const bars = camera.locator('[part~=bars] li[data-label]');
    assert.equal(await bars.count(), 6);
    await camera.locator('[part~=face-box]').first().waitFor();

    await page.evaluate(() => {
      const diary = document.querySelector('mood-diary')!;
      diary.addEventListener(
        'mood-saved',
        (e) => ((window as unknown as { saved: unknown }).saved = (e as CustomEvent).detail),
      );
    });
    await camera.locator('[part~=note]').fill('첫 번째 일기 — first entry');
    await camera.locator('[part~=save]').click();
    await page.waitForFunction(() => (window as unknown as { saved?: unknown }).saved, undefined, {
      timeout: 30_000,
    });
    const saved = await page.evaluate(
      () => (window as unknown as { saved: { entry: { label: string; note: string } } }).saved,
    );
    const label = saved.entry.label;
    assert.ok(['happy', 'angry', 'sad', 'anxious', 'neutral', 'embarrassed'].includes(label), label);
    assert.equal(saved.entry.note, '첫 번째 일기 — first entry');

    // The tracker shows today's mood.
    let card = await todayCard(page);
    assert.doesNotMatch(await card.innerText(), /No entry/);
    await e2e.screenshot('4-tracker');

    // Reload: the diary is locked again and the entry is still there after log-in.
    await page.reload();
    await logIn(page);
    card = await todayCard(page);
    assert.doesNotMatch(await card.innerText(), /No entry/);

    // Lock, then a wrong passphrase is refused, the right one unlocks.
    await page.locator('mood-diary #lock').click();
    await waitForScreen(page, 'log-in');
    await page.locator('mood-diary #login-pass').fill('not my passphrase');
    await page.locator('mood-diary #login-submit').click();
    await page.locator('mood-diary #auth-error').waitFor();
    await e2e.screenshot('5-wrong-passphrase');
    await page.locator('mood-diary #login-pass').fill('');
    await logIn(page);

    // Export the diary as JSON: today's entry with its label and note is in it.
    await page.locator('mood-diary #tab-settings').click();
    await e2e.screenshot('6-settings');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('mood-diary #export-json').click(),
    ]);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    const entries: { label: string; note: string }[] = exported.entries ?? exported;
    assert.equal(entries.length, 1);
    assert.equal(entries[0].label, label);
    assert.equal(entries[0].note, '첫 번째 일기 — first entry');
    assert.deepEqual(errors, []);
    // All of it under the README's strict policy (the harness sends `default-src 'self'`).
    assert.deepEqual(
      await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations),
      [],
    );
  } catch (error) {
    await e2e.screenshot('failure').catch(() => undefined);
    throw error;
  } finally {
    await e2e.close();
  }
});
