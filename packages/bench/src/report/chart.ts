import type { BenchResults } from '../results.js';
import { escapeXml, sig3 } from './format.js';

/**
 * A grouped horizontal bar chart in plain SVG (no dependencies): one group per row of the
 * table, one bar per contender, its length the contender's speed relative to the fastest in that
 * row (so GFLOP/s and milliseconds share one axis), labelled with the measured value.
 */
const COLORS = ['#d62728', '#ff7f0e', '#1f77b4', '#6baed6', '#9467bd', '#2ca02c', '#98df8a', '#17becf', '#7f7f7f'];
const BAR = 11;
const LABEL_W = 230;
const PLOT_W = 520;

export function chart(r: BenchResults): string {
  const cs = r.contenders.filter((c) => c.unavailable === undefined);
  const groupH = cs.length * BAR + 14;
  const legendH = 20 * Math.ceil(cs.length / 4) + 10;
  const height = 40 + r.rows.length * groupH + legendH;
  const width = LABEL_W + PLOT_W + 110;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(`ag benchmark: speed relative to the fastest per row (${r.machine.cpu}, ${r.machine.cores} cores)`)}</text>`,
  ];
  r.rows.forEach((row, gi) => {
    const y0 = 34 + gi * groupH;
    const speeds = cs.map((c) => {
      const cell = c.cells[row.id];
      return cell === undefined || 'na' in cell ? undefined : row.higherIsBetter ? cell.value : 1 / cell.value;
    });
    const best = Math.max(...speeds.map((s) => s ?? 0));
    parts.push(`<text x="10" y="${y0 + groupH / 2}">${escapeXml(`${row.label} (${row.unit})`)}</text>`);
    cs.forEach((c, ci) => {
      const s = speeds[ci];
      const y = y0 + ci * BAR;
      const cell = c.cells[row.id];
      if (s === undefined || cell === undefined || 'na' in cell) {
        parts.push(`<text x="${LABEL_W + 4}" y="${y + BAR - 2}" fill="#999">n/a</text>`);
        return;
      }
      const w = Math.max(1, (s / best) * PLOT_W);
      parts.push(
        `<rect x="${LABEL_W}" y="${y}" width="${w.toFixed(1)}" height="${BAR - 2}" fill="${COLORS[ci % COLORS.length]!}"/>`,
      );
      parts.push(`<text x="${(LABEL_W + w + 4).toFixed(1)}" y="${y + BAR - 2}">${sig3(cell.value)}</text>`);
    });
  });
  const ly = height - legendH + 6;
  cs.forEach((c, i) => {
    const x = 10 + (i % 4) * 200;
    const y = ly + Math.floor(i / 4) * 20;
    parts.push(`<rect x="${x}" y="${y}" width="12" height="12" fill="${COLORS[i % COLORS.length]!}"/>`);
    parts.push(`<text x="${x + 16}" y="${y + 10}">${escapeXml(c.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
