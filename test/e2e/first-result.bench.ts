// `npm run bench -- first-result`: what a person waits through, in headless Chromium driven by
// Playwright, on the built examples (`npm run build` first). For the drop-in and the diary: page
// open → first analysed photo with an empty cache and on a reload, the shutter → result, and the
// stages on the way (read from the page's timings and the worker's `moodiary:*` User Timing marks).
// Each run is a fresh browser profile (empty cache) followed by a reload in the same profile.
// Also under CDP CPU throttling ×4 (a phone-class stand-in). Medians of BENCH_RUNS runs (default 3).
// The pages load the deploy folder from a plain static server sending the README's host headers
// (scripts/static-server.mjs: MIME types, caching; the HOST_CSP policy).
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { HOST_CSP, openBrowser, type E2E } from './harness.js';
// @ts-expect-error: plain JavaScript helpers shared with the test runner config
import { FIXTURE_DIR } from '../fixtures/paths.mjs';

const PHOTO = join(FIXTURE_DIR, 'one-face.jpg');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PASSPHRASE = 'a quiet morning 1234';

type Times = Record<string, number>;

/**
 * Page-side timings, all in ms since navigation start, kept on `globalThis.benchTimes`. A string: tsx
 * wraps named functions in a helper the page does not have.
 */
const RECORD_TIMES = `{
  const t = (globalThis.benchTimes = {});
  const at = (name) => (t[name] ??= performance.now());
  customElements.whenDefined('mood-camera').then(() => at('elements defined'));
  addEventListener('mood-captured', () => at('result on screen'), true);
  addEventListener('mood-model-progress', (e) => e.detail.ready && at('model ready (page told)'), true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') at('first paint');
  }).observe({ type: 'paint', buffered: true });
}`;

/** Times of the worker's stage marks, in ms since the page's navigation start. */
async function workerStages(page: Page, worker: Worker | undefined): Promise<Times> {
  if (!worker) return {};
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  const { origin, marks } = await worker.evaluate(() => ({
    origin: performance.timeOrigin,
    marks: performance
      .getEntriesByType('mark')
      .map((m) => [m.name, m.startTime, (m as PerformanceMark).detail] as const),
  }));
  const out: Times = { 'worker started': origin - pageOrigin };
  for (const [name, at, detail] of marks)
    if (name.startsWith('moodiary:'))
      out[`worker ${name.slice(9)}${typeof detail === 'string' ? ` (${detail})` : ''}`] =
        origin + at - pageOrigin;
  return out;
}

async function choosePhoto(page: Page) {
  await page.locator('mood-camera [part=upload]').waitFor();
  await page.evaluate(
    () => ((globalThis as unknown as { benchTimes: Times }).benchTimes['shutter'] = performance.now()),
  );
  await page.locator('mood-camera input[type=file]').setInputFiles(PHOTO);
}

async function waitForResult(page: Page): Promise<Times> {
  await page.waitForFunction(
    () => (globalThis as unknown as { benchTimes: Times }).benchTimes['result on screen'] !== undefined,
    undefined,
    { timeout: 120_000, polling: 50 },
  );
  const times = await page.evaluate(() => ({
    ...(globalThis as unknown as { benchTimes: Times }).benchTimes,
    'html loaded': (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd,
  }));
  return times;
}

/** Opens the page and captures: the drop-in with a file as soon as the picker shows (or after `waitMs`). */
async function dropIn(page: Page, url: string, waitMs: number): Promise<Times> {
  await page.goto(`${url}/examples/drop-in/`, { waitUntil: 'commit' });
  await page.locator('mood-camera [part=upload]').waitFor();
  if (waitMs) await page.waitForFunction((ms) => performance.now() >= ms, waitMs);
  await choosePhoto(page);
  return waitForResult(page);
}

/** The diary: sign up (or log in), turn the camera on, press the shutter as soon as it is live. */
async function diary(page: Page, url: string, reload: boolean): Promise<Times> {
  await page.goto(`${url}/examples/diary/`, { waitUntil: 'commit' });
  if (reload) {
    await page.locator('mood-diary #login-pass').fill(PASSPHRASE);
    await page.locator('mood-diary #login-submit').click();
  } else {
    await page.locator('mood-diary #signup-name').fill('민지');
    await page.locator('mood-diary #signup-pass').fill(PASSPHRASE);
    await page.locator('mood-diary #signup-pass2').fill(PASSPHRASE);
    await page.locator('mood-diary #signup-submit').click();
  }
  await page.locator('mood-diary[screen="diary"]').waitFor({ timeout: 60_000 });
  await page.locator('mood-diary mood-camera [part=start]').click();
  await page.locator('mood-diary mood-camera[state=live]').waitFor({ timeout: 60_000 });
  await page.evaluate(
    () => ((globalThis as unknown as { benchTimes: Times }).benchTimes['shutter'] = performance.now()),
  );
  await page.locator('mood-diary mood-camera [part=capture]').click();
  return waitForResult(page);
}

/**
 * The baseline, timed in the same run: the drop-in as it was before the backend was chosen by
 * measuring and the model loaded ahead — WebGL (here SwiftShader) and loading on first use.
 */
const AS_BEFORE = `customElements.whenDefined('mood-camera').then(() => {
  for (const camera of document.querySelectorAll('mood-camera')) {
    camera.preload = 'none';
    camera.detectorConfig = { backend: 'webgl' };
  }
});`;

type Scenario = (page: Page, url: string, reload: boolean) => Promise<Times>;

/** One fresh profile: the empty-cache visit, then a reload. */
async function visitTwice(scenario: Scenario, throttle: number, asBefore = false): Promise<[Times, Times]> {
  const e2e: E2E = await openBrowser({ csp: HOST_CSP, plain: true });
  try {
    const { page } = e2e;
    const cdp = await e2e.context.newCDPSession(page);
    if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.addInitScript(RECORD_TIMES);
    if (asBefore) await page.addInitScript(AS_BEFORE);
    const out: Times[] = [];
    for (const reload of [false, true]) {
      let worker: Worker | undefined;
      const onWorker = (w: Worker) => (worker ??= w);
      page.on('worker', onWorker);
      const times = await scenario(page, e2e.baseUrl, reload);
      page.off('worker', onWorker);
      out.push({ ...times, ...(await workerStages(page, worker)) });
    }
    return [out[0]!, out[1]!];
  } finally {
    await e2e.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Medians of each stage over the runs, in time order, with the two headline figures. */
function report(title: string, runs: Times[]) {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  const rows = names
    .map((name) => {
      const xs = runs.map((r) => r[name]).filter((x): x is number => x !== undefined);
      return [name, median(xs)] as const;
    })
    .sort((a, b) => a[1] - b[1]);
  const open = median(runs.map((r) => r['result on screen']!));
  const shutter = median(runs.map((r) => r['result on screen']! - r['shutter']!));
  console.log(
    `  ${title}: open → result ${(open / 1000).toFixed(2)} s · shutter → result ${shutter.toFixed(0)} ms (median of ${runs.length})`,
  );
  console.log(`    ${rows.map(([n, v]) => `${n} ${v.toFixed(0)}`).join(' · ')}`);
}

const scenarios: [string, Scenario, boolean?][] = [
  ['drop-in, photo chosen as soon as the picker shows', (p, u) => dropIn(p, u, 0)],
  ['drop-in, photo chosen once the page has been open 3 s', (p, u) => dropIn(p, u, 3000)],
  ['diary, shutter as soon as the camera is live after sign-up / log-in', diary],
  [
    'baseline: drop-in as before (WebGL, model loaded on first use), photo at once',
    (p, u) => dropIn(p, u, 0),
    true,
  ],
];
const throttles = (process.env.BENCH_THROTTLE ?? '1,4').split(',').map(Number);

console.log(
  `first result (Playwright + Chromium, CSP "${HOST_CSP}"; times in ms since navigation start; ${RUNS} runs)`,
);
for (const throttle of throttles)
  for (const [title, scenario, asBefore = false] of scenarios) {
    if (asBefore && throttle > 1) continue; // one baseline is enough to calibrate the run
    const cold: Times[] = [];
    const warm: Times[] = [];
    for (let i = 0; i < RUNS; i++) {
      const [c, w] = await visitTwice(scenario, throttle, asBefore);
      cold.push(c);
      warm.push(w);
    }
    const cpu = throttle > 1 ? ` · CPU ×${throttle}` : '';
    report(`${title} · empty cache${cpu}`, cold);
    report(`${title} · reload${cpu}`, warm);
  }
