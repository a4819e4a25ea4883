import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser } from './harness.js';

test('the drop-in bundle loads twice on one page without an error', async () => {
  const e2e = await openBrowser();
  try {
    const errors: string[] = [];
    e2e.page.on('pageerror', (error) => errors.push(error.message));
    e2e.page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await e2e.page.goto(`${e2e.baseUrl}/packages/elements/package.json`); // any page of the origin
    const version = await e2e.page.evaluate(async () => {
      const url = '/packages/elements/dist/moodiary.js';
      const first = await import(url);
      await import(`${url}?copy=2`); // a second copy, as when two scripts include it
      return first.VERSION as string;
    });
    assert.match(version, /^\d+\.\d+\.\d+$/);
    assert.deepEqual(errors, []);
  } finally {
    await e2e.close();
  }
});
