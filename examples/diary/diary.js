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
