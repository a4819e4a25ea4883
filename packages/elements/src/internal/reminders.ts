import type { ReactiveControllerHost } from 'lit';
import type { EntryStore } from '@moodiary/store';
import { ProfileStateController, perStore } from './profile-state.js';

/** The profile setting that keeps the daily reminder: `{ enabled, time }` (see {@link ReminderChoice}). */
const REMINDER_SETTING = 'reminder';

/** The reminder's time when the user has not picked one. */
const DEFAULT_TIME = '21:00';

/** What the user chose in Settings: whether to be reminded, and from what local time (`HH:MM`). */
interface ReminderChoice {
  readonly enabled: boolean;
  readonly time: string;
}

/** Where a profile's reminder stands. */
export interface ReminderState extends ReminderChoice {
  /** False until the choice was read from the profile's settings. */
  readonly loaded: boolean;
}

const INITIAL: ReminderState = { loaded: false, enabled: false, time: DEFAULT_TIME };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function choiceOf(value: unknown): ReminderChoice {
  const v = (value ?? {}) as Partial<ReminderChoice>;
  return {
    enabled: v.enabled === true,
    time: typeof v.time === 'string' && TIME.test(v.time) ? v.time : DEFAULT_TIME,
  };
}

/** Whether the reminder is due at `now`: on, and `now`'s local time is at or past its time. */
export function reminderDue(state: ReminderState, now: Date): boolean {
  if (!state.loaded || !state.enabled) return false;
  const [h, m] = state.time.split(':').map(Number);
  return now.getHours() * 60 + now.getMinutes() >= h! * 60 + m!;
}

/** What this page may do with notifications: the browser's permission, or `unsupported` without the API. */
export type NotificationAllowance = NotificationPermission | 'unsupported';

export function notificationAllowance(): NotificationAllowance {
  return typeof Notification === 'function' ? Notification.permission : 'unsupported';
}

/**
 * Shows a notification: through the page's service worker where it has one (the only way on phones),
 * else with the page's own `Notification`. Resolves false where neither may (no permission, refused).
 */
export async function notify(title: string, options: NotificationOptions): Promise<boolean> {
  if (notificationAllowance() !== 'granted') return false;
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) {
      await registration.showNotification(title, options);
      return true;
    }
    new Notification(title, options);
    return true;
  } catch {
    return false;
  }
}

/**
 * One profile's daily reminder (#16): the choice kept in the profile's encrypted settings, shared by
 * every element that shows the same store, so Settings and Today agree; `change` after every read or
 * choice.
 */
class Reminder extends EventTarget {
  state: ReminderState = INITIAL;
  private loading: Promise<void> | null = null;

  constructor(private readonly store: EntryStore) {
    super();
  }

  load(): Promise<void> {
    this.loading ??= (async () => {
      const choice = choiceOf((await this.store.settings?.())?.[REMINDER_SETTING]);
      if (!this.state.loaded) this.update({ ...choice, loaded: true });
    })().catch((error: unknown) => {
      this.loading = null; // a store that could not be read (locked) is asked again next time
      throw error;
    });
    return this.loading;
  }

  /** Keeps the new choice in the profile's settings; what is shown follows once it is kept. */
  async choose(patch: Partial<ReminderChoice>): Promise<void> {
    await this.load();
    const choice = choiceOf({ enabled: this.state.enabled, time: this.state.time, ...patch });
    await this.store.setSetting?.(REMINDER_SETTING, choice);
    this.update({ ...choice, loaded: true });
  }

  private update(state: ReminderState) {
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }
}

const reminderOf = perStore((store) => new Reminder(store));

/** An element's view of its store's reminder: loads it, and redraws the element on every change. */
export class ReminderController extends ProfileStateController<ReminderState, Reminder> {
  constructor(host: ReactiveControllerHost & HTMLElement, store: () => EntryStore | null) {
    super(host, store, reminderOf, INITIAL);
  }

  /** The store's reminder, or null without a store. */
  get reminder(): Reminder | null {
    return this.model;
  }
}
