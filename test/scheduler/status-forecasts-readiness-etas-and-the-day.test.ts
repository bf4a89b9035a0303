import { afterEach, expect, it } from 'vitest';
import { syntheticResident } from '../../scripts/synthetic-residents.js';
import { at, dayCounts, startHotDay } from '../helpers/hot-day.js';
import { type TestDaemon, waitForJob } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

interface Forecast {
  readyInSeconds: number | null;
  projectedToday: number;
}

async function station(t: TestDaemon) {
  const status = (await t.get('/api/status')).body as {
    stations: Array<{ state: string; forecast: Forecast; today: { printed: number } }>;
    kecamatan: Array<{ walkIns: Array<{ id: string; eta: string | null }> }>;
  };
  return { station: status.stations[0], kecamatan: status.kecamatan[0] };
}

it('tells operators when the printer is ready, when a walk-in comes out, and how the day will end', async () => {
  test = await startHotDay('thermal', 400);
  const cold = (await station(test)).station;
  expect(cold?.state).toBe('standby');
  // A cold roller needs (160 − ~24 °C) / 0.8 °C/s.
  expect(cold?.forecast.readyInSeconds).toBeGreaterThan(150);
  expect(cold?.forecast.readyInSeconds).toBeLessThan(200);

  await test.clock.advanceTo(at('10:00'));
  const morning = (await station(test)).station;
  // The plan for the rest of the day lands near what the day really brings.
  const projected = morning?.forecast.projectedToday ?? 0;
  await test.clock.advanceTo(at('14:00'));
  // Two walk-ins at once: the second surely waits in the queue, with an ETA.
  const first = await test.submit({ ...syntheticResident(7001), priority: 'walk-in' });
  const second = await test.submit({ ...syntheticResident(7002), priority: 'walk-in' });
  const { kecamatan } = await station(test);
  const queued = kecamatan?.walkIns.find((w) => w.id === second.body.id);
  expect(queued?.eta).toBeTruthy();
  const eta = Date.parse(String(queued?.eta));
  const firstJob = await waitForJob(test, String(first.body.id), ['printed']);
  expect(
    Date.parse(String(firstJob.finishedAt)) - Date.parse(String(firstJob.createdAt)),
  ).toBeLessThanOrEqual(180_000);
  const secondJob = await waitForJob(test, String(second.body.id), ['printed']);
  expect(Math.abs(Date.parse(String(secondJob.finishedAt)) - eta)).toBeLessThanOrEqual(65_000);

  await test.clock.advanceTo(at('16:30'));
  const day = await dayCounts(test);
  expect(Math.abs(projected - day.printed)).toBeLessThanOrEqual(8);
  expect((await station(test)).station?.forecast.projectedToday).toBe(day.printed);
});

it('counts the cool-down into readiness after a shut-off', async () => {
  test = await startHotDay('fifo', 400);
  let readyIn: number | null | undefined;
  await test.clock.until(
    async () => {
      const { station: s } = await station(test);
      readyIn = s?.forecast.readyInSeconds;
      return s?.state === 'overheated';
    },
    10 * 3_600_000,
    10_000,
  );
  // From the 56 °C cut-off back to 45 °C takes over ten minutes, then the roller warms again.
  expect(readyIn).toBeGreaterThan(600);
});
