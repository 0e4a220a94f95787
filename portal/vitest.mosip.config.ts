import { defineConfig } from 'vitest/config';

// MOSIP's own portal (pmp-revamp-ui), built once into a cache outside the repository, driven in
// Debian's Chromium against the real server. The server's global setup prepares the migrated
// store template; the portal's installs and builds MOSIP's portal when the cache lacks it.
export default defineConfig({
  ssr: { resolve: { conditions: ['pms-source'] } },
  test: {
    include: ['test-mosip/**/*.test.ts'],
    globalSetup: ['../server/test/support/global-setup.ts', './test-mosip/support/global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A screen that reloads after a change can take seconds on a busy machine.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    reporters: ['default', '../server/test/support/summary-reporter.ts'],
  },
});
