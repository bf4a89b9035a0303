import { afterEach, expect, it } from 'vitest';
import { syntheticResidents } from '../../scripts/synthetic-residents.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { at, dayCounts, hotDayFleet } from '../helpers/hot-day.js';
import { startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('learns that the room is hotter than the site config says, and still never lets the printer shut off', async () => {
  // The site believes the reference hot day (24–34 °C); the room is really a constant 37 °C.
  const fleet = hotDayFleet('thermal');
  const station = fleet.kecamatan[0]?.stations[0] as { emulator: { ambient: unknown } };
  station.emulator.ambient = 37;
  test = await startTestDaemon({ config: fleet, clock: new VirtualClock(at('07:00')) });
  test.daemon.intake.submitBatch(syntheticResidents(300, 2000), []);
  await test.clock.advanceTo(at('17:00'));

  expect(await dayCounts(test)).toMatchObject({ spoiled: 0, overheats: 0 });
  expect((await dayCounts(test)).printed).toBeGreaterThan(100);
  // At 17:00 the site curve says 32.3 °C; the model should have learnt most of the 4.7 °C gap.
  expect(test.daemon.stations[0]?.belief().roomOffsetC.mean).toBeGreaterThan(3);
});
