import type { DefaultTheme } from 'vitepress';

// The guides' part of the sidebar, one list per language; config.ts (the site's) imports these.
// A page is listed here once it is written in both languages, so the sidebar never links to a
// missing page. One table, so the two languages cannot list different pages.

/** Each guide: its file under guide/, then its title in English and in Korean, in reading order. */
const guides: readonly (readonly [file: string, en: string, ko: string])[] = [
  ['getting-started', 'Getting started', '시작하기'],
  ['autograd', 'Autograd', '자동 미분'],
  ['broadcasting', 'Broadcasting', '브로드캐스팅'],
  ['dtypes', 'dtypes and promotion', 'dtype과 승격'],
  ['indexing', 'Indexing', '인덱싱'],
  ['devices', 'Devices and backends', '장치와 백엔드'],
  ['memory', 'Memory', '메모리'],
  ['custom-functions', 'Custom Functions', '사용자 정의 Function'],
  ['nn-optim', 'nn and optim', 'nn과 optim'],
  ['safetensors', 'Saving and loading (safetensors)', '가중치 저장과 불러오기'],
  ['errors', 'Errors', '오류'],
  ['performance', 'Performance', '성능'],
  ['new-backend', 'Writing a new backend', '새 백엔드 작성하기'],
];

function sidebarFor(lang: 'en' | 'ko'): DefaultTheme.SidebarItem[] {
  const prefix = lang === 'en' ? '/' : '/ko/';
  const title = (t: readonly [string, string, string]) => (lang === 'en' ? t[1] : t[2]);
  return [
    {
      text: lang === 'en' ? 'Guides' : '가이드',
      items: guides.map((g) => ({ text: title(g), link: `${prefix}guide/${g[0]}` })),
    },
    { text: lang === 'en' ? 'Porting from PyTorch' : 'PyTorch에서 옮겨 오기', link: `${prefix}porting` },
    // Generated at build time (scripts/generate.ts), like the tutorial.
    { text: lang === 'en' ? 'Conformance matrix' : '적합성 매트릭스', link: `${prefix}conformance` },
  ];
}

/** The English guides, the porting page and the conformance matrix. */
export const guidesEn: DefaultTheme.SidebarItem[] = sidebarFor('en');
/** The Korean guides, the porting page and the conformance matrix, the same pages under /ko/. */
export const guidesKo: DefaultTheme.SidebarItem[] = sidebarFor('ko');
