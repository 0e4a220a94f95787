import { defineConfig } from 'vitest/config';

// Unit tests (message files, API contract, validation) and browser tests (playwright-core with
// Debian's Chromium against the real server). The server's global setup prepares the migrated
// store template that each server started by a test copies.
export default defineConfig({
  ssr: { resolve: { conditions: ['pms-source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['../server/test/support/global-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 1, minForks: 1 } },
    fileParallelism: false,
    testTimeout: 60_000,
    // How long expect.poll waits for the page to catch up (a certificate upload re-signs with a
    // fresh key on a loaded machine); a bound on waiting, not a performance assertion.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    reporters: ['default', '../server/test/support/summary-reporter.ts'],
  },
});
