import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

export default defineConfig({
  plugins: [solid()],
  resolve: { conditions: ['development', 'browser'] },
  test: {
    include: [
      'src/**/*.test.{ts,tsx}',
      'sw/**/*.test.ts',
      'sync-server/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    // Multi-process tests (server processes, database restarts, browsers) share two cores with everything
    // else; under CI one retry separates a starved machine from a broken behaviour, as Playwright does.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      // The gate covers the server and operations code as well as the page.
      include: ['src/**/*.{ts,tsx}', 'sync-server/**/*.ts'],
      exclude: [
        '**/*.test.{ts,tsx}',
        'src/main.tsx',
        'src/**/*.d.ts',
        'sync-server/test/**',
        'sync-server/**/test-support/**',
      ],
      reporter: ['text-summary', 'json-summary', 'html'],
      thresholds: { lines: 85 },
    },
  },
});
