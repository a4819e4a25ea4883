/** A friendly drawn face (SVG data URL) for stories: no real photo needed. */
export function drawnFace(
  width = 640,
  height = 480,
  faces: { x: number; y: number; size: number }[] = [{ x: 320, y: 230, size: 200 }],
): string {
  const heads = faces
    .map(
      ({ x, y, size }) => `<g transform="translate(${x} ${y})">
      <ellipse rx="${size * 0.42}" ry="${size * 0.5}" fill="#f3c9a5"/>
      <path d="M${-size * 0.42} ${-size * 0.1} Q0 ${-size * 0.75} ${size * 0.42} ${-size * 0.1} Q${size * 0.3} ${-size * 0.45} 0 ${-size * 0.42} Q${-size * 0.3} ${-size * 0.45} ${-size * 0.42} ${-size * 0.1}Z" fill="#4a3428"/>
      <circle cx="${-size * 0.15}" cy="${-size * 0.02}" r="${size * 0.04}" fill="#3a2e28"/>
      <circle cx="${size * 0.15}" cy="${-size * 0.02}" r="${size * 0.04}" fill="#3a2e28"/>
      <path d="M${-size * 0.14} ${size * 0.2} Q0 ${size * 0.32} ${size * 0.14} ${size * 0.2}" stroke="#a0523d" stroke-width="${size * 0.03}" fill="none" stroke-linecap="round"/>
    </g>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
    <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#c9d8e8"/><stop offset="1" stop-color="#f0e0cf"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#bg)"/>${heads}</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
