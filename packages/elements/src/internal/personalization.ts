import type { ReactiveControllerHost } from 'lit';
import type { Calibration, Estimator } from '@moodiary/emotion';
import type { EntryStore } from '@moodiary/store';
import { ProfileStateController, perStore } from './profile-state.js';

/** The profile setting that keeps the user's choice: `{ enabled, since }` (see {@link PersonalChoice}). */
const PERSONALIZATION_SETTING = 'personalization';

/** What the user chose in Settings: whether readings adapt to them, and from when their answers count. */
interface PersonalChoice {
  readonly enabled: boolean;
  /** The last reset (an ISO instant): only entries written after it are learnt from. */
  readonly since: string | null;
}

/** Where a profile's personalisation stands. */
export interface PersonalState extends PersonalChoice {
  /** False until the choice was read and a first fit was made. */
  readonly loaded: boolean;
  /** The person's answers since the reset: corrected and confirmed face entries. */
  readonly answers: number;
  /** Fewer answers than this change nothing (`@moodiary/emotion`'s `MIN_CALIBRATION_SAMPLES`, once loaded). */
  readonly minimum: number;
  /** What the detector applies: fitted when on and with enough answers, else `null` (the model as it is). */
  readonly calibration: Calibration | null;
}

const INITIAL: PersonalState = {
  loaded: false,
  enabled: true,
  since: null,
  answers: 0,
  minimum: Infinity,
  calibration: null,
};

function choiceOf(value: unknown): PersonalChoice {
  const v = (value ?? {}) as Partial<PersonalChoice>;
  return {
    enabled: v.enabled !== false,
    since: typeof v.since === 'string' && !Number.isNaN(Date.parse(v.since)) ? v.since : null,
  };
}

/**
 * One profile's personal calibration (#15): the choice kept in the profile's settings, the person's
 * answers read from the store, the fit (`@moodiary/emotion/calibration`, loaded on first use, no
 * TensorFlow.js). Shared by every element of the page that shows the same store, so the camera and
 * Settings agree; `change` is dispatched after every fit or choice.
 */
class Personalization extends EventTarget {
  state: PersonalState = INITIAL;
  private loading: Promise<void> | null = null;
  /** The fits run one after another; at most one waits, and it reads the store when it starts. */
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;

  constructor(private readonly store: EntryStore) {
    super();
    // Entries changed anywhere (the camera, the tracker's editor, an import, another tab): refit.
    store.subscribe?.((event) => {
      if (event.type === 'change' && this.loading) void this.refresh();
    });
  }

  /** Reads the choice and fits once; later calls wait for that. Call it after the first paint. */
  load(): Promise<void> {
    this.loading ??= this.refresh().catch((error: unknown) => {
      this.loading = null; // a store that could not be read (locked, closed) is asked again next time
      throw error;
    });
    return this.loading;
  }

  /** Fits again from the store (after a save that corrected or confirmed a label). */
  refresh(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.tail.then(() => {
      this.queued = null;
      return this.fit();
    });
    this.queued = run;
    this.tail = run.catch(() => {});
    return run;
  }

  /** Turns personalisation on or off (kept in the profile's settings). */
  async setEnabled(enabled: boolean): Promise<void> {
    await this.load();
    await this.choose({ enabled, since: this.state.since });
  }

  /** Ignores every answer given so far: only entries written from now on are learnt from. */
  async reset(): Promise<void> {
    await this.load();
    await this.choose({ enabled: this.state.enabled, since: new Date().toISOString() });
  }

  private async choose(choice: PersonalChoice) {
    await this.store.setSetting?.(PERSONALIZATION_SETTING, choice);
    // The old fit no longer applies (off, or answers it was fitted on no longer count) until the next.
    this.update({ ...choice, calibration: null });
    await this.refresh();
  }

  private update(patch: Partial<PersonalState>) {
    this.state = { ...this.state, ...patch };
    this.dispatchEvent(new Event('change'));
  }

  private async fit() {
    const calibration = await import('@moodiary/emotion/calibration');
    const choice = this.state.loaded
      ? this.state
      : choiceOf((await this.store.settings?.())?.[PERSONALIZATION_SETTING]);
    // The month digests hold what a fit reads (source, label, probabilities, time) without opening entries.
    const entries = this.store.moods ? await this.store.moods() : await this.store.all();
    const samples = calibration.calibrationSamples(entries, { since: choice.since });
    const minimum = calibration.MIN_CALIBRATION_SAMPLES;
    this.update({
      loaded: true,
      enabled: choice.enabled,
      since: choice.since,
      answers: samples.length,
      minimum,
      calibration: choice.enabled && samples.length >= minimum ? calibration.fitCalibration(samples) : null,
    });
  }
}

const personalizationOf = perStore((store) => new Personalization(store));

/**
 * An element's view of its store's personalisation: redraws the element on every change, and loads
 * it once the element has painted (fitting never delays the first paint).
 */
export class PersonalizationController extends ProfileStateController<PersonalState, Personalization> {
  constructor(host: ReactiveControllerHost & HTMLElement, store: () => EntryStore | null) {
    super(host, store, personalizationOf, INITIAL, true);
  }

  /** The store's personalisation, or null without a store. */
  get personal(): Personalization | null {
    return this.model;
  }
}

/**
 * Gives a detector the calibration `state` asks for, once per change (a worker detector takes it as a
 * message, ordered before the next estimate). A detector without `setCalibration` is left as it is.
 */
export function calibrate(
  detector: Estimator,
  calibration: Calibration | null,
  given: WeakMap<Estimator, Calibration | null>,
): void {
  if (!detector.setCalibration || (given.has(detector) && given.get(detector) === calibration)) return;
  given.set(detector, calibration);
  try {
    void Promise.resolve(detector.setCalibration(calibration)).catch(() => {});
  } catch {
    // A detector that refuses the calibration reads as the model does: still a reading.
  }
}
