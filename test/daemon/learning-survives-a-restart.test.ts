import { afterEach, expect, it } from 'vitest';
import { syntheticResidents } from '../../scripts/synthetic-residents.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { at, hotDayFleet } from '../helpers/hot-day.js';
import { startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('keeps what it learnt of a printer by its serial across a restart, and forgets it on relearn', async () => {
  const fleet = hotDayFleet('thermal');
  const station = fleet.kecamatan[0]?.stations[0] as { id: string; emulator: Record<string, unknown> };
  // Blind, and really 25 % hotter per card than its profile: the afternoon teaches it.
  station.emulator.printer = { reportsTemperatures: false, thermal: { heatPerCardC: 2.5 } };
  test = await startTestDaemon({ config: fleet, clock: new VirtualClock(at('07:00')) });
  test.daemon.intake.submitBatch(syntheticResidents(300, 4000), []);
  await test.clock.advanceTo(at('17:00'));
  const learnt = test.daemon.stations[0]?.belief();
  expect(learnt?.evidence.shutoffs).toBeGreaterThanOrEqual(1);
  expect(learnt?.heatPerCardC.mean).toBeGreaterThan(2.1);

  test = await test.restart();
  await test.clock.advance(60_000);
  const again = test.daemon.stations[0]?.belief();
  expect(again?.evidence).toEqual(learnt?.evidence);
  expect(again?.heatPerCardC.mean).toBeCloseTo(learnt?.heatPerCardC.mean ?? 0, 1);

  const relearnt = await test.post(`/api/stations/${station.id}/relearn`);
  expect(relearnt.status).toBe(200);
  const { thermal } = relearnt.body as { thermal: { evidence: Record<string, number> } };
  expect(thermal.evidence).toMatchObject({ cards: 0, shutoffs: 0 });
  expect(test.daemon.stations[0]?.belief().heatPerCardC.mean).toBeCloseTo(2, 1);
  // And it stays forgotten after another restart.
  test = await test.restart();
  await test.clock.advance(60_000);
  expect(test.daemon.stations[0]?.belief().evidence.shutoffs).toBe(0);
});
