import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that bound how long the daemon takes to answer: they run after the rest, one at a time, so
 * that what they measure is the daemon and not a neighbouring test file on a two-core machine.
 */
const ALONE = ['test/integration/photo-batch-leaves-the-event-loop-free.test.ts'];

export default defineConfig({
  test: {
    // Tests start the compiled daemon and CLI, as production does: build them fresh first.
    globalSetup: ['test/setup/build-once.ts'],
    // Integration tests spawn real daemons; two cores, so keep the pool small.
    pool: 'forks',
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ALONE],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
