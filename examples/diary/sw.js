// The diary example's service worker: once the page was visited, the page, its CSS and script, and the
// drop-in files it used (`packages/elements/deploy/…`: scripts, chunks, wasm, models) come from Cache
// Storage when the network does not answer, so the diary opens offline. Its entries never pass here:
// they live encrypted in IndexedDB.
//
// - `moodiary-chunks/*` are named by their content: cache first (a new build asks for new names).
// - Everything else: the network first (a new version shows at once), the cache when offline.
// - One cache per version: a new worker removes the caches of older ones when it activates.
const VERSION = 1;
const CACHE = `moodiary-diary-v${VERSION}`;
const PREFIX = 'moodiary-diary-';

/** The page and what it needs at once, relative to this file; the rest is kept as the page uses it. */
const SHELL = [
  './',
  './diary.css',
  './diary.js',
  './manifest.json',
  './icons/icon.svg',
  '../../packages/elements/deploy/moodiary.js',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

/** Only this site's plain GETs are kept (no ranges, no other origins). */
const cacheable = (request) =>
  request.method === 'GET' &&
  new URL(request.url).origin === self.location.origin &&
  !request.headers.has('range');

/** Answers with `response` at once and keeps a copy (the worker stays alive until it is written). */
function keep(event, response) {
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
  }
  return response;
}

async function cacheFirst(event) {
  const cached = await caches.match(event.request, { cacheName: CACHE });
  return cached ?? keep(event, await fetch(event.request));
}

async function networkFirst(event) {
  const { request } = event;
  try {
    return keep(event, await fetch(request));
  } catch (error) {
    // A navigation with a query or a hash still opens the page kept for its path.
    const cached =
      (await caches.match(request, { cacheName: CACHE })) ??
      (request.mode === 'navigate'
        ? await caches.match(request.url.split('?')[0], { cacheName: CACHE })
        : undefined);
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (!cacheable(request)) return;
  event.respondWith(
    new URL(request.url).pathname.includes('/moodiary-chunks/') ? cacheFirst(event) : networkFirst(event),
  );
});

// The page lists what it loaded before this worker controlled it (its first visit): kept as well.
self.addEventListener('message', (event) => {
  const { type, urls } = event.data ?? {};
  if (type !== 'keep' || !Array.isArray(urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        urls
          .filter((url) => typeof url === 'string' && new URL(url).origin === self.location.origin)
          .map(async (url) => {
            if (!(await cache.match(url))) await cache.add(url).catch(() => {});
          }),
      ),
    ),
  );
});

// A reminder notification (shown by `<mood-diary>`): clicking it brings the diary forward.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) =>
        new URL(w.url).pathname.startsWith(new URL(self.registration.scope).pathname),
      );
      return open ? open.focus() : self.clients.openWindow(self.registration.scope);
    }),
  );
});
