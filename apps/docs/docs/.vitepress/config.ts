import { existsSync, readFileSync } from 'node:fs';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { guidesEn, guidesKo } from './sidebar-guides.ts';

/**
 * The site: English at the root, Korean (the seed's language) under /ko/, VitePress's local search
 * (built offline into the site, no service). The API reference under api/ is written by TypeDoc at
 * build time (scripts/generate.ts), as are the two tutorial pages.
 */

type Lang = 'en' | 'ko';

const prefix = (lang: Lang): string => (lang === 'en' ? '/' : '/ko/');

const labels = {
  en: { start: 'Getting started', tutorial: 'Tutorial', api: 'API reference', learn: 'Learn' },
  ko: { start: '시작하기', tutorial: '튜토리얼', api: 'API 레퍼런스', learn: '배우기' },
} as const;

function nav(lang: Lang): DefaultTheme.NavItem[] {
  const p = prefix(lang);
  return [
    { text: labels[lang].start, link: `${p}guide/getting-started` },
    { text: labels[lang].tutorial, link: `${p}tutorial` },
    // One API reference, in English: it is generated from the TSDoc comments.
    { text: labels[lang].api, link: '/api/' },
  ];
}

/** TypeDoc's sidebar for the API pages (written with them; absent until `pnpm generate` has run). */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = new URL('../api/typedoc-sidebar.json', import.meta.url);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[]) : [];
}

function sidebar(lang: Lang): DefaultTheme.Sidebar {
  const p = prefix(lang);
  return {
    [p]: [
      { text: labels[lang].learn, items: [{ text: labels[lang].tutorial, link: `${p}tutorial` }] },
      ...(lang === 'en' ? guidesEn : guidesKo),
    ],
    '/api/': [{ text: labels.en.api, link: '/api/', items: apiSidebar() }],
  };
}

/**
 * Heading anchors as VitePress makes them, but keeping `_`: TypeDoc's pages link to PyTorch's
 * in-place methods as `#add_`, which VitePress's own slugify would turn into `#add-1`.
 */
function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s~`!@#$%^&*()\-+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase();
}

export default defineConfig({
  title: 'ag',
  description: "PyTorch's autograd in TypeScript, for Node and the browser, on the CPU and the GPU",
  cleanUrls: true,
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/logo.svg' }]],
  markdown: { anchor: { slugify } },
  locales: {
    root: { label: 'English', lang: 'en', themeConfig: { nav: nav('en'), sidebar: sidebar('en') } },
    ko: {
      label: '한국어',
      lang: 'ko',
      description: 'TypeScript로 옮긴 PyTorch의 autograd: Node와 브라우저, CPU와 GPU에서',
      themeConfig: {
        nav: nav('ko'),
        sidebar: sidebar('ko'),
        outline: { label: '이 페이지에서' },
        docFooter: { prev: '이전', next: '다음' },
        returnToTopLabel: '맨 위로',
        sidebarMenuLabel: '메뉴',
        darkModeSwitchLabel: '테마',
        langMenuLabel: '언어 변경',
      },
    },
  },
  themeConfig: {
    logo: '/logo.svg',
    // The language menu leads to the other language's home page: the API reference exists only in
    // English (it is generated from the TSDoc comments), so /ko/api/... would be a dead link.
    i18nRouting: false,
    search: {
      provider: 'local',
      options: {
        locales: {
          ko: {
            translations: {
              button: { buttonText: '검색', buttonAriaLabel: '검색' },
              modal: {
                noResultsText: '결과가 없습니다',
                resetButtonTitle: '검색어 지우기',
                footer: { selectText: '선택', navigateText: '이동', closeText: '닫기' },
              },
            },
          },
        },
      },
    },
    socialLinks: [{ icon: 'github', link: 'https://github.com/ag-autograd/ag' }],
  },
});
