import { afterEach, describe, expect, it } from 'vitest';
import {
  resident,
  startTestDaemon,
  TEST_FLEET,
  type TestDaemon,
  waitForJob,
} from '../helpers/test-daemon.js';

let test: TestDaemon | undefined;
afterEach(() => test?.dispose());

describe('an office that keeps personal data for a while', () => {
  it('still has a printed card’s data until its retention passes, then the sweep erases it', async () => {
    test = await startTestDaemon({
      config: { ...TEST_FLEET, privacy: { retainPersonalData: 'PT1H', sweepEveryMinutes: 5 } },
    });
    const id = String((await test.submit(resident(8301))).body.id);
    const job = await waitForJob(test, id, ['printed']);
    const cardKept = () => test?.daemon.jobs.getJob(id)?.card != null;
    expect(cardKept()).toBe(true);

    const printedAt = Date.parse(String(job.finishedAt));
    await test.clock.until(
      async () => test !== undefined && test.clock.now() >= printedAt + 55 * 60_000,
      2 * 3600_000,
      60_000,
    );
    expect(cardKept()).toBe(true);
    // Due at one hour; the next sweep (every five minutes) erases it.
    await test.clock.until(() => !cardKept(), 15 * 60_000, 60_000);
    expect(test.clock.now() - printedAt).toBeGreaterThanOrEqual(3600_000);
    expect(test.clock.now() - printedAt).toBeLessThanOrEqual(3600_000 + 6 * 60_000);
    expect(test.logs.some((line) => line.includes('personal data past its retention erased'))).toBe(true);
  }, 60_000);
});
