import { badImage, EmotionError } from './errors.js';
import { sniffImage, type ImageHeader } from './sniff.js';

/**
 * What a page can learn about an image file before decoding it, without loading TensorFlow.js:
 * the header (format, size, orientation), the detector's own check of it, and the largest picture the
 * detector accepts by default. `<mood-camera>` checks a chosen file with {@link checkImageHeader} so
 * that it never decodes one the detector would refuse.
 */
export { sniffImage, type ImageHeader };

/** The detector's default `maxMegapixels`: larger pictures are refused with `image-too-large`. */
export const DEFAULT_MAX_MEGAPIXELS = 100;

/** Refuses a picture of no pixels (`bad-image`) or of more than `maxPixels` (`image-too-large`). */
export function checkSize(width: number, height: number, { maxPixels }: { maxPixels: number }, what: string) {
  if (!(width > 0 && height > 0))
    throw badImage('empty', `The ${what} is empty (${width}×${height} pixels).`, { width, height });
  if (width * height > maxPixels)
    throw new EmotionError(
      'image-too-large',
      `The ${what} is ${((width * height) / 1e6).toFixed(1)} megapixels; at most ${maxPixels / 1e6} are accepted.`,
      { details: { width, height, maxMegapixels: maxPixels / 1e6 } },
    );
}

/**
 * The detector's check of an encoded image, from its bytes and before any pixel is decoded: empty,
 * not an image, corrupt or truncated files are `bad-image` (`details.reason` says which), one over
 * `maxPixels` is `image-too-large`. Returns the header.
 */
export function checkImageHeader(
  bytes: Uint8Array,
  { maxPixels }: { maxPixels: number },
  type = '',
): ImageHeader {
  if (bytes.length === 0) throw badImage('empty', 'The file is empty (0 bytes).');
  const header = sniffImage(bytes);
  if (!header)
    throw badImage(
      'not-an-image',
      'The file is not an image (no JPEG, PNG, GIF, WebP, BMP or AVIF signature).',
      {
        size: bytes.length,
        type,
      },
    );
  if (!header.valid)
    throw badImage('corrupt', `The ${header.format.toUpperCase()} file is corrupt.`, {
      format: header.format,
    });
  if (!header.complete)
    throw badImage('truncated', `The ${header.format.toUpperCase()} file is truncated (it ends early).`, {
      format: header.format,
      size: bytes.length,
    });
  if (header.width !== undefined && header.height !== undefined)
    checkSize(header.width, header.height, { maxPixels }, 'image');
  return header;
}
