import { meets } from '../head-to-head/stats.js';
import type { HeadToHead, PairResult } from '../results.js';
import { header, line, machineLine, ratio, sig3 } from './format.js';

/** The head-to-head section: one line per pair, its figures, its target and whether it is met. */
export function headToHeadMarkdown(h: HeadToHead): string[] {
  return [
    '## Head to head (same process, interleaved)',
    '',
    machineLine(h.machine),
    '',
    'Each pair in one process of its own: both sides prepared, warmed up, then run alternately (ag, peer; peer, ag; ...). ' +
      "Times faster: the median over pairs of the peer's run time over ag's run beside it, so both ran under the same load " +
      '(above 1: ag is faster); middle half: the quartiles of those per-pair ratios. ' +
      "CPU ratio: the peer's median process CPU time per run over ag's (all threads: a software GPU adapter's too).",
    '',
    header([
      'work',
      'ag',
      'peer',
      'ag ms',
      'peer ms',
      'times faster',
      'middle half',
      'CPU ratio',
      'pairs',
      'target',
      'met',
    ]),
    ...h.pairs.map(pairLine),
  ];
}

function pairLine(p: PairResult): string {
  const c = pairCells(p);
  const met = c.met === undefined ? '–' : c.met ? 'yes' : 'no';
  return line([
    p.label,
    p.ag,
    p.peer,
    c.agMs,
    c.peerMs,
    c.timesFaster,
    c.middleHalf,
    c.cpuRatio,
    c.pairs,
    c.target,
    met,
  ]);
}

/** A pair's figures as the tables show them, one per column; `met` is left to the caller's words. */
export interface PairCells {
  agMs: string;
  peerMs: string;
  timesFaster: string;
  middleHalf: string;
  cpuRatio: string;
  pairs: string;
  target: string;
  /** Whether the target is met; undefined without a target or a figure. */
  met: boolean | undefined;
}

/**
 * The figures of one pair, as this report and the docs' performance guide show them: a pair
 * that did not run says why under `agMs`, with a dash for every other figure.
 */
export function pairCells(p: PairResult): PairCells {
  const target = p.target === undefined ? '–' : `≥ ${+p.target.toFixed(2)}x`;
  const s = p.stats;
  if (s === undefined) {
    const na = `n/a (${p.unavailable ?? 'no result'})`;
    return {
      agMs: na,
      peerMs: '–',
      timesFaster: '–',
      middleHalf: '–',
      cpuRatio: '–',
      pairs: '–',
      target,
      met: undefined,
    };
  }
  return {
    agMs: sig3(s.agMs),
    peerMs: sig3(s.peerMs),
    timesFaster: ratio(s.speedup),
    middleHalf: `${sig3(s.q1)}–${sig3(s.q3)}`,
    cpuRatio: ratio(s.cpuRatio),
    pairs: String(s.pairs),
    target,
    met: meets(s.speedup, p.target),
  };
}
