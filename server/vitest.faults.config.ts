import { defineConfig } from 'vitest/config';

// The fault suite (npm run test:faults): the real server as its own process, crashed, starved
// of its database, fed slow and oversized clients. One file at a time, so measurements do not
// compete with each other.
export default defineConfig({
  ssr: { resolve: { conditions: ['pms-source'] } },
  test: {
    include: ['faults/**/*.test.ts'],
    // The in-process parts start from the suite's migrated template, like the server tests.
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
