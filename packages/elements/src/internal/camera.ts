import { checkImageHeader, DEFAULT_MAX_MEGAPIXELS } from '@moodiary/emotion/image-header';
import { ElementsError, type CameraErrorCode } from './errors.js';

interface PolicyLike {
  allowsFeature(feature: string): boolean;
}

/** True when the page's permissions policy forbids the camera here (e.g. an iframe without `allow="camera"`). */
function cameraBlockedByPolicy(doc: Document = document): boolean {
  const policy =
    (doc as Document & { permissionsPolicy?: PolicyLike; featurePolicy?: PolicyLike }).permissionsPolicy ??
    (doc as Document & { featurePolicy?: PolicyLike }).featurePolicy;
  try {
    return policy ? !policy.allowsFeature('camera') : false;
  } catch {
    return false;
  }
}

const cameraError = (code: CameraErrorCode, message: string, cause?: unknown) =>
  new ElementsError(code, message, { cause, details: cause instanceof Error ? { name: cause.name } : {} });

/**
 * Maps whatever `getUserMedia` threw to a typed camera error with a stable code.
 * Each DOMException name has its own meaning; "permission denied" is only one of them.
 */
function toCameraError(error: unknown): ElementsError<CameraErrorCode> {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = (error as { message?: string } | null)?.message ?? String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      if (cameraBlockedByPolicy() || /permissions? policy|feature policy/i.test(message))
        return cameraError(
          'camera-blocked-by-policy',
          'The page’s permissions policy does not allow the camera here.',
          error,
        );
      return cameraError('camera-denied', 'Camera access was denied.', error);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return cameraError('camera-not-found', 'No camera was found.', error);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return cameraError('camera-in-use', 'The camera is in use or could not start.', error);
    case 'SecurityError':
      if (typeof isSecureContext !== 'undefined' && !isSecureContext)
        return cameraError('insecure-context', 'The camera needs a secure page (https or localhost).', error);
      return cameraError('camera-blocked-by-policy', 'The camera is blocked on this page.', error);
    case 'TypeError':
      return cameraError('camera-unsupported', 'This browser cannot open a camera here.', error);
    default:
      return cameraError('camera-failed', `The camera could not start: ${message}`, error);
  }
}

/**
 * Opens the camera `deviceId` names, or the front one. Rejects with an `ElementsError` whose code
 * says why (`insecure-context`, `camera-unsupported`, `camera-blocked-by-policy`, `camera-denied`,
 * `camera-not-found` — also for a `deviceId` that is gone —, `camera-in-use`, `camera-failed`).
 */
export async function openCamera(deviceId?: string): Promise<MediaStream> {
  const constraints: MediaTrackConstraints = {
    ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'user' }),
    width: { ideal: 1280 },
    height: { ideal: 720 },
  };
  if (typeof isSecureContext !== 'undefined' && !isSecureContext)
    throw cameraError('insecure-context', 'The camera needs a secure page (https or localhost).');
  const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!media || typeof media.getUserMedia !== 'function')
    throw cameraError(
      'camera-unsupported',
      'This browser has no camera API (navigator.mediaDevices.getUserMedia).',
    );
  if (cameraBlockedByPolicy())
    throw cameraError(
      'camera-blocked-by-policy',
      'The page’s permissions policy does not allow the camera here.',
    );
  try {
    return await media.getUserMedia({ video: constraints, audio: false });
  } catch (error) {
    throw toCameraError(error);
  }
}

/** Stops every track of a stream. */
export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** Resolves once a video has a decoded frame (a 0×0 frame breaks every consumer). */
export function firstFrame(video: HTMLVideoElement, timeoutMs = 10_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) return resolve();
    const timer = setTimeout(() => {
      cleanup();
      reject(cameraError('camera-failed', 'The camera sent no picture.'));
    }, timeoutMs);
    const done = () => {
      if (video.videoWidth === 0) return;
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      video.removeEventListener('loadeddata', done);
      video.removeEventListener('resize', done);
    };
    video.addEventListener('loadeddata', done);
    video.addEventListener('resize', done);
  });
}

/** Longest side of the picture the elements show (keeps 12 MP photos small on screen and in memory). */
const MAX_SIDE = 1280;

/**
 * Checks a chosen photo with the detector's own header check (`bad-image`, `image-too-large`: nothing
 * the detector would refuse is decoded) and decodes it once for the screen: upright (EXIF), at most
 * `maxSide` on its longest side, scaled while it is decoded. The detector reads the file itself.
 */
export async function screenPicture(
  file: Blob,
  { maxMegapixels = DEFAULT_MAX_MEGAPIXELS, maxSide = MAX_SIDE } = {},
): Promise<ImageBitmap> {
  const header = checkImageHeader(
    new Uint8Array(await file.arrayBuffer()),
    { maxPixels: maxMegapixels * 1e6 },
    file.type,
  );
  const { width = 0, height = 0 } = header;
  const turned = header.orientation >= 5;
  const scale = width && height ? Math.min(1, maxSide / Math.max(width, height)) : 1;
  const resize =
    scale < 1
      ? {
          resizeWidth: Math.max(1, Math.round((turned ? height : width) * scale)),
          resizeHeight: Math.max(1, Math.round((turned ? width : height) * scale)),
          resizeQuality: 'high' as const,
        }
      : {};
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image', ...resize });
    if (bitmap.width === 0 || bitmap.height === 0) throw new Error('empty image');
    return bitmap;
  } catch (error) {
    throw new ElementsError('bad-image', 'The file could not be read as an image.', { cause: error });
  }
}

/** Draws a picture upright, scaled down to at most `maxSide`, onto a new canvas. */
export function toCanvas(
  source: CanvasImageSource & { width?: number; height?: number },
  width: number,
  height: number,
  maxSide = MAX_SIDE,
): HTMLCanvasElement {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  canvas.getContext('2d')!.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/**
 * A small square JPEG of a region, for an opt-in thumbnail. `scale` maps the box (in the detector's
 * picture) onto `picture` when that is shown smaller.
 */
export function thumbnailOf(
  picture: ImageBitmap | HTMLCanvasElement,
  box: { x: number; y: number; width: number; height: number },
  scale = 1,
  size = 96,
): string {
  const pad = 0.25;
  const side = Math.max(box.width, box.height) * (1 + pad * 2) * scale;
  const cx = (box.x + box.width / 2) * scale;
  const cy = (box.y + box.height / 2) * scale;
  const out = document.createElement('canvas');
  out.width = out.height = size;
  out.getContext('2d')!.drawImage(picture, cx - side / 2, cy - side / 2, side, side, 0, 0, size, size);
  return out.toDataURL('image/jpeg', 0.8);
}
