// One lint config for every runtime; the boundaries between them live here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'data/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Security rules docs/ops/security.md promises: no code from strings.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    ...solid,
  },
  {
    // The core is shared by page, service worker and server: it must stay pure.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'solid-js',
                'solid-js/*',
                'dexie',
                'hono',
                'hono/*',
                'postgres',
                '@electric-sql/*',
                'node:*',
                '**/ui/**',
                '**/db/**',
                '**/sync-server/**',
                '**/ai/**',
              ],
              message: 'src/core is pure: no UI, storage, server or Node imports.',
            },
          ],
        },
      ],
    },
  },
);
