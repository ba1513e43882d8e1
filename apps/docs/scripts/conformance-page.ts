import type { CaseResult, ConformanceResults } from '../../../packages/conformance/scripts/results-reporter.ts';
import type { Lang } from './tutorial-prose.ts';

/**
 * The conformance matrix page (op x backend) from what each backend's full conformance run
 * recorded (packages/conformance/results/<backend>.json, written by the suite's results reporter):
 * a summary per backend, then one table per op family (a case file of @ag/conformance), then the
 * known failures' reasons, numbered once each. A backend without a results file says so.
 */

/** A backend's recorded cases (its results file's), or null where none is recorded. */
export type Recorded = ConformanceResults['cases'] | null;

/** The backends in column order: the results file's name and the column's title. */
export const BACKENDS = [
  { file: 'cpu', title: { en: 'CPU', ko: 'CPU' } },
  { file: 'webgpu-node', title: { en: 'WebGPU (Node, Dawn)', ko: 'WebGPU (Node, Dawn)' } },
  { file: 'webgpu-chromium', title: { en: 'WebGPU (Chromium)', ko: 'WebGPU (Chromium)' } },
] as const;

/** A family of cases, its ids in the suite's order. */
export interface Family {
  name: string;
  ids: readonly string[];
}

const text = {
  en: {
    title: 'Conformance matrix',
    intro: [
      'Every backend runs the same conformance suite (`@ag/conformance`): values from mathematics and',
      "PyTorch's documented examples, gradients checked against finite differences, errors on bad input,",
      'and the seed tutorial cell by cell. This page is generated when the site is built, from the',
      'outcomes each backend recorded on its last full run of the suite',
      '(`packages/conformance/results/<backend>.json`, written by `pnpm test`).',
    ],
    summary: 'Summary',
    head: ['backend', 'cases', 'pass', 'known failures', 'fail', 'not run'],
    none: 'no recorded results',
    case: 'case',
    pass: 'pass',
    fail: '**FAIL**',
    known: 'known failure',
    notRun: 'not run',
    reasons: 'Known failures',
    reasonsIntro: 'A known failure is listed by its backend with the reason; the suite fails if one starts passing.',
    other: 'other',
  },
  ko: {
    title: '적합성 매트릭스',
    intro: [
      '모든 백엔드는 같은 적합성 테스트 모음(`@ag/conformance`)을 돌립니다: 수학과 PyTorch 문서의 예에서 온 값,',
      '유한 차분으로 확인한 기울기, 잘못된 입력에 대한 오류, 그리고 시드 튜토리얼의 셀 하나하나. 이 페이지는',
      '사이트를 빌드할 때, 각 백엔드가 모음을 마지막으로 전부 돌리며 기록한 결과',
      '(`pnpm test`가 쓰는 `packages/conformance/results/<backend>.json`)로부터 만들어집니다.',
    ],
    summary: '요약',
    head: ['백엔드', '사례', '통과', '알려진 실패', '실패', '실행 안 됨'],
    none: '기록된 결과 없음',
    case: '사례',
    pass: '통과',
    fail: '**실패**',
    known: '알려진 실패',
    notRun: '실행 안 됨',
    reasons: '알려진 실패',
    reasonsIntro:
      '알려진 실패는 백엔드가 이유와 함께 나열한 것이며, 그중 하나가 통과하기 시작하면 모음의 실행이 실패합니다.',
    other: '기타',
  },
} as const;

/** A table cell's text: `|` escaped, and code in backticks that cannot close early. */
const cell = (s: string): string => s.replace(/\|/g, '\\|');
const code = (s: string): string => (s.includes('`') ? `\`\` ${cell(s)} \`\`` : `\`${cell(s)}\``);
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/**
 * Families for every recorded id: the suite's families in their order, then ids no case file
 * holds (the seed tutorial's cells) under their group, in natural order (cell 9 before cell 10).
 */
export function allFamilies(families: readonly Family[], recorded: readonly Recorded[]): Family[] {
  const known = new Set(families.flatMap((f) => f.ids));
  const extra = new Map<string, Set<string>>();
  for (const r of recorded) {
    for (const [id, c] of Object.entries(r ?? {})) {
      if (known.has(id)) continue;
      const group = c.group === '' ? 'other' : c.group;
      extra.set(group, (extra.get(group) ?? new Set()).add(id));
    }
  }
  const natural = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });
  const rest = [...extra].sort(([a], [b]) => natural(a, b));
  return [...families, ...rest.map(([name, ids]) => ({ name, ids: [...ids].sort(natural) }))];
}

/** The page in `lang`; `recorded[i]` is the results of BACKENDS[i]. */
export function conformancePage(lang: Lang, families: readonly Family[], recorded: readonly Recorded[]): string {
  const t = text[lang];
  const all = allFamilies(families, recorded);
  const ids = all.flatMap((f) => f.ids);
  const reasons: string[] = [];
  const reasonNumber = (reason: string): number => {
    const i = reasons.indexOf(reason);
    return i >= 0 ? i + 1 : reasons.push(reason);
  };
  const outcome = (r: Recorded, id: string): string => {
    if (r === null) return '–';
    const c = r[id];
    if (c === undefined) return t.notRun;
    if (c.outcome === 'pass') return t.pass;
    if (c.outcome === 'fail') return c.reason === undefined ? t.fail : `${t.fail} (${cell(c.reason)})`;
    return `${t.known} (${reasonNumber(c.reason ?? '')})`;
  };
  const count = (r: ConformanceResults['cases'], o: CaseResult['outcome']): number =>
    ids.filter((id) => r[id]?.outcome === o).length;
  const out: string[] = [
    `# ${t.title}`,
    '',
    ...t.intro,
    '',
    `## ${t.summary}`,
    '',
    row(t.head),
    row(t.head.map(() => '---')),
  ];
  BACKENDS.forEach((b, i) => {
    const r = recorded[i] ?? null;
    if (r === null) out.push(row([b.title[lang], t.none, '', '', '', '']));
    else {
      const ran = ids.filter((id) => r[id] !== undefined).length;
      out.push(
        row([
          b.title[lang],
          String(ids.length),
          ...(['pass', 'known-failure', 'fail'] as const).map((o) => String(count(r, o))),
          String(ids.length - ran),
        ]),
      );
    }
  });
  for (const f of all) {
    out.push(
      '',
      `## ${f.name}`,
      '',
      row([t.case, ...BACKENDS.map((b) => b.title[lang])]),
      row(['---', ...BACKENDS.map(() => '---')]),
    );
    for (const id of f.ids) out.push(row([code(id), ...BACKENDS.map((_, i) => outcome(recorded[i] ?? null, id))]));
  }
  if (reasons.length > 0) {
    out.push('', `## ${t.reasons}`, '', t.reasonsIntro, '', ...reasons.map((r, i) => `${i + 1}. ${r}`));
  }
  return `${out.join('\n')}\n`;
}
