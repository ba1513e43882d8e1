import type { DefaultTheme } from 'vitepress';

// The guides' part of the sidebar, one list per language; config.ts (the site's) imports these.
// A page is listed here once it is written, so the sidebar never links to a missing page.

/** The English guides, in reading order. */
export const guidesEn: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guides',
    items: [
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: 'Autograd', link: '/guide/autograd' },
      { text: 'Broadcasting', link: '/guide/broadcasting' },
      { text: 'dtypes and promotion', link: '/guide/dtypes' },
      { text: 'Indexing', link: '/guide/indexing' },
      { text: 'Devices and backends', link: '/guide/devices' },
      { text: 'Memory', link: '/guide/memory' },
      { text: 'Custom Functions', link: '/guide/custom-functions' },
      { text: 'nn and optim', link: '/guide/nn-optim' },
      { text: 'Saving and loading (safetensors)', link: '/guide/safetensors' },
      { text: 'Performance', link: '/guide/performance' },
      { text: 'Writing a new backend', link: '/guide/new-backend' },
    ],
  },
  { text: 'Porting from PyTorch', link: '/porting' },
];

/** The Korean guides, the same pages under /ko/. */
export const guidesKo: DefaultTheme.SidebarItem[] = [
  {
    text: '가이드',
    items: [
      { text: '시작하기', link: '/ko/guide/getting-started' },
      { text: '자동 미분', link: '/ko/guide/autograd' },
      { text: '브로드캐스팅', link: '/ko/guide/broadcasting' },
      { text: 'dtype과 승격', link: '/ko/guide/dtypes' },
      { text: '인덱싱', link: '/ko/guide/indexing' },
      { text: '장치와 백엔드', link: '/ko/guide/devices' },
      { text: '메모리', link: '/ko/guide/memory' },
      { text: '사용자 정의 Function', link: '/ko/guide/custom-functions' },
      { text: 'nn과 optim', link: '/ko/guide/nn-optim' },
      { text: '가중치 저장과 불러오기', link: '/ko/guide/safetensors' },
      { text: '성능', link: '/ko/guide/performance' },
      { text: '새 백엔드 작성하기', link: '/ko/guide/new-backend' },
    ],
  },
  { text: 'PyTorch에서 옮겨 오기', link: '/ko/porting' },
];
