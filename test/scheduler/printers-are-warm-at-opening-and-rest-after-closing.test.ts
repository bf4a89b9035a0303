import { afterEach, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import { at, hotDayFleet } from '../helpers/hot-day.js';
import { startTestDaemon, type TestDaemon } from '../helpers/test-daemon.js';

let test: TestDaemon;
afterEach(() => test?.dispose());

it('heats each printer, staggered, to be ready by opening; keeps it warm all day; rests it after closing', async () => {
  test = await startTestDaemon({ config: hotDayFleet('thermal', 3), clock: new VirtualClock(at('07:00')) });
  const firstWarming = new Map<string, number>();
  for (const station of test.daemon.stations) {
    station.onPrinterReport((status) => {
      if (status.state === 'warming' && !firstWarming.has(station.id))
        firstWarming.set(station.id, test.clock.now());
    });
  }

  await test.clock.advanceTo(at('07:59'));
  expect(test.daemon.stations.map((s) => s.state)).toEqual(['ready', 'ready', 'ready']);
  const starts = [...firstWarming.values()];
  expect(starts).toHaveLength(3);
  // Not all at once, and none needlessly early (a cold roller needs under 3 minutes).
  expect(new Set(starts).size).toBe(3);
  for (const start of starts) expect(start).toBeGreaterThan(at('07:50'));

  // No card all day: the printer's own 15-minute idle switch-off must never win.
  for (const time of ['10:00', '12:30', '15:55']) {
    await test.clock.advanceTo(at(time));
    expect(test.daemon.stations.map((s) => s.state)).toEqual(['ready', 'ready', 'ready']);
  }
  await test.clock.advanceTo(at('16:05'));
  expect(test.daemon.stations.map((s) => s.state)).toEqual(['standby', 'standby', 'standby']);
});
