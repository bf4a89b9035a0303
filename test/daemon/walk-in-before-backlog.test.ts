import { afterEach, expect, it } from 'vitest';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('prints a walk-in before the backlog queued ahead of it, and the backlog oldest first', async () => {
  test = await startTestDaemon();
  const backlog: string[] = [];
  for (let seed = 1; seed <= 5; seed++) backlog.push(String((await test.submit(resident(seed))).body.id));
  const walkIn = String((await test.submit(resident(99, { priority: 'walk-in' }))).body.id);

  const walkInJob = await waitForJob(test, walkIn, ['printed']);
  const backlogJobs = [];
  for (const id of backlog) backlogJobs.push(await waitForJob(test, id, ['printed']));

  const started = (job: Record<string, unknown>) => Date.parse(String(job.startedAt));
  expect(walkInJob.priority).toBe('walk-in');
  for (const job of backlogJobs) expect(started(walkInJob)).toBeLessThanOrEqual(started(job));
  const backlogStarts = backlogJobs.map(started);
  expect(backlogStarts).toEqual([...backlogStarts].sort((a, b) => a - b));
});
