import { nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/** A picture the elements show: a decoded image, or a stored thumbnail (`data:image/…;base64,` URL). */
export type PictureSource = ImageBitmap | HTMLCanvasElement | string;

const DATA_URL = /^data:(image\/(?:png|jpeg|webp|gif));base64,([A-Za-z0-9+/]+={0,2})$/;

/** The bytes of a base64 image data URL, decoded in script (no fetch, which a `connect-src` policy may block). */
function dataUrlBlob(url: string): Blob | null {
  const match = DATA_URL.exec(url);
  if (!match) return null;
  const binary = atob(match[2]!);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: match[1] });
}

async function drawInto(canvas: HTMLCanvasElement, source: PictureSource, stillWanted: () => boolean) {
  let image: ImageBitmap | HTMLCanvasElement;
  let owned: ImageBitmap | null = null;
  if (typeof source === 'string') {
    const blob = dataUrlBlob(source);
    if (!blob) return;
    try {
      image = owned = await createImageBitmap(blob);
    } catch {
      return; // a damaged thumbnail shows as an empty frame, never as an error page
    }
  } else image = source;
  try {
    if (!stillWanted()) return;
    canvas.width = image.width;
    canvas.height = image.height;
    canvas.getContext('2d')?.drawImage(image, 0, 0);
  } finally {
    owned?.close();
  }
}

/**
 * Draws a picture into the `<canvas>` it is placed on: `<canvas ${drawn(picture)}>`. Pictures are never
 * shown through `data:` or `blob:` URLs, which a strict `default-src 'self'` policy blocks.
 */
class DrawnDirective extends Directive {
  private source: PictureSource | null = null;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('drawn() belongs on a <canvas> element.');
  }

  render(_source: PictureSource | null) {
    return nothing;
  }

  override update(part: ElementPart, [source]: [PictureSource | null]) {
    if (source !== this.source) {
      this.source = source;
      const canvas = part.element as HTMLCanvasElement;
      if (source) void drawInto(canvas, source, () => this.source === source);
      else canvas.width = canvas.height = 0;
    }
    return nothing;
  }
}

export const drawn = directive(DrawnDirective);
