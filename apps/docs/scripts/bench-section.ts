import { header, line } from '../../../packages/bench/src/report/format.ts';
import { pairCells } from '../../../packages/bench/src/report/head-to-head.ts';
import { mediansTable } from '../../../packages/bench/src/report/table.ts';
import type { BenchResults, PairResult } from '../../../packages/bench/src/results.ts';
import type { Lang } from './tutorial-prose.ts';

/**
 * The performance guide's results section, from `pnpm bench`'s latest run
 * (packages/bench/results/latest.json, and its chart latest.svg): where and when it ran, the
 * medians of every contender (the bench's own cell format), the head-to-head pairs with their
 * targets, and the chart. The guide includes it (`<!--@include: ...-->`), so the page shows the
 * figures of the committed results, never pasted ones.
 */

const text = {
  en: {
    title: 'The latest results',
    machine: (m: BenchResults['machine']) =>
      `Measured ${m.date.slice(0, 10)} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}, load ${m.loadAverage}.`,
    medians:
      'Medians after a warm-up, each contender in its own process; every run reads its result back to ' +
      'JavaScript. Lower is better except GFLOP/s. n/a: the contender lacks the op or could not run; ' +
      '–: work the contender does not take part in.',
    work: 'work',
    unit: 'unit',
    pairsTitle: 'Head to head',
    pairs:
      "Each pair in one process, runs alternated, so both saw the same load. Times faster: the median of the peer's " +
      "time over ag's (above 1: ag is faster); middle half: the quartiles of those ratios.",
    pairHead: ['work', 'ag', 'peer', 'ag ms', 'peer ms', 'times faster', 'middle half', 'target', 'met'],
    yes: 'yes',
    no: 'no',
    chart: 'Speed relative to the fastest contender of each row',
  },
  ko: {
    title: '최근 결과',
    machine: (m: BenchResults['machine']) =>
      `${m.date.slice(0, 10)}에 ${m.cpu}, ${m.cores}코어, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}, 부하 ${m.loadAverage}에서 측정했습니다.`,
    medians:
      '워밍업 뒤의 중앙값이며 각 경쟁자는 자기 프로세스에서 실행되고, 매 실행은 결과를 JavaScript로 읽어 옵니다. ' +
      'GFLOP/s 말고는 낮을수록 좋습니다. n/a: 그 연산이 없거나 실행할 수 없음, –: 참여하지 않는 작업.',
    work: '작업',
    unit: '단위',
    pairsTitle: '직접 비교',
    pairs:
      '각 쌍은 한 프로세스에서 번갈아 실행되므로 둘은 같은 부하를 받습니다. 배수: 상대의 시간을 ag의 시간으로 나눈 ' +
      '값의 중앙값(1보다 크면 ag가 빠름), 가운데 절반: 그 비율들의 사분위수.',
    pairHead: ['작업', 'ag', '상대', 'ag ms', '상대 ms', '배수', '가운데 절반', '목표', '달성'],
    yes: '예',
    no: '아니요',
    chart: '행마다 가장 빠른 경쟁자에 대한 상대 속도',
  },
} as const;

/** A pair's row: the bench's own figures, less its CPU ratio and pair count. */
function pairRow(p: PairResult, lang: Lang): string {
  const c = pairCells(p);
  const met = c.met === undefined ? '–' : c.met ? text[lang].yes : text[lang].no;
  return line([p.label, p.ag, p.peer, c.agMs, c.peerMs, c.timesFaster, c.middleHalf, c.target, met]);
}

/** The section in `lang`; `chart` is the chart's URL on the site. */
export function benchSection(lang: Lang, r: BenchResults, chart: string): string {
  const t = text[lang];
  const out = [
    `## ${t.title}`,
    '',
    t.machine(r.machine),
    '',
    t.medians,
    '',
    ...mediansTable(r, [t.work, t.unit]),
    '',
    `![${t.chart}](${chart})`,
  ];
  if (r.headToHead !== undefined && r.headToHead.pairs.length > 0) {
    out.push(
      '',
      `### ${t.pairsTitle}`,
      '',
      t.pairs,
      '',
      header([...t.pairHead]),
      ...r.headToHead.pairs.map((p) => pairRow(p, lang)),
    );
  }
  return `${out.join('\n')}\n`;
}
