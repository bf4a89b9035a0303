import { afterEach, expect, it } from 'vitest';
import { resident, startTestDaemon, type TestDaemon, waitForJob } from '../helpers/test-daemon.js';
import { sampleValue, scrape } from './scrape.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('times a promoted backlog job from its promotion, not from its submission', async () => {
  test = await startTestDaemon();
  for (const id of ['sbu1-a', 'sbu1-b']) await test.post(`/api/stations/${id}/pause`);
  const body = resident(31);
  const id = String((await test.submit(body)).body.id);
  await test.clock.advance(3 * 60 * 60_000);

  expect((await test.post('/api/jobs/promote', { nik: body.nik })).status).toBe(200);
  const promotedAt = test.clock.now();
  for (const station of ['sbu1-a', 'sbu1-b']) await test.post(`/api/stations/${station}/resume`);
  const job = await waitForJob(test, id, ['printed']);

  const waited = (Date.parse(String(job.finishedAt)) - promotedAt) / 1000;
  expect(waited).toBeLessThan(600);
  const samples = await scrape(test);
  const kecamatan = { kecamatan: 'seberang-ulu-i' };
  expect(sampleValue(samples, 'cetak_walk_in_wait_seconds_count', kecamatan)).toBe(1);
  expect(sampleValue(samples, 'cetak_walk_in_wait_seconds_sum', kecamatan)).toBe(waited);
  expect(sampleValue(samples, 'cetak_walk_in_wait_seconds_bucket', { ...kecamatan, le: '600' })).toBe(1);
});
