const diary = document.getElementById('diary');
// The language follows the settings; remember it for the next visit.
const saved = localStorage.getItem('moodiary-lang');
if (saved) diary.lang = saved;
diary.addEventListener('mood-lang-change', (e) => {
  localStorage.setItem('moodiary-lang', e.detail.lang);
  document.documentElement.lang = e.detail.lang;
});
for (const type of [
  'mood-profile-unlocked',
  'mood-profile-locked',
  'mood-saved',
  'mood-deleted',
  'mood-error',
]) {
  diary.addEventListener(type, (e) => console.info(type, e.detail));
}

// Installable and offline once visited: sw.js keeps the page and the drop-in files it used. Its scope
// is the site (the server allows it with `Service-Worker-Allowed: /`), so that the drop-in's model
// worker — a script outside this folder, controlled only if its own URL is in scope — reads faces
// offline too; a server that does not allow it gets a worker for the diary's folder (no face reading
// offline).
if ('serviceWorker' in navigator) {
  const sw = navigator.serviceWorker;
  // What loaded before the worker controlled the page (a first visit) passed it by: listed for it to keep.
  const keepLoaded = () =>
    sw.controller?.postMessage({
      type: 'keep',
      urls: [location.href, ...performance.getEntriesByType('resource').map((entry) => entry.name)],
    });
  if (sw.controller) keepLoaded();
  else sw.addEventListener('controllerchange', keepLoaded, { once: true });
  sw.register('./sw.js', { scope: '/' })
    .catch(() => sw.register('./sw.js'))
    .catch((error) => console.warn('The diary cannot work offline here:', error));
}
