const camera = document.getElementById('camera');
const tracker = document.getElementById('tracker');
const log = document.getElementById('log');
const show = (type, detail) => {
  const safe = JSON.stringify(detail, (k, v) => (k === 'image' || k === 'thumbnail' ? '…' : v));
  log.textContent = `${new Date().toLocaleTimeString()} ${type} ${safe}\n` + log.textContent;
};
for (const type of [
  'mood-captured',
  'mood-save',
  'mood-saved',
  'mood-error',
  'mood-camera-change',
  'mood-model-progress',
  'mood-song-select',
  'mood-entry-select',
  'mood-deleted',
  'mood-updated',
]) {
  document.addEventListener(type, (e) =>
    show(type, type === 'mood-error' ? { code: e.detail.code, message: e.detail.error.message } : e.detail),
  );
}
// The host keeps entries itself: plain data in the tracker.
camera.addEventListener('mood-saved', (e) => {
  tracker.entries = [...tracker.entries, { id: crypto.randomUUID(), ...e.detail.entry }];
});
document.getElementById('lang').addEventListener('change', (e) => {
  camera.lang = tracker.lang = e.target.value;
});
document.getElementById('theme').addEventListener('change', (e) => {
  camera.theme = tracker.theme = e.target.value;
});
