import type { LabPoints } from './messages.js';
import type { BoundaryMap } from './trainer.js';

/** Class colours (orange, blue, green), as RGB; the map and the points share them. */
export const CLASS_COLORS: readonly (readonly [number, number, number])[] = [
  [245, 147, 34],
  [8, 119, 189],
  [46, 160, 67],
];

/**
 * The decision-boundary map: each grid cell takes the class colours mixed by the model's
 * probabilities and faded towards white where the model is unsure (a 50/50 cell is pale, a
 * certain one full colour), so the boundary is where the colour fades out.
 */
export function mapPixels(map: BoundaryMap): Uint8ClampedArray<ArrayBuffer> {
  const { size, classes, probs } = map;
  const out = new Uint8ClampedArray(size * size * 4);
  for (let i = 0; i < size * size; i++) {
    let [r, g, b, top] = [0, 0, 0, 0];
    for (let k = 0; k < classes; k++) {
      const p = probs[i * classes + k]!;
      const c = CLASS_COLORS[k % CLASS_COLORS.length]!;
      r += p * c[0];
      g += p * c[1];
      b += p * c[2];
      top = Math.max(top, p);
    }
    // confidence 0 at chance (1/classes), 1 when certain; kept below full strength so points show
    const strength = 0.75 * ((top - 1 / classes) / (1 - 1 / classes));
    out[i * 4] = 255 + (r - 255) * strength;
    out[i * 4 + 1] = 255 + (g - 255) * strength;
    out[i * 4 + 2] = 255 + (b - 255) * strength;
    out[i * 4 + 3] = 255;
  }
  return out;
}

export interface BoundaryCanvas {
  setPoints(points: LabPoints, extent: BoundaryMap['extent']): void;
  draw(map: BoundaryMap | null): void;
}

/** Draws maps and points on `canvas`, sized to its CSS box at the device's pixel ratio. */
export function boundaryCanvas(canvas: HTMLCanvasElement): BoundaryCanvas {
  const ctx = canvas.getContext('2d')!;
  const cells = document.createElement('canvas');
  let points: LabPoints | null = null;
  let extent: BoundaryMap['extent'] = [-1, 1, -1, 1];
  let last: BoundaryMap | null = null;

  function draw(map: BoundaryMap | null): void {
    last = map;
    const side = Math.round(canvas.clientWidth * devicePixelRatio) || 300;
    if (canvas.width !== side) {
      canvas.width = side;
      canvas.height = side;
    }
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, side, side);
    if (map !== null) {
      cells.width = map.size;
      cells.height = map.size;
      cells.getContext('2d')!.putImageData(new ImageData(mapPixels(map), map.size, map.size), 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(cells, 0, 0, side, side);
    }
    if (points === null) return;
    const [x0, x1, y0, y1] = extent;
    const radius = Math.max(2, side / 110);
    for (let i = 0; i < points.labels.length; i++) {
      const px = ((points.xy[2 * i]! - x0) / (x1 - x0)) * side;
      const py = ((y1 - points.xy[2 * i + 1]!) / (y1 - y0)) * side;
      const [r, g, b] = CLASS_COLORS[points.labels[i]! % CLASS_COLORS.length]!;
      ctx.beginPath();
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
      ctx.fillStyle = `rgb(${r} ${g} ${b})`;
      ctx.fill();
      // train points ringed in white, test points in black (TensorFlow Playground's convention)
      ctx.lineWidth = Math.max(1, radius / 3);
      ctx.strokeStyle = i < points.train ? '#fff' : '#111';
      ctx.stroke();
    }
  }

  // keeps the picture sharp when the layout changes the canvas's size (phone rotation, panel resize)
  new ResizeObserver(() => {
    draw(last);
  }).observe(canvas);

  return {
    setPoints(p, e) {
      points = p;
      extent = e;
      draw(null);
    },
    draw,
  };
}
