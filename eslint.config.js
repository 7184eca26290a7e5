// One lint config for every runtime; the boundaries between them live here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';

const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/fixtures/**'];

/**
 * Fences a folder: an import that leaves it must land in one of `allowed` (regexes of paths from the
 * folder's parent: 'core' for src/db, 'src/core' for sw). A relative path says where it lands only
 * once the importing file's depth is known, so there is one entry per depth. Tests may reach further
 * (fixtures, the real server) and are not fenced.
 */
function fenceLayer(dir, allowed, message, packages = []) {
  return [0, 1, 2, 3].map((depth) => {
    const up = '\\.\\./'.repeat(depth + 1);
    const landing = allowed.length ? `(?!(${allowed.join('|')})(/|$))` : '';
    return {
      files: [`${dir}/${'*/'.repeat(depth)}*.{ts,tsx}`],
      ignores: TESTS,
      rules: {
        'no-restricted-imports': [
          'error',
          { patterns: [{ regex: `^${up}${landing}`, message }, ...packages] },
        ],
      },
    };
  });
}

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
  ...fenceLayer('src/core', [], 'src/core is pure: it imports no other layer of the page.', [
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
      ],
      message: 'src/core is pure: no UI, storage, server or Node imports.',
    },
  ]),
  ...fenceLayer('src/db', ['core'], 'src/db imports only src/core.'),
  ...['sync', 'ai', 'pwa']
    .map((layer) =>
      fenceLayer(`src/${layer}`, ['db', 'core'], `src/${layer} imports only src/db and src/core.`),
    )
    .flat(),
  // Reminder notifications' buttons write offline through the page's own store (the outbox path), and
  // the worker records what it showed: those two src/db modules and the database itself, nothing else.
  ...fenceLayer(
    'sw',
    [
      'src/core',
      'src/sync/worker-replay\\.ts$',
      'src/db/(database|notification-actions|reminder-deliveries)\\.ts$',
    ],
    'The service worker imports from src/ only src/core, the outbox replay and the reminder writes of src/db.',
  ),
  {
    // The server stands alone: from the page's code it shares only the pure core.
    files: ['sync-server/**/*.ts', 'api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!core/)',
              message: 'The server imports from src/ only src/core.',
            },
          ],
        },
      ],
    },
  },
  {
    // Vite's glob imports hide edges from TypeScript, ESLint and the import graph.
    files: ['**/*.{ts,tsx,js,mjs}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.type='MetaProperty'][property.name=/^glob/]",
          message: "No import.meta.glob: load a module with a plain import() (Solid's lazy).",
        },
      ],
    },
  },
);
