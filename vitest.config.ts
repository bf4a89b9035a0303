import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests start the compiled daemon and CLI, as production does: build them fresh first.
    globalSetup: ['test/setup/build-once.ts'],
    // Integration tests spawn real daemons; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
