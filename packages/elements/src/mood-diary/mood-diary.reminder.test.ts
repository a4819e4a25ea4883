import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../define/mood-diary.js';
import type { MoodDiary } from './mood-diary.js';
import type { MoodSettings } from '../mood-settings/mood-settings.js';
import { openDiary, type ProfileEntryStore } from '@moodiary/store';
import { DEFAULT_STRINGS } from '../internal/i18n.js';
import { FakeDetector } from '../internal/testing/fakes.js';
import { MoodSavedEvent } from '../internal/events.js';
import { isoDate } from '../internal/dates.js';

/** `s` in the diary's shadow root, or in that of the `<mood-sign-in>` or `<mood-settings>` it shows. */
const $ = <T extends HTMLElement = HTMLElement>(el: Element, s: string): T | null => {
  const root = el.shadowRoot!;
  const parts = [...root.querySelectorAll('mood-sign-in, mood-settings')].map((c) => c.shadowRoot!);
  for (const r of [root, ...parts]) {
    const found = r.querySelector<T>(s);
    if (found) return found;
  }
  return null;
};

function fill(el: MoodDiary, id: string, value: string, type = 'input') {
  const input = $<HTMLInputElement>(el, `#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event(type));
}

let n = 0;
const PASS = 'correct horse battery';

async function signUp(el: MoodDiary) {
  await waitUntil(() => el.screen === 'sign-up', 'sign-up screen');
  fill(el, 'signup-name', '민지');
  fill(el, 'signup-pass', PASS);
  fill(el, 'signup-pass2', PASS);
  const unlocked = oneEvent(el, 'mood-profile-unlocked');
  $<HTMLButtonElement>(el, '#signup-submit')!.click();
  return (await unlocked).detail.store as ProfileEntryStore;
}

async function logIn(el: MoodDiary) {
  await waitUntil(() => el.screen === 'log-in', 'log-in screen');
  fill(el, 'login-pass', PASS);
  const unlocked = oneEvent(el, 'mood-profile-unlocked');
  $<HTMLButtonElement>(el, '#login-submit')!.click();
  return (await unlocked).detail.store as ProfileEntryStore;
}

/** Today at `hh:mm`, local time. */
function todayAt(time: string): Date {
  const [h, m] = time.split(':').map(Number);
  const d = new Date();
  d.setHours(h!, m!, 0, 0);
  return d;
}

const settingsOf = (el: MoodDiary) => el.shadowRoot!.querySelector<MoodSettings>('#settings')!;

describe('<mood-diary>: the daily reminder', function () {
  this.timeout(60_000);

  it('keeps the switch and the time in the profile across a lock and an unlock, and says what the browser allows', async () => {
    const diary = await openDiary({ name: `reminder-test-${Date.now()}-${++n}`, kdfIterations: 10_000 });
    const el = await fixture<MoodDiary>(
      html`<mood-diary lang="en" .diary=${diary} .detector=${new FakeDetector()}></mood-diary>`,
    );
    await signUp(el);
    el.tab = 'settings';
    await waitUntil(
      () => $(el, '#reminder-switch') && !$<HTMLInputElement>(el, '#reminder-switch')!.disabled,
      'loaded',
    );
    const en = DEFAULT_STRINGS.en;
    expect($<HTMLInputElement>(el, '#reminder-switch')!.checked, 'off by default').to.equal(false);
    expect($<HTMLInputElement>(el, '#reminder-time')!.value).to.equal('21:00');
    expect($(el, '#reminder-hint')!.textContent).to.equal(en.reminderHint);
    // What this browser allows, as it says it (headless Chromium: not asked yet, or blocked).
    const permission = typeof Notification === 'function' ? Notification.permission : 'unsupported';
    const said = {
      granted: en.reminderNotifyGranted,
      default: en.reminderNotifyDefault,
      denied: en.reminderNotifyDenied,
      unsupported: en.reminderNotifyUnsupported,
    }[permission];
    expect($(el, '#reminder-notify')!.textContent).to.equal(said);

    const kept = () =>
      settingsOf(el).updateComplete.then(() => !$<HTMLInputElement>(el, '#reminder-switch')!.disabled);
    $<HTMLInputElement>(el, '#reminder-switch')!.click();
    await waitUntil(kept, 'kept');
    fill(el, 'reminder-time', '07:30', 'change');
    await waitUntil(kept, 'kept');
    await expect(el).to.be.accessible();

    const locked = oneEvent(el, 'mood-profile-locked');
    el.lock();
    await locked;
    const store = await logIn(el);
    // Kept encrypted in the profile's settings, read back after the unlock.
    expect((await store.settings!()).reminder).to.deep.equal({ enabled: true, time: '07:30' });
    el.tab = 'settings';
    await waitUntil(() => $<HTMLInputElement>(el, '#reminder-switch')?.checked, 'on after the unlock');
    expect($<HTMLInputElement>(el, '#reminder-time')!.value).to.equal('07:30');

    // Turned off, it stays off.
    $<HTMLInputElement>(el, '#reminder-switch')!.click();
    await waitUntil(kept, 'kept');
    expect((await store.settings!()).reminder).to.deep.equal({ enabled: false, time: '07:30' });
  });

  it('shows in the page after its time on a day with no entry, not before, and not once today is written', async () => {
    const diary = await openDiary({ name: `reminder-test-${Date.now()}-${++n}`, kdfIterations: 10_000 });
    const el = await fixture<MoodDiary>(
      html`<mood-diary lang="en" .diary=${diary} .detector=${new FakeDetector()}></mood-diary>`,
    );
    el.now = () => todayAt('20:59');
    const store = await signUp(el);
    await store.setSetting!('reminder', { enabled: true, time: '21:00' });
    // A fresh unlock reads it (the settings are read when the diary opens).
    const locked = oneEvent(el, 'mood-profile-locked');
    el.lock();
    await locked;
    const opened = await logIn(el);
    await waitUntil(() => el.shadowRoot!.querySelector('mood-camera'), 'today shown');
    // The reminder was read (Settings, rendered but hidden, shows it on), and today's entries too.
    await waitUntil(() => $<HTMLInputElement>(el, '#reminder-switch')?.checked, 'the reminder is read');
    await new Promise((r) => setTimeout(r, 200));
    expect($(el, '#reminder'), 'not before its time').to.equal(null);

    el.now = () => todayAt('21:01');
    await waitUntil(() => $(el, '#reminder'), 'the reminder, after its time');
    expect($(el, '#reminder')!.textContent).to.include(DEFAULT_STRINGS.en.reminderDue);
    await expect(el).to.be.accessible();

    // "Write now" opens Today with the camera.
    el.tab = 'tracker';
    await el.updateComplete;
    $<HTMLButtonElement>(el, '#reminder-write')!.click();
    await waitUntil(() => el.tab === 'today' && el.shadowRoot!.querySelector('mood-camera'));

    // Written today: gone.
    const entry = await opened.add({ label: 'happy', localDate: isoDate(el.now()) });
    el.shadowRoot!.querySelector('mood-camera')!.dispatchEvent(
      new MoodSavedEvent({ entry, persisted: true }),
    );
    await waitUntil(() => !$(el, '#reminder'), 'no reminder once today has an entry');

    // In Korean, on another day with nothing written.
    el.lang = 'ko';
    el.now = () => {
      const d = todayAt('22:00');
      d.setDate(d.getDate() + 1);
      return d;
    };
    await waitUntil(() => $(el, '#reminder'), 'the next day, after its time');
    expect($(el, '#reminder')!.textContent).to.include(DEFAULT_STRINGS.ko.reminderDue);
    expect($(el, '#reminder-write')!.textContent!.trim()).to.equal(DEFAULT_STRINGS.ko.reminderWrite);
    // "Later": not again that day.
    $<HTMLButtonElement>(el, '#reminder-later')!.click();
    await el.updateComplete;
    expect($(el, '#reminder')).to.equal(null);
  });
  it('also notifies, once, when it comes due while the page is in the background and notifications are allowed', async () => {
    const shown: { title: string; body?: string }[] = [];
    // This page has no service worker: the reminder uses the page's own Notification (a stand-in here,
    // allowed), and the page is in the background.
    class AllowedNotification {
      static permission = 'granted';
      constructor(title: string, options: NotificationOptions = {}) {
        shown.push({ title, body: options.body });
      }
    }
    const realNotification = Object.getOwnPropertyDescriptor(globalThis, 'Notification');
    Object.defineProperty(globalThis, 'Notification', { value: AllowedNotification, configurable: true });
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      const diary = await openDiary({ name: `reminder-test-${Date.now()}-${++n}`, kdfIterations: 10_000 });
      const el = await fixture<MoodDiary>(
        html`<mood-diary lang="en" .diary=${diary} .detector=${new FakeDetector()}></mood-diary>`,
      );
      el.now = () => todayAt('08:59');
      const store = await signUp(el);
      await store.setSetting!('reminder', { enabled: true, time: '09:00' });
      const locked = oneEvent(el, 'mood-profile-locked');
      el.lock();
      await locked;
      await logIn(el);
      await waitUntil(() => $<HTMLInputElement>(el, '#reminder-switch')?.checked, 'the reminder is read');
      await new Promise((r) => setTimeout(r, 200));
      expect(shown, 'nothing before its time').to.deep.equal([]);
      el.now = () => todayAt('09:00');
      await waitUntil(() => shown.length > 0, 'a notification at its time');
      expect(shown[0]).to.deep.equal({
        title: DEFAULT_STRINGS.en.reminderNotificationTitle,
        body: DEFAULT_STRINGS.en.reminderNotificationBody,
      });
      // Checked again later the same day: still one.
      el.now = () => todayAt('09:30');
      document.dispatchEvent(new Event('visibilitychange'));
      await new Promise((r) => setTimeout(r, 200));
      expect(shown).to.have.length(1);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
      if (realNotification) Object.defineProperty(globalThis, 'Notification', realNotification);
    }
  });
});
