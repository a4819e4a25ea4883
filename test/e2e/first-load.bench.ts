// `npm run bench -- first-load`: what a page downloads before it first shows Moodiary (`npm run build`
// first). Each example is opened in headless Chromium from a plain static server (fresh profile);
// every script and JSON file that arrived before the page's first screen showed counts (the drop-in
// fetches the elements in the page first and the others after they rendered; the diary its views
// after its sign-in). Also shown: the static import closure of `moodiary.js` and of the page's tags'
// define chunks, read from the built files (the floor: what any first screen needs), and what the page
// fetched in all until the network was idle (models excluded: they load once a camera asks). Sizes
// are gzip -9, as a host serving compressed files sends them.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HOST_CSP, openBrowser } from './harness.js';
// @ts-expect-error: plain JavaScript helpers shared with the test runner config
import { REPO_ROOT } from '../fixtures/paths.mjs';

const TARGET_KB = 40;
const DEPLOY = join(REPO_ROOT, 'packages/elements/deploy');
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** `file` and every module it imports statically (`import … from "./x.js"`, `import "./x.js"`; not `import()`). */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g))
    closure(resolve(dirname(file), spec!), seen);
  return seen;
}

/** The chunk each tag's registration is in, from the drop-in's table of lazy defines. */
function defineChunks(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of closure(join(DEPLOY, 'moodiary.js')))
    for (const [, tag, spec] of readFileSync(file, 'utf8').matchAll(
      /"(mood-[a-z-]+)":\(\)=>import\("([^"]+)"\)/g,
    ))
      out.set(tag!, resolve(dirname(file), spec!));
  return out;
}

/** Each example and its first screen: an element in the page and a node in its shadow root. */
const pages: [string, string, [string, string]][] = [
  ['drop-in (a camera and a tracker)', 'examples/drop-in/', ['mood-camera', '[part=upload]']],
  ['diary (locked: its sign-up screen)', 'examples/diary/', ['mood-diary', 'mood-sign-in']],
];

console.log(`first load (gzip -9; target ≤ ${TARGET_KB} KB before the first screen)`);
const defines = defineChunks();
if (defines.size === 0) throw new Error('no lazy define table found in the built moodiary.js');
for (const [title, path, firstScreen] of pages) {
  const html = readFileSync(join(REPO_ROOT, path, 'index.html'), 'utf8').replace(/<!--[^]*?-->/g, '');
  const tags = [...defines.keys()].filter((tag) => html.includes(`<${tag}`));
  const first = new Set<string>();
  for (const file of [join(DEPLOY, 'moodiary.js'), ...tags.map((t) => defines.get(t)!)]) closure(file, first);

  const e2e = await openBrowser({ csp: HOST_CSP, plain: true });
  const sizes = new Map<string, number>(); // every script and JSON file the page fetched → gzipped size
  let arrived: string[] = [];
  try {
    const bodies: Promise<void>[] = [];
    e2e.page.on('response', (response) => {
      const url = response.url();
      if (!/\.(m?js|json)$/.test(new URL(url).pathname)) return;
      bodies.push(
        response
          .body()
          .then((body) => void sizes.set(url, gzipSync(body, { level: 9 }).length))
          .catch(() => undefined),
      );
    });
    // The moment the first screen is on the page, seen from inside it (each frame), and the files
    // whose responses ended before it.
    await e2e.page.addInitScript(`{
      const [host, part] = ${JSON.stringify(firstScreen)};
      const look = () => document.querySelector(host)?.shadowRoot?.querySelector(part)
        ? (globalThis.firstScreenAt = performance.now()) : requestAnimationFrame(look);
      requestAnimationFrame(look);
    }`);
    await e2e.page.goto(`${e2e.baseUrl}/${path}`);
    await e2e.page.waitForFunction(() => 'firstScreenAt' in globalThis, undefined, { timeout: 60_000 });
    await e2e.page.waitForLoadState('networkidle');
    await Promise.all(bodies);
    arrived = await e2e.page.evaluate(() => {
      const at = (globalThis as unknown as { firstScreenAt: number }).firstScreenAt;
      return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.responseEnd <= at)
        .map((e) => e.name);
    });
  } finally {
    await e2e.close();
  }
  const before = [...sizes].filter(([url]) => arrived.includes(url) && url.includes('/deploy/'));
  const firstGz = before.reduce((n, [, x]) => n + x, 0);
  const all = [...sizes.values()].reduce((n, x) => n + x, 0);
  const floor = [...first].reduce((n, f) => n + gz(f), 0);
  const mark = firstGz <= TARGET_KB * 1024 ? '✔' : '✘';
  console.log(
    `  ${title} <${tags.join('>, <')}>: first load ${kb(firstGz)} in ${before.length} files ${mark} (static closure ${kb(floor)}); in all ${kb(all)} in ${sizes.size} files`,
  );
  const list = before.sort((a, b) => b[1] - a[1]);
  console.log(`    ${list.map(([f, n]) => `${f.replace(/^.*\//, '')} ${kb(n)}`).join(' · ')}`);
}
