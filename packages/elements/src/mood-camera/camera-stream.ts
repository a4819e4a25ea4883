import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { firstFrame, openCamera, stopStream } from '../internal/camera.js';
import { isElementsError } from '../internal/errors.js';

/** How often the live-frame loop looks at the preview. */
const FRAME_INTERVAL_MS = 250;

/**
 * One element's camera: opens the chosen camera (or the front one) into the element's `<video>`,
 * lists the device's cameras and moves between them, runs the live-frame loop, and stops it all when
 * the element leaves the page. The element decides when; this owns the stream.
 */
export class CameraStreamController implements ReactiveController {
  /** The open stream, or `null` when the camera is off. */
  stream: MediaStream | null = null;
  /** The device's cameras (ids), known once the user has allowed one. */
  cameraIds: string[] = [];
  /** Which way the camera in use faces (`user`, `environment`, or unknown). */
  facing: string | null = null;
  /** The preview's size, once it shows a frame. */
  videoSize: { width: number; height: number } | null = null;
  /** The camera in use or last used (a switch is kept for the next open). */
  private cameraId: string | null = null;
  private frameTimer: ReturnType<typeof setInterval> | undefined;
  private frameBusy = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly video: () => HTMLVideoElement | undefined,
    /** Told when a stream that was on stops (by {@link stop} without `quiet`, or the host leaving the page). */
    private readonly onStopped: () => void,
  ) {
    host.addController(this);
  }

  get active(): boolean {
    return this.stream !== null;
  }

  /**
   * Opens the camera and resolves `true` once the preview shows a frame, `false` when `signal` was
   * aborted meanwhile (a stream opened too late is stopped). Rejects with a typed camera error.
   */
  async open(signal: AbortSignal): Promise<boolean> {
    const stream = await this.openChosen();
    if (signal.aborted) {
      stopStream(stream);
      return false;
    }
    this.stream = stream;
    const settings = stream.getVideoTracks()[0]?.getSettings?.() ?? {};
    this.cameraId = settings.deviceId ?? null;
    this.facing = settings.facingMode ?? null;
    void this.listCameras();
    this.host.requestUpdate();
    await this.host.updateComplete;
    const video = this.video();
    if (!video || signal.aborted) return false;
    video.srcObject = stream;
    await video.play().catch(() => {});
    await firstFrame(video);
    if (signal.aborted) return false;
    this.videoSize = { width: video.videoWidth, height: video.videoHeight };
    this.host.requestUpdate();
    return true;
  }

  /** The camera chosen with {@link next}, or the front one; a chosen camera that is gone gives way to the default. */
  private async openChosen(): Promise<MediaStream> {
    if (this.cameraId) {
      try {
        return await openCamera(this.cameraId);
      } catch (error) {
        if (!isElementsError(error) || error.code !== 'camera-not-found') throw error;
        this.cameraId = null;
      }
    }
    return openCamera();
  }

  private async listCameras(): Promise<void> {
    const devices = await navigator.mediaDevices?.enumerateDevices?.().catch(() => []);
    this.cameraIds = (devices ?? [])
      .filter((d) => d.kind === 'videoinput' && d.deviceId)
      .map((d) => d.deviceId);
    this.host.requestUpdate();
  }

  /** Chooses the device's next camera for the next {@link open}; false with a single camera. */
  next(): boolean {
    if (this.cameraIds.length < 2) return false;
    const at = this.cameraIds.indexOf(this.cameraId ?? '');
    this.cameraId = this.cameraIds[(at + 1) % this.cameraIds.length]!;
    return true;
  }

  /** Calls `onFrame` with the preview every few hundred ms while the camera is on, skipping a beat while a call runs. */
  runFrames(onFrame: (video: HTMLVideoElement) => Promise<void>): void {
    clearInterval(this.frameTimer);
    this.frameTimer = setInterval(() => {
      const video = this.video();
      if (this.frameBusy || !this.stream || !video || video.videoWidth === 0) return;
      this.frameBusy = true;
      void onFrame(video)
        .catch(() => {}) // a dropped frame is not worth a message
        .finally(() => (this.frameBusy = false));
    }, FRAME_INTERVAL_MS);
  }

  /** Turns the camera off; `quiet` when it turns on again at once (a switch), so nobody hears it stop. */
  stop({ quiet = false } = {}): void {
    const wasActive = this.stream !== null;
    clearInterval(this.frameTimer);
    this.frameTimer = undefined;
    stopStream(this.stream);
    this.stream = null;
    const video = this.video();
    if (video) video.srcObject = null;
    this.host.requestUpdate();
    if (wasActive && !quiet) this.onStopped();
  }

  hostDisconnected(): void {
    this.stop();
  }
}
