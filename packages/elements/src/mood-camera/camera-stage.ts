import { html, nothing } from 'lit';
import { cssom } from '../internal/cssom-style.js';
import type { MoodCaptureResult } from '../internal/events.js';
import { cameraIcon } from '../internal/icons.js';
import { drawn, type PictureSource } from '../internal/picture.js';
import type { CameraContext } from './camera-context.js';
import { shotOf, type LiveFace } from './view.js';

/** A box as percentages of the picture. Set through the CSSOM (see cssom()), so strict CSPs without 'unsafe-inline' allow it. */
const boxStyle = (b: { x: number; y: number; width: number; height: number }, w: number, h: number) => ({
  left: `${(b.x / w) * 100}%`,
  top: `${(b.y / h) * 100}%`,
  width: `${(b.width / w) * 100}%`,
  height: `${(b.height / h) * 100}%`,
});

/**
 * The picture area: the live preview with its face and hint, or the picture being read or read with
 * its face boxes (several faces: buttons to choose one), or a placeholder that is also the drop target.
 */
export function renderStage(ctx: CameraContext, dragging: boolean) {
  const { host, camera } = ctx;
  const s = host.state;
  const view = ctx.view();
  const showVideo = camera.active && (s === 'live' || s === 'starting');
  const shot = shotOf(view);
  const picture = showVideo ? null : (host.result?.image ?? shot?.picture ?? null);
  const liveFace = view.kind === 'live' ? view.face : null;
  const { videoSize } = camera;
  return html`<div
    part="stage"
    class=${dragging ? 'dragging' : ''}
    role="group"
    aria-label=${showVideo ? host.t('preview') : host.t('dropHint')}
  >
    <div
      class="frame-wrap video-wrap ${ctx.mirrorPreview() ? 'mirrored' : ''}"
      ?hidden=${!showVideo}
      style=${cssom(videoSize ? { aspectRatio: `${videoSize.width} / ${videoSize.height}` } : {})}
    >
      <video part="video" playsinline muted autoplay aria-label=${host.t('preview')}></video>
      ${liveFace && videoSize ? renderLiveFace(ctx, liveFace, videoSize) : nothing}
    </div>
    ${showVideo ? renderHint(ctx) : nothing}
    ${picture ? renderPicture(ctx, picture, host.result, shot?.source ?? 'upload') : nothing}
    ${
      !showVideo && !picture
        ? html`<div class="placeholder">
            <span class="big" aria-hidden="true">${cameraIcon(48)}</span>
            <span>${s === 'starting' ? host.t('startingCamera') : host.t('dropHint')}</span>
          </div>`
        : nothing
    }
  </div>`;
}

/**
 * One short, polite hint over the preview, from the SDK's typed issues once they held a few frames.
 * The region stays while the camera is on, so screen readers hear each new hint (and not every frame).
 */
function renderHint(ctx: CameraContext) {
  const view = ctx.view();
  const hint = view.kind === 'live' ? view.hint : null;
  return html`<p
    part="hint"
    class=${hint ? '' : 'empty'}
    aria-live="polite"
    aria-atomic="true"
    data-hint=${hint ?? ''}
  >
    ${hint ? ctx.host.t(`hint.${hint}`) : ''}
  </p>`;
}

function renderLiveFace(ctx: CameraContext, face: LiveFace, size: { width: number; height: number }) {
  const style = boxStyle(face.box, size.width, size.height);
  // Updated a few times a second: kept out of the accessibility tree (the capture result is announced).
  return html`<div class="boxes" aria-hidden="true">
    <div part="face-box live" class="mood-${face.label}" style=${cssom(style)}>
      <span class="live-chip ${ctx.mirrorPreview() ? 'mirrored' : ''}"
        ><span class="dot"></span>${ctx.host.labelText(face.label)}</span
      >
    </div>
  </div>`;
}

/** The picture being read or read (drawn on a canvas: strict CSPs block data: and blob: images), with its face boxes. */
function renderPicture(
  ctx: CameraContext,
  picture: PictureSource,
  result: MoodCaptureResult | null,
  source: MoodCaptureResult['source'],
) {
  const { host } = ctx;
  const mirror = ctx.mirrorPreview() && (result?.source ?? source) === 'camera';
  const faces = result?.faces ?? [];
  const many = faces.length > 1;
  return html`<div class="frame-wrap ${mirror ? 'mirrored' : ''}">
    <canvas part="image" aria-hidden="true" ${drawn(picture)}></canvas>
    <div class="boxes">
      ${faces.map((face, i) => {
        const style = boxStyle(face.box, result!.width, result!.height);
        const selected = ctx.selectedFace() === i;
        return many
          ? html`<button
              part="face-box${selected ? ' selected' : ''}"
              style=${cssom(style)}
              aria-pressed=${selected ? 'true' : 'false'}
              aria-label=${host.t('faceN', { n: i + 1 })}
              @click=${() => ctx.selectFace(i)}
            >
              <span class="face-num ${mirror ? 'mirrored' : ''}" aria-hidden="true">${i + 1}</span>
            </button>`
          : html`<div
              part="face-box selected"
              style=${cssom(style)}
              role="img"
              aria-label=${host.t('faceBox')}
            ></div>`;
      })}
    </div>
  </div>`;
}
