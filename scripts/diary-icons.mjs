// Draws the diary example's app icon (examples/diary/icons/): one drawing, written as SVG and as the
// 192 and 512 px PNGs an installed app needs, with no image library: shapes are tested per pixel (4×4
// samples for smooth edges) and the PNG is encoded with node:zlib. Run it after changing the drawing:
// `node scripts/diary-icons.mjs`; its output is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

const OUT = 'examples/diary/icons';

// The diary's tokens (packages/elements/src/internal/styles.ts): accent, paper, ink, happy.
const ACCENT = '#b4532f';
const PAPER = '#fffaf2';
const INK = '#3a2e28';
const CHEEK = '#ef8fb0';

/** The drawing on a 1×1 square, painted in order: a page-like face on the accent, smiling. */
const SHAPES = [
  { kind: 'rounded', x: 0, y: 0, size: 1, radius: 0.22, fill: ACCENT },
  { kind: 'circle', cx: 0.5, cy: 0.5, r: 0.31, fill: PAPER },
  { kind: 'circle', cx: 0.385, cy: 0.44, r: 0.035, fill: INK },
  { kind: 'circle', cx: 0.615, cy: 0.44, r: 0.035, fill: INK },
  { kind: 'circle', cx: 0.33, cy: 0.56, r: 0.04, fill: CHEEK },
  { kind: 'circle', cx: 0.67, cy: 0.56, r: 0.04, fill: CHEEK },
  // The smile: an arc below the centre, from 25° to 155° (y grows downwards), with round ends.
  { kind: 'arc', cx: 0.5, cy: 0.5, r: 0.15, from: 25, to: 155, width: 0.04, stroke: INK },
];

const rad = (deg) => (deg * Math.PI) / 180;
const arcEnd = (s, deg) => [s.cx + s.r * Math.cos(rad(deg)), s.cy + s.r * Math.sin(rad(deg))];

function inside(s, x, y) {
  if (s.kind === 'circle') return (x - s.cx) ** 2 + (y - s.cy) ** 2 <= s.r ** 2;
  if (s.kind === 'rounded') {
    const nx = Math.min(Math.max(x, s.x + s.radius), s.x + s.size - s.radius);
    const ny = Math.min(Math.max(y, s.y + s.radius), s.y + s.size - s.radius);
    return (
      x >= s.x &&
      x <= s.x + s.size &&
      y >= s.y &&
      y <= s.y + s.size &&
      (x - nx) ** 2 + (y - ny) ** 2 <= s.radius ** 2
    );
  }
  // arc: near the circle, within the angles, or within a round end
  const half = s.width / 2;
  let angle = (Math.atan2(y - s.cy, x - s.cx) * 180) / Math.PI;
  if (angle < 0) angle += 360;
  if (angle >= s.from && angle <= s.to && Math.abs(Math.hypot(x - s.cx, y - s.cy) - s.r) <= half) return true;
  return [s.from, s.to].some((deg) => {
    const [ex, ey] = arcEnd(s, deg);
    return (x - ex) ** 2 + (y - ey) ** 2 <= half ** 2;
  });
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** RGBA pixels of the drawing at `size`×`size`. */
function raster(size, samples = 4) {
  const pixels = Buffer.alloc(size * size * 4);
  const colours = SHAPES.map((s) => rgb(s.fill ?? s.stroke));
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let top = -1;
          SHAPES.forEach((s, i) => inside(s, x, y) && (top = i));
          if (top < 0) continue;
          const [r, g, b] = colours[top];
          sum[0] += r;
          sum[1] += g;
          sum[2] += b;
          sum[3] += 1;
        }
      const at = (py * size + px) * 4;
      const n = sum[3];
      // Colour averaged over the covered samples; alpha from the coverage.
      if (n) for (let c = 0; c < 3; c++) pixels[at + c] = Math.round(sum[c] / n);
      pixels[at + 3] = Math.round((n / samples ** 2) * 255);
    }
  return pixels;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG, every row unfiltered. */
function png(size) {
  const pixels = raster(size);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // depth 8, RGBA, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The same drawing as SVG, on a 512 grid. */
function svg() {
  const n = (v) => +(v * 512).toFixed(2);
  const parts = SHAPES.map((s) => {
    if (s.kind === 'rounded')
      return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.size)}" height="${n(s.size)}" rx="${n(s.radius)}" fill="${s.fill}"/>`;
    if (s.kind === 'circle')
      return `<circle cx="${n(s.cx)}" cy="${n(s.cy)}" r="${n(s.r)}" fill="${s.fill}"/>`;
    const [x1, y1] = arcEnd(s, s.from).map(n);
    const [x2, y2] = arcEnd(s, s.to).map(n);
    return `<path d="M${x1} ${y1}A${n(s.r)} ${n(s.r)} 0 0 1 ${x2} ${y2}" fill="none" stroke="${s.stroke}" stroke-width="${n(s.width)}" stroke-linecap="round"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">\n  ${parts.join('\n  ')}\n</svg>\n`;
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'icon.svg'), svg());
for (const size of [192, 512]) writeFileSync(join(OUT, `icon-${size}.png`), png(size));
console.log(`Wrote ${OUT}/icon.svg, icon-192.png, icon-512.png`);
