import { afterEach, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { at, dayCounts, startHotDay } from '../helpers/hot-day.js';
import type { TestDaemon } from '../helpers/test-daemon.js';
import { waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('serves walk-ins within 3 minutes while a paced backlog runs at the thermal limit all afternoon', async () => {
  test = await startHotDay('thermal', 400);
  // Arrivals at odd moments, so they land in every phase of the backlog's pacing.
  const arrivals = ['11:07:13', '13:02:41', '13:41:05', '14:00:00', '14:22:37', '14:49:59', '15:31:02'];
  const waits: number[] = [];
  for (const [i, time] of arrivals.entries()) {
    const [h, m, sec] = time.split(':').map(Number);
    await test.clock.advanceTo(at(`${h}:${m}`) + (sec ?? 0) * 1000);
    const submitted = await test.submit({ ...syntheticResident(9000 + i), priority: 'walk-in' });
    expect(submitted.status).toBe(201);
    const job = await waitForJob(test, String(submitted.body.id), ['printed', 'spoiled'], 10 * 60_000);
    expect(job.state).toBe('printed');
    waits.push((Date.parse(String(job.finishedAt)) - Date.parse(String(job.createdAt))) / 1000);
  }
  expect(Math.max(...waits)).toBeLessThanOrEqual(180);
  await test.clock.advanceTo(at('17:00'));
  expect(await dayCounts(test)).toMatchObject({ spoiled: 0, overheats: 0 });
});
