import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** uPlot's Distr.Logarithmic: its enum is a `const enum` in a .d.ts, which isolated modules cannot read. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- the enum's value, written out (see above)
const LOGARITHMIC = 3 as uPlot.Scale.Distr;

export interface LossChart {
  add(step: number, train: number, test: number): void;
  clear(): void;
}

/**
 * The loss curve (train and test on the whole sets, against steps) drawn by uPlot, on a log
 * scale so the slow tail of training stays visible. It follows its container's width.
 */
export function lossChart(container: HTMLElement): LossChart {
  const steps: number[] = [];
  const train: number[] = [];
  const test: number[] = [];
  const size = (): { width: number; height: number } => ({
    width: Math.max(200, container.clientWidth),
    height: 180,
  });
  const plot = new uPlot(
    {
      ...size(),
      scales: { x: { time: false }, y: { distr: LOGARITHMIC } },
      axes: [
        { label: 'step' },
        // log-scale ticks are powers of ten; the default format rounds the small ones to "0".
        // With no data yet uPlot passes nulls.
        {
          label: 'loss',
          size: 60,
          values: (_, ticks) => ticks.map((v: number | null) => (v === null ? '' : String(Number(v.toPrecision(1))))),
        },
      ],
      series: [
        { label: 'step' },
        { label: 'train loss', stroke: '#0877bd', width: 2, value: (_, v) => (v === null ? '–' : v.toFixed(4)) },
        {
          label: 'test loss',
          stroke: '#e8710a',
          width: 2,
          dash: [6, 3],
          value: (_, v) => (v === null ? '–' : v.toFixed(4)),
        },
      ],
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
    },
    [steps, train, test],
    container,
  );
  new ResizeObserver(() => {
    plot.setSize(size());
  }).observe(container);

  let pending = false;
  // one redraw per frame however many reports arrive in it
  const redraw = (): void => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      plot.setData([steps, train, test]);
    });
  };
  return {
    add(step, trainLoss, testLoss) {
      if (steps.length > 0 && step <= steps.at(-1)!) return;
      steps.push(step);
      train.push(trainLoss);
      test.push(testLoss);
      redraw();
    },
    clear() {
      steps.length = 0;
      train.length = 0;
      test.length = 0;
      redraw();
    },
  };
}
