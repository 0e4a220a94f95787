import { defineConfig } from 'vitest/config';

// PMS_TEST_DB picks the engine for the whole run: `pglite` (default) or `postgres`.
// `pms-source`: @pms/rules is read from its TypeScript source (packages/rules/package.json), never
// from a build that may be missing or stale.
export default defineConfig({
  ssr: { resolve: { conditions: ['pms-source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
