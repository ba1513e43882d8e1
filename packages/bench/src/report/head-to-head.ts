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
  const target = p.target === undefined ? '–' : `≥ ${p.target}x`;
  const s = p.stats;
  if (s === undefined)
    return line([p.label, p.ag, p.peer, `n/a (${p.unavailable ?? 'no result'})`, '–', '–', '–', '–', '–', target, '–']);
  const met = meets(s.speedup, p.target);
  return line([
    p.label,
    p.ag,
    p.peer,
    sig3(s.agMs),
    sig3(s.peerMs),
    ratio(s.speedup),
    `${sig3(s.q1)}–${sig3(s.q3)}`,
    ratio(s.cpuRatio),
    String(s.pairs),
    target,
    met === undefined ? '–' : met ? 'yes' : 'no',
  ]);
}
