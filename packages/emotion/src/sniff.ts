/** Header-only facts about an encoded image: format, size, EXIF orientation, completeness. */
export interface ImageHeader {
  format: 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'avif' | 'heic';
  width?: number;
  height?: number;
  /** EXIF orientation 1–8 (JPEG only; 1 when absent). */
  orientation: number;
  /** `false` when the file ends before its last segment (truncated download). */
  complete: boolean;
  /** `false` when the structure is broken. */
  valid: boolean;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32be = (b: Uint8Array, i: number) =>
  ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function exifOrientation(b: Uint8Array, start: number, end: number): number {
  if (ascii(b, start, 4) !== 'Exif') return 1;
  const tiff = start + 6;
  const little = ascii(b, tiff, 2) === 'II';
  const r16 = (i: number) => (little ? u16le(b, i) : u16be(b, i));
  const r32 = (i: number) => (little ? (u16le(b, i) | (u16le(b, i + 2) << 16)) >>> 0 : u32be(b, i));
  const ifd = tiff + r32(tiff + 4);
  if (ifd + 2 > end) return 1;
  const count = r16(ifd);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + k * 12;
    if (entry + 12 > end) break;
    if (r16(entry) === 0x0112) {
      const value = r16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

function jpeg(b: Uint8Array): ImageHeader {
  const h: ImageHeader = { format: 'jpeg', orientation: 1, complete: false, valid: true };
  let i = 2;
  let sawFrame = false;
  while (i < b.length) {
    if (b[i] !== 0xff) return { ...h, valid: false };
    while (b[i + 1] === 0xff) i++;
    const marker = b[i + 1];
    if (marker === undefined) break;
    if (marker === 0xd9) return { ...h, complete: sawFrame, valid: sawFrame };
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (i + 4 > b.length) break;
    const length = u16be(b, i + 2);
    if (length < 2) return { ...h, valid: false };
    const segEnd = i + 2 + length;
    if (
      marker >= 0xc0 &&
      marker <= 0xcf &&
      marker !== 0xc4 &&
      marker !== 0xc8 &&
      marker !== 0xcc &&
      i + 9 <= b.length
    ) {
      h.height = u16be(b, i + 5);
      h.width = u16be(b, i + 7);
      sawFrame = true;
    } else if (marker === 0xe1 && segEnd <= b.length && h.orientation === 1) {
      h.orientation = exifOrientation(b, i + 4, segEnd);
    }
    i = segEnd;
    if (marker === 0xda) {
      // Entropy-coded data: runs until a marker other than a stuffed 0xFF00 or a restart marker.
      while (i + 1 < b.length) {
        if (b[i] === 0xff) {
          const next = b[i + 1]!;
          if (next !== 0 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        i++;
      }
      if (i + 1 >= b.length) break;
    }
  }
  return h; // ran out of bytes before EOI: truncated
}

function png(b: Uint8Array): ImageHeader {
  const h: ImageHeader = {
    format: 'png',
    orientation: 1,
    complete: false,
    valid: b.length >= 24 && ascii(b, 12, 4) === 'IHDR',
  };
  if (!h.valid) return h;
  h.width = u32be(b, 16);
  h.height = u32be(b, 20);
  const tail = Math.max(0, b.length - 64);
  for (let i = b.length - 8; i >= tail; i--) if (ascii(b, i, 4) === 'IEND') h.complete = true;
  return h;
}

/** Reads the header of an encoded image; `undefined` when the bytes are no image format we know. */
export function sniffImage(b: Uint8Array): ImageHeader | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return jpeg(b);
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return png(b);
  const base = { orientation: 1, complete: true, valid: true };
  if (b.length >= 10 && ascii(b, 0, 4) === 'GIF8')
    return { format: 'gif', width: u16le(b, 6), height: u16le(b, 8), ...base };
  if (b.length >= 30 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    const kind = ascii(b, 12, 4);
    const dims =
      kind === 'VP8X'
        ? {
            width: 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)),
            height: 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16)),
          }
        : kind === 'VP8 '
          ? { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff }
          : kind === 'VP8L'
            ? {
                width: 1 + (u16le(b, 21) & 0x3fff),
                height: 1 + (((b[22]! >> 6) | (b[23]! << 2) | (b[24]! << 10)) & 0x3fff),
              }
            : {};
    return { format: 'webp', ...dims, ...base };
  }
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM')
    return {
      format: 'bmp',
      width: Math.abs(u16le(b, 18) | (u16le(b, 20) << 16)),
      height: Math.abs(u16le(b, 22) | (u16le(b, 24) << 16)),
      ...base,
    };
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (brand.startsWith('avi')) return { format: 'avif', ...base };
    if (brand.startsWith('hei') || brand.startsWith('mif')) return { format: 'heic', ...base };
  }
  return undefined;
}
