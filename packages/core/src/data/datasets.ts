import { tensor } from '../ops/creation.js';
import { normals, uniform } from '../random.js';
import type { Tensor } from '../tensor.js';

/**
 * Toy datasets generated in code (no downloads), seeded by `manualSeed`: points in the plane
 * for classifiers (as scikit-learn's make_moons, make_circles, make_blobs), spirals, XOR, and
 * small images of drawn shapes for a CNN. Each returns float32 features `x` and int32 labels `y`.
 */
export interface Labeled {
  x: Tensor;
  y: Tensor;
}

export interface PointOptions {
  /** Standard deviation of Gaussian noise added to every coordinate. */
  noise?: number;
  device?: string;
}

/** Points and labels, shuffled together with the seeded generator. */
function finish(points: number[][], labels: number[], device: string | undefined): Labeled {
  for (let i = points.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [points[i], points[j]] = [points[j]!, points[i]!];
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  const opts = device === undefined ? {} : { device };
  return { x: tensor(points, opts), y: tensor(Int32Array.from(labels), opts) };
}

function addNoise(points: number[][], noise: number): void {
  if (noise <= 0) return;
  const z = normals(points.length * 2);
  points.forEach((p, i) => {
    p[0] = p[0]! + noise * z[2 * i]!;
    p[1] = p[1]! + noise * z[2 * i + 1]!;
  });
}

/** Two interleaving half circles (make_moons). */
export function makeMoons(n: number, { noise = 0, device }: PointOptions = {}): Labeled {
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < nOut; i++) {
    const t = (Math.PI * i) / Math.max(nOut - 1, 1);
    points.push([Math.cos(t), Math.sin(t)]);
    labels.push(0);
  }
  for (let i = 0; i < nIn; i++) {
    const t = (Math.PI * i) / Math.max(nIn - 1, 1);
    points.push([1 - Math.cos(t), 1 - Math.sin(t) - 0.5]);
    labels.push(1);
  }
  addNoise(points, noise);
  return finish(points, labels, device);
}

/** A circle inside another, radius ratio `factor` (make_circles). */
export function makeCircles(
  n: number,
  { noise = 0, device, factor = 0.8 }: PointOptions & { factor?: number } = {},
): Labeled {
  const nOut = Math.floor(n / 2);
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const inner = i >= nOut;
    const count = inner ? n - nOut : nOut;
    const t = (2 * Math.PI * (inner ? i - nOut : i)) / count;
    const r = inner ? factor : 1;
    points.push([r * Math.cos(t), r * Math.sin(t)]);
    labels.push(inner ? 1 : 0);
  }
  addNoise(points, noise);
  return finish(points, labels, device);
}

/** `classes` arms of a spiral, winding outwards. */
export function makeSpirals(
  n: number,
  { noise = 0, device, classes = 3 }: PointOptions & { classes?: number } = {},
): Labeled {
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    const r = (Math.floor(i / classes) + 1) / Math.ceil(n / classes);
    const t = (c * 2 * Math.PI) / classes + r * 4;
    points.push([r * Math.cos(t), r * Math.sin(t)]);
    labels.push(c);
  }
  addNoise(points, noise);
  return finish(points, labels, device);
}

/** Gaussian clusters with centres uniform in [-10, 10]^2 (make_blobs). */
export function makeBlobs(
  n: number,
  { device, centers = 3, std = 1 }: PointOptions & { centers?: number; std?: number } = {},
): Labeled {
  const c = Array.from({ length: centers }, () => [uniform() * 20 - 10, uniform() * 20 - 10]);
  const z = normals(n * 2);
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % centers;
    points.push([c[k]![0]! + std * z[2 * i]!, c[k]![1]! + std * z[2 * i + 1]!]);
    labels.push(k);
  }
  return finish(points, labels, device);
}

/** Points in [-1, 1]^2, labelled 1 where the coordinates have the same sign. */
export function makeXor(n: number, { noise = 0, device }: PointOptions = {}): Labeled {
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = [uniform() * 2 - 1, uniform() * 2 - 1];
    points.push(p);
    labels.push(p[0]! * p[1]! > 0 ? 1 : 0);
  }
  addNoise(points, noise);
  return finish(points, labels, device);
}

export const SHAPE_CLASSES = ['circle', 'square', 'triangle'] as const;

/** Whether pixel (px, py) lies inside a shape of class `k` centred at (cx, cy) with radius r. */
function inside(k: number, px: number, py: number, cx: number, cy: number, r: number): boolean {
  const dx = px - cx;
  const dy = py - cy;
  if (k === 0) return dx * dx + dy * dy <= r * r;
  if (k === 1) return Math.abs(dx) <= r * 0.8 && Math.abs(dy) <= r * 0.8;
  // an upright triangle: below the apex, above the base, within the widening sides
  return dy <= r * 0.8 && dy >= -r && Math.abs(dx) <= ((dy + r) / (1.8 * r)) * r;
}

/** Grayscale images [n, 1, size, size] of circles, squares and triangles at random places and sizes. */
export function makeShapes(
  n: number,
  { size = 16, noise = 0.05, device }: PointOptions & { size?: number } = {},
): Labeled {
  const pixels = new Float32Array(n * size * size);
  const labels: number[] = [];
  const z = normals(n * size * size);
  for (let i = 0; i < n; i++) {
    const k = i % SHAPE_CLASSES.length;
    const r = size * (0.22 + 0.12 * uniform());
    const cx = r + uniform() * (size - 2 * r);
    const cy = r + uniform() * (size - 2 * r);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const at = (i * size + y) * size + x;
        pixels[at] = (inside(k, x + 0.5, y + 0.5, cx, cy, r) ? 1 : 0) + noise * z[at]!;
      }
    }
    labels.push(k);
  }
  const opts = device === undefined ? {} : { device };
  return { x: tensor(pixels, opts).reshape(n, 1, size, size), y: tensor(Int32Array.from(labels), opts) };
}
