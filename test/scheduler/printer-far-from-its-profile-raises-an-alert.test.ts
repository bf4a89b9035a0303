import { afterEach, expect, it } from 'vitest';
import { syntheticResidents } from '../../scripts/synthetic-residents.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import type { StationSnapshot } from '../../src/station/station-view.js';
import { at, hotDayFleet } from '../helpers/hot-day.js';
import { startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('warns once that a blind printer cools far more slowly (τ +50 %) than its profile, after its shut-off shows it', async () => {
  const fleet = hotDayFleet('thermal');
  const station = fleet.kecamatan[0]?.stations[0] as { emulator: Record<string, unknown> };
  // Really 37.5 minutes where the profile says 25, and no temperature readings.
  station.emulator.printer = { reportsTemperatures: false, thermal: { timeConstantMinutes: 37.5 } };
  test = await startTestDaemon({ config: fleet, clock: new VirtualClock(at('07:00')) });
  test.daemon.intake.submitBatch(syntheticResidents(300, 3000), []);
  await test.clock.advanceTo(at('17:00'));

  const belief = test.daemon.stations[0]?.belief();
  expect(belief?.evidence.shutoffs).toBeGreaterThanOrEqual(1);
  expect(belief?.timeConstantMinutes.mean).toBeGreaterThan(32);
  const warnings = test.daemon.alerts.recent().filter((a) => a.code === 'PRINTER_UNLIKE_PROFILE');
  const slow = warnings.filter((a) => a.message.includes('cools more slowly than its profile says'));
  // Raised once, however many cards and polls followed.
  expect(slow).toHaveLength(1);
  expect(new Set(warnings.map((a) => a.message.split(':')[1])).size).toBe(warnings.length);
  // The status says so too, beside the learnt figure and the profile's.
  const status = await test.get('/api/status');
  const [entry] = (status.body as { stations: Array<{ thermal: StationSnapshot['thermal'] }> }).stations;
  const thermal = entry?.thermal as StationSnapshot['thermal'];
  expect(thermal.inside.source).toBe('estimated');
  expect(thermal.learnt.timeConstantMinutes.profile).toBe(25);
  expect(thermal.attention.some((line) => line.startsWith('cools more slowly'))).toBe(true);
});
