/** A friendly drawn face on a canvas, for stories and tests: no real photo needed. */
export function drawnFace(
  width = 640,
  height = 480,
  faces: { x: number; y: number; size: number }[] = [{ x: 320, y: 230, size: 200 }],
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  const bg = g.createLinearGradient(0, 0, width, height);
  bg.addColorStop(0, '#c9d8e8');
  bg.addColorStop(1, '#f0e0cf');
  g.fillStyle = bg;
  g.fillRect(0, 0, width, height);
  for (const { x, y, size: s } of faces) {
    g.save();
    g.translate(x, y);
    g.fillStyle = '#f3c9a5';
    g.beginPath();
    g.ellipse(0, 0, s * 0.42, s * 0.5, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#4a3428';
    g.beginPath();
    g.moveTo(-s * 0.42, -s * 0.1);
    g.quadraticCurveTo(0, -s * 0.75, s * 0.42, -s * 0.1);
    g.quadraticCurveTo(s * 0.3, -s * 0.45, 0, -s * 0.42);
    g.quadraticCurveTo(-s * 0.3, -s * 0.45, -s * 0.42, -s * 0.1);
    g.fill();
    g.fillStyle = '#3a2e28';
    for (const eye of [-0.15, 0.15]) {
      g.beginPath();
      g.arc(s * eye, -s * 0.02, s * 0.04, 0, Math.PI * 2);
      g.fill();
    }
    g.strokeStyle = '#a0523d';
    g.lineWidth = s * 0.03;
    g.lineCap = 'round';
    g.beginPath();
    g.moveTo(-s * 0.14, s * 0.2);
    g.quadraticCurveTo(0, s * 0.32, s * 0.14, s * 0.2);
    g.stroke();
    g.restore();
  }
  return canvas;
}
