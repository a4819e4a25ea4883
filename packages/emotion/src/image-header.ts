/**
 * What a page can learn about an image file before decoding it, without loading TensorFlow.js:
 * the header (format, size, orientation) and the largest picture the detector accepts by default.
 * `<mood-camera>` checks a chosen file with these so that it never decodes one the SDK would refuse.
 */
export { sniffImage, type ImageHeader } from './sniff.js';

/** The detector's default `maxMegapixels`: larger pictures are refused with `image-too-large`. */
export const DEFAULT_MAX_MEGAPIXELS = 100;
