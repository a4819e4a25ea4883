// End-to-end harness: serves the repo root on a free loopback port and drives
// headless Chromium with Playwright, its fake camera looping a real face.
// Screenshots go to out/screenshots (ignored by git, kept as CI artefacts).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startDevServer } from '@web/dev-server';
// @ts-expect-error: plain JavaScript, shared with `npm start`
import { serveStatic } from '../../scripts/static-server.mjs';
// @ts-expect-error: plain JavaScript helpers shared with the test runner config
import { CHROMIUM_ARGS, fakeCameraArgs, findChromium } from '../../scripts/chromium.mjs';
// @ts-expect-error: plain JavaScript helpers shared with the test runner config
import { CAMERA_VIDEO, REPO_ROOT } from '../fixtures/paths.mjs';

export const SCREENSHOT_DIR = resolve(REPO_ROOT, 'out/screenshots');

export interface E2E {
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** The policy the README promises works: every response carries it, as a strict host would send it. */
export const STRICT_CSP = "default-src 'self'";
/** What the README asks of hosts: strict, plus WebAssembly compilation for the faster WASM backend. */
export const HOST_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

export interface BrowserOptions {
  /** The Content-Security-Policy header on every response (default: {@link STRICT_CSP}). */
  csp?: string;
  /** The folder served (default: the repository). */
  rootDir?: string;
  /** Serve it with the plain static file server of `npm start` (host headers) instead of the dev server. */
  plain?: boolean;
  /** With `plain`: also send COOP/COEP, so the page is cross-origin isolated (`SharedArrayBuffer` exists). */
  isolated?: boolean;
}

export async function openBrowser({
  csp = STRICT_CSP,
  rootDir = REPO_ROOT,
  plain = false,
  isolated = false,
}: BrowserOptions = {}): Promise<E2E> {
  const isolation = isolated
    ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
    : {};
  const server = plain
    ? await serveStatic(rootDir, { headers: { 'Content-Security-Policy': csp, ...isolation } })
    : await devServer(rootDir, csp);
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'moodiary-e2e-')), {
    executablePath: findChromium(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...fakeCameraArgs(CAMERA_VIDEO)],
    viewport: { width: 1100, height: 900 },
    permissions: ['camera'],
  });
  await context.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  // Every policy violation the page or its workers see, for tests to assert there are none.
  await context.addInitScript(() => {
    const seen: string[] = ((globalThis as unknown as { cspViolations: string[] }).cspViolations = []);
    globalThis.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    baseUrl: `http://127.0.0.1:${server.port}`,
    context,
    page,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      await server.stop();
    },
  };
}

/** The repository's dev server (no module resolution) sending `csp` on every response. */
async function devServer(rootDir: string, csp: string) {
  const server = await startDevServer({
    config: {
      rootDir,
      port: 0,
      hostname: '127.0.0.1',
      nodeResolve: false,
      middleware: [
        async (context, next) => {
          await next();
          context.set('Content-Security-Policy', csp);
        },
      ],
    },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const address = server.server?.address();
  return {
    port: typeof address === 'object' && address ? address.port : server.config.port,
    stop: () => server.stop(),
  };
}
