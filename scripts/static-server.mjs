// A plain static file server on 127.0.0.1, sending what the README asks of hosts ("What the host
// sends"): a MIME type for every hosted file, long caching for the content-hashed chunks, a site-wide
// scope for a service worker. Nothing else: no module resolution, no transforms, no fallback page.
// Used by `npm start`, the end-to-end tests and `npm run bench -- first-result`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm', // streaming compilation refuses any other type
  '.bin': 'application/octet-stream',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Hashed chunk names change with their content: cached for a year; the rest is revalidated. */
export const cacheControl = (path) =>
  path.includes('/moodiary-chunks/') ? 'public, max-age=31536000, immutable' : 'no-cache';

/**
 * A page's service worker (`sw.js`) may control the whole site: the diary example's keeps the
 * drop-in's model worker too, which it controls only if that worker's own URL is in its scope.
 */
const workerScope = (path) => (path.endsWith('/sw.js') ? { 'Service-Worker-Allowed': '/' } : {});

/**
 * Serves `root` on 127.0.0.1:`port` (0: any free port) with `headers` on every answer. Rejects with
 * the listen error (`EADDRINUSE` when the port is busy).
 */
export async function serveStatic(root, { port = 0, headers = {} } = {}) {
  root = resolve(root);
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    let file = join(root, path);
    if (file !== root && !file.startsWith(root + sep)) return void response.writeHead(403, headers).end();
    try {
      if ((await stat(file)).isDirectory()) {
        if (!path.endsWith('/'))
          return void response.writeHead(301, { ...headers, Location: `${path}/` }).end();
        file = join(file, 'index.html');
      }
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': MIME_TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': cacheControl(path),
        ...workerScope(path),
        ...headers,
      });
      response.end(body);
    } catch {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  return {
    port: server.address().port,
    stop: () => new Promise((ok) => server.close(() => ok())),
  };
}
