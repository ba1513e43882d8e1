// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/coverage/**',
      // A user's project, checked against the published packages by the outside-in release
      // test (tsc under three resolutions, Node, Vite), not against the workspace.
      'scripts/release/consumer/**',
      // The docs site's build output, its cache, and the examples the docs test writes out to run.
      'apps/docs/docs/.vitepress/cache/**',
      'apps/docs/docs/.vitepress/dist/**',
      'apps/docs/docs/.vitepress/.temp/**',
      'apps/docs/.examples/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/unified-signatures': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // No import cycles through core's layers above the tensor: nn, functional, optim and format
    // build on tensors and must stay importable without the tensor importing them back. The
    // cycle among tensor.ts, ops/, autograd/ and autograd/rules/ is accepted (a tensor's methods
    // are its ops, and the ops make tensors), so the rule is scoped to these folders rather than
    // to all of core: a file is reported when it is on a cycle, whatever else the cycle passes.
    files: ['packages/core/src/{nn,functional,optim,format}/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Parses the imported `.ts` modules too (the plugin follows only `.js` files by default),
      // and resolves their `.js` specifiers to the `.ts` sources through core's tsconfig.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: `${import.meta.dirname}/packages/core/tsconfig.json` }),
      ],
    },
    rules: {
      // Type-only imports are erased, so they close no cycle at run time and are skipped.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
