import type { Calibration, Estimator } from '@moodiary/emotion';
import { calibrate, type PersonalizationController } from '../internal/personalization.js';

/**
 * This profile's calibration on the detector that reads for it: given before each reading, and taken
 * back when the element leaves or the store (the profile) changes, since the detector may be the
 * page's shared one.
 */
export class DetectorCalibration {
  /** What each detector was last given, so it is told only of changes. */
  private readonly given = new WeakMap<Estimator, Calibration | null>();
  /** The detector that holds this profile's calibration now. */
  private holder: Estimator | null = null;

  constructor(
    private readonly personalization: PersonalizationController,
    private readonly hasStore: () => boolean,
  ) {}

  /**
   * Gives the detector this profile's calibration (or none, when off or too few answers). Only with a
   * store whose personalisation was read: a host's own detector without one is left as it is.
   */
  give(detector: Estimator): void {
    const { loaded, calibration } = this.personalization.state;
    if (!this.hasStore() || !loaded) return;
    calibrate(detector, calibration, this.given);
    this.holder = calibration ? detector : null;
  }

  /** Takes the calibration back from the detector that holds it. */
  withdraw(): void {
    if (this.holder) calibrate(this.holder, null, this.given);
    this.holder = null;
  }
}
