import { html, nothing } from 'lit';
import type { StringKey } from '../internal/i18n.js';
import { cameraIcon, photoIcon } from '../internal/icons.js';
import { pct, type CameraContext } from './camera-context.js';

/** Failures where nothing the user does on this page can help: no "turn on camera" to retry. */
const HOPELESS = ['insecure-context', 'camera-unsupported', 'camera-blocked-by-policy'];

/** Under the picture: the model's loading, "reading…", or what failed (the picture's or the camera's). */
export function renderStatus(ctx: CameraContext) {
  const { host } = ctx;
  const s = host.state;
  const view = ctx.view();
  if (s === 'loading-model' || (s === 'live' && ctx.model.isLoading)) {
    const known = host.progress !== null && host.progress < 1;
    return html`<div part="progress" role="status">
      <span
        >${known ? host.t('loadingModelPercent', { percent: pct(host.progress!) }) : host.t('loadingModel')}</span
      >
      <progress
        max="1"
        .value=${known ? host.progress! : null}
        aria-label=${host.t('loadingModel')}
      ></progress>
    </div>`;
  }
  if (s === 'analyzing') return html`<p part="progress" role="status">${host.t('analyzing')}</p>`;
  if (s === 'starting') return html`<p class="visually-hidden" role="status">${host.t('startingCamera')}</p>`;
  if (s === 'no-face' || s === 'bad-image' || s === 'error')
    return html`<p part="message" role="alert" data-code=${s}>
      ${(view.kind === 'failed' && view.failure) || host.t(`error.${s === 'error' ? 'detector-failed' : s}` as StringKey)}
    </p>`;
  if (host.cameraError && s === 'idle')
    return html`<p part="message" role="alert" data-code=${host.cameraError}>
      ${host.t(`error.${host.cameraError}` as StringKey)}
    </p>`;
  return nothing;
}

/** The row of buttons for the preview (shutter, photo, switch, off) or before a picture (camera, photo, by hand). */
export function renderControls(ctx: CameraContext, choosePhoto: () => void) {
  const { host } = ctx;
  const s = host.state;
  // When the camera cannot be used, choosing a photo becomes the main action.
  const upload = html`<button
    part="upload"
    type="button"
    class=${host.cameraError && s === 'idle' ? 'primary' : ''}
    @click=${choosePhoto}
  >
    ${photoIcon()}${host.t('upload')}
  </button>`;
  if (s === 'live')
    return html`<div part="controls">
      <button part="capture" class="primary" type="button" @click=${() => void host.capture()}>
        <span aria-hidden="true">●</span>${host.t('capture')}
      </button>
      ${upload}
      ${
        ctx.camera.cameraIds.length > 1
          ? html`<button part="switch-camera" type="button" @click=${() => void host.switchCamera()}>
              ${host.t('switchCamera')}
            </button>`
          : nothing
      }
      <button type="button" class="link" @click=${() => host.stop()}>${host.t('stopCamera')}</button>
    </div>`;
  if (s === 'idle' || s === 'no-face' || s === 'bad-image' || s === 'error')
    return html`<div part="controls">
      ${
        host.cameraError && HOPELESS.includes(host.cameraError)
          ? nothing
          : html`<button
              part="start"
              class=${host.cameraError ? '' : 'primary'}
              type="button"
              @click=${() => void host.start()}
            >
              ${cameraIcon()}${host.cameraError ? host.t('retake') : host.t('startCamera')}
            </button>`
      }
      ${upload}
      ${s !== 'idle' ? html`<button type="button" class="link" @click=${() => host.reset()}>${host.t('retake')}</button>` : nothing}
      <button part="manual" type="button" class="link" @click=${() => host.writeByHand()}>
        ${host.t('writeByHand')}
      </button>
    </div>`;
  // On a reading, "retake" sits beside Save (in the form), so both fit the first screen.
  return nothing;
}
