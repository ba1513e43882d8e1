import { CLASS_COLORS } from './boundary.js';
import type { NeuronMaps } from './trainer.js';

/** CSS pixels per unit's map, and between maps. */
const TILE = 30;
const GAP = 4;

/**
 * One unit's map as pixels: its output over the grid scaled by the largest magnitude it takes
 * there, blue where positive and orange where negative (TensorFlow Playground's colours, the
 * map's class 1 and class 0), white at zero.
 */
export function unitPixels(
  values: Float32Array,
  width: number,
  unit: number,
  size: number,
): Uint8ClampedArray<ArrayBuffer> {
  const n = size * size;
  let top = 0;
  for (let i = 0; i < n; i++) top = Math.max(top, Math.abs(values[i * width + unit]!));
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const v = top === 0 ? 0 : values[i * width + unit]! / top;
    const c = CLASS_COLORS[v >= 0 ? 1 : 0]!;
    const a = Math.abs(v);
    out[i * 4] = 255 + (c[0] - 255) * a;
    out[i * 4 + 1] = 255 + (c[1] - 255) * a;
    out[i * 4 + 2] = 255 + (c[2] - 255) * a;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * The hidden units' small maps, a row of tiles per layer (wrapping on a narrow panel), so one
 * sees each unit carve its part of the plane as the network trains.
 */
export function neuronView(container: HTMLElement): { draw(maps: NeuronMaps): void } {
  const cell = document.createElement('canvas');
  let last: NeuronMaps | null = null;
  let rows: { label: HTMLElement; canvas: HTMLCanvasElement }[] = [];

  function layout(maps: NeuronMaps): void {
    if (rows.length === maps.widths.length) return;
    container.replaceChildren();
    rows = maps.widths.map(() => {
      const label = document.createElement('div');
      label.className = 'lab-neuron-label';
      const canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      container.append(label, canvas);
      return { label, canvas };
    });
  }

  function draw(maps: NeuronMaps): void {
    last = maps;
    layout(maps);
    const { size } = maps;
    cell.width = size;
    cell.height = size;
    const cellCtx = cell.getContext('2d')!;
    const cssWidth = Math.max(TILE, container.clientWidth);
    const cols = Math.max(1, Math.floor((cssWidth + GAP) / (TILE + GAP)));
    const dpr = devicePixelRatio;
    maps.widths.forEach((width, l) => {
      const { label, canvas } = rows[l]!;
      label.textContent = `Hidden layer ${l + 1}: ${width} unit${width === 1 ? '' : 's'}`;
      canvas.setAttribute('aria-label', `Outputs of hidden layer ${l + 1}'s ${width} units over the plane`);
      const lines = Math.ceil(width / cols);
      const w = Math.min(width, cols) * (TILE + GAP) - GAP;
      const h = lines * (TILE + GAP) - GAP;
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      const ctx = canvas.getContext('2d')!;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.imageSmoothingEnabled = true;
      for (let u = 0; u < width; u++) {
        cellCtx.putImageData(new ImageData(unitPixels(maps.values[l]!, width, u, size), size, size), 0, 0);
        const x = (u % cols) * (TILE + GAP);
        const y = Math.floor(u / cols) * (TILE + GAP);
        ctx.drawImage(cell, x, y, TILE, TILE);
        ctx.strokeStyle = '#d0d7de';
        ctx.strokeRect(x + 0.5, y + 0.5, TILE - 1, TILE - 1);
      }
    });
  }

  // rewraps the tiles when the panel's width changes
  new ResizeObserver(() => {
    if (last !== null) draw(last);
  }).observe(container);
  return { draw };
}
