import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Whether the element can be seen: the tab hidden, or the element hidden by the page (the `hidden`
 * attribute, `display: none` on it or an ancestor), turns the camera off; on screen and painted, the
 * model may start loading without competing with the first paint.
 */
export class PagePresenceController implements ReactiveController {
  private observer: IntersectionObserver | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly on: {
      /** The element or the tab can no longer be seen. */
      hidden(): void;
      /** The element is on screen and the next frame painted it. */
      painted(): void;
    },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    if (typeof IntersectionObserver === 'undefined') return;
    const host = this.host;
    this.observer = new IntersectionObserver((entries) => {
      if (typeof host.checkVisibility === 'function' && !host.checkVisibility()) this.on.hidden();
      if (entries.some((e) => e.isIntersecting)) requestAnimationFrame(() => this.on.painted());
    });
    this.observer.observe(host);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer?.disconnect();
    this.observer = undefined;
  }

  private readonly onVisibility = () => {
    if (document.hidden) this.on.hidden();
  };
}
