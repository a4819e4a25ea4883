import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isSharedDetector, type DetectorFactory } from '../internal/defaults.js';
import { toElementsError } from '../internal/errors.js';
import { MoodBackendChangeEvent } from '../internal/events.js';
import type { Estimator } from '@moodiary/emotion';

interface DetectorSource {
  /** The host's own detector, used as is when set. */
  given(): Estimator | null;
  factory(): DetectorFactory;
  config(): Record<string, unknown>;
  /** The loading progress (`@moodiary/emotion`'s 0–1, or `null` when unknown); `ready` once loaded. */
  onProgress(progress: number | null, ready: boolean): void;
}

/**
 * The detector of one element: the host's, or one made by the factory on first need (loaded once,
 * its progress and backend changes told to the element), let go when the element leaves the page —
 * disposed unless it is the page's shared default.
 */
export class DetectorController implements ReactiveController {
  /** The detector made here, once loaded. */
  made: Estimator | null = null;
  private loading: Promise<Estimator> | null = null;
  /** Aborted when the element leaves the page: drops its hold on the shared detector's progress. */
  private connection = new AbortController();
  private unforward: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly source: DetectorSource,
  ) {
    host.addController(this);
  }

  /** The detector to use without waiting: the host's, or the one made here once loaded. */
  get current(): Estimator | null {
    return this.source.given() ?? this.made;
  }

  /** True while the one made here loads. */
  get isLoading(): boolean {
    return !this.source.given() && this.loading !== null && this.made === null;
  }

  /** True once asked for (loading or loaded), or when the host gave one. */
  get isRequested(): boolean {
    return this.source.given() !== null || this.loading !== null;
  }

  /** The detector, made and loaded on first call; rejects with `model-load`. */
  ensure(): Promise<Estimator> {
    const given = this.source.given();
    if (given) return Promise.resolve(given);
    if (!this.loading) {
      this.source.onProgress(null, false);
      this.loading = this.source
        .factory()({
          config: this.source.config(),
          signal: this.connection.signal,
          onProgress: (progress) => this.source.onProgress(progress, false),
        })
        .then(
          (detector) => {
            this.made = detector;
            this.forwardBackendChanges(detector);
            this.source.onProgress(1, true);
            return detector;
          },
          (error) => {
            this.loading = null;
            throw toElementsError(error, 'model-load');
          },
        );
    }
    return this.loading;
  }

  /** The host's detector changed: the next {@link ensure} asks again. */
  forget(): void {
    this.loading = null;
  }

  /** Tells the host when the detector made here changes backend (e.g. WebGL lost → WASM). */
  private forwardBackendChanges(detector: Estimator) {
    this.unforward?.();
    this.unforward = null;
    const target = detector as Partial<EventTarget>;
    if (typeof target.addEventListener !== 'function') return;
    const listener = (event: Event) => {
      const {
        from = '',
        to = '',
        reason = '',
      } = event as Event & { from?: string; to?: string; reason?: string };
      this.host.dispatchEvent(new MoodBackendChangeEvent({ from, to, reason }));
    };
    target.addEventListener('backendchange', listener);
    this.unforward = () => target.removeEventListener?.('backendchange', listener);
  }

  hostConnected(): void {
    if (this.connection.signal.aborted) this.connection = new AbortController();
  }

  hostDisconnected(): void {
    this.connection.abort();
    this.unforward?.();
    this.unforward = null;
    const detector = this.made;
    if (!detector) return;
    // The default detector is shared by the page and stays; any other one made here is disposed.
    void isSharedDetector(detector).then((isShared) => isShared || detector.dispose?.());
    this.made = null;
    this.loading = null;
  }
}
