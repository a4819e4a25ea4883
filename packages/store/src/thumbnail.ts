import { toBase64 } from './base64.js';
import { ENTRY_LIMITS } from './entry.js';
import { StoreError } from './errors.js';

/**
 * Turns a small image Blob (e.g. from `canvas.toBlob(…, 'image/jpeg', 0.7)`)
 * into the data URL an entry's `thumbnail` holds. Rejects non-images and
 * images over the size limit with `invalid-entry`. Keep thumbnails small
 * (about 96×96 px): they are stored with every entry, encrypted with it.
 */
export async function thumbnailFromBlob(blob: Blob): Promise<string> {
  if (!/^image\/(png|jpeg|webp|gif)$/.test(blob.type))
    throw new StoreError('invalid-entry', 'A thumbnail must be a PNG, JPEG, WebP or GIF image.', {
      details: { field: 'thumbnail', reason: 'not an image', type: blob.type },
    });
  const url = `data:${blob.type};base64,${toBase64(new Uint8Array(await blob.arrayBuffer()))}`;
  if (url.length > ENTRY_LIMITS.thumbnailLength)
    throw new StoreError('invalid-entry', 'The thumbnail is too large; scale it down (about 96×96 pixels).', {
      details: { field: 'thumbnail', reason: 'too large', length: url.length },
    });
  return url;
}
