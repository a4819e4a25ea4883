import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EntryStore } from '@moodiary/store';

/** State kept for a profile (read from its store), shared by every element on the page that shows it. */
export interface ProfileState<S> extends EventTarget {
  readonly state: S;
  /** Reads what the store keeps; fires `change` when the state changes. */
  load(): Promise<void>;
}

/** One `create(store)` per store on the page, so Settings, Today and the camera agree. */
export function perStore<T extends object>(create: (store: EntryStore) => T): (store: EntryStore) => T {
  const shared = new WeakMap<EntryStore, T>();
  return (store) => {
    let value = shared.get(store);
    if (!value) shared.set(store, (value = create(store)));
    return value;
  };
}

/**
 * An element's view of its store's shared state: redraws the element on every change and loads the
 * state — at once, or once the element has painted (`afterPaint`: work that must never delay it).
 */
export class ProfileStateController<S, M extends ProfileState<S>> implements ReactiveController {
  private current: M | null = null;
  private readonly onChange = () => this.host.requestUpdate();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly store: () => EntryStore | null,
    private readonly of: (store: EntryStore) => M,
    private readonly initial: S,
    private readonly afterPaint = false,
  ) {
    host.addController(this);
  }

  /** The store's shared state, or null without a store. */
  get model(): M | null {
    return this.current;
  }

  get state(): S {
    return this.current?.state ?? this.initial;
  }

  hostConnected(): void {
    if (!this.current) this.host.requestUpdate();
  }

  hostUpdate(): void {
    const store = this.store();
    const model = store ? this.of(store) : null;
    if (model === this.current) return;
    this.current?.removeEventListener('change', this.onChange);
    this.current = model;
    if (!model) return;
    model.addEventListener('change', this.onChange);
    const load = () => this.current === model && void model.load().catch(() => {});
    // After this update has painted, then after the task that painted it.
    if (this.afterPaint) requestAnimationFrame(() => setTimeout(load));
    else load();
  }

  hostDisconnected(): void {
    this.current?.removeEventListener('change', this.onChange);
    this.current = null;
  }
}
