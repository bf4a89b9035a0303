import { syntheticResidents } from '../../scripts/synthetic-residents.js';
import { VirtualClock } from '../../src/clock/virtual-clock.js';
import type { TestDaemon } from './test-daemon.js';
import { startTestDaemon } from './test-daemon.js';

/** 00:00 WIB (UTC+7) on the test day. */
export const MIDNIGHT_WIB = Date.UTC(2026, 0, 4, 17, 0, 0);
export const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return MIDNIGHT_WIB + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
};

/**
 * One office on the reference hot Palembang day (the room really is that hot), open 08:00–16:00,
 * printers cold at 07:00.
 */
export function hotDayFleet(policy: 'thermal' | 'fifo', stations = 1, driver = 'emulator-direct') {
  return {
    site: {
      name: 'Hot day',
      timezone: 'Asia/Jakarta',
      ambient: 'palembang-hot-day',
      serviceHours: { open: '08:00', close: '16:00' },
    },
    scheduler: { policy },
    // The reference printer, but with room for a whole day's cards: the day is about heat, not refills.
    profiles: { 'ref-big-trays': { capacity: { feeder: 1000, hopper: 1000, ribbon: 1000, film: 1000 } } },
    kecamatan: [
      {
        id: 'seberang-ulu-i',
        name: 'Seberang Ulu I',
        stations: Array.from({ length: stations }, (_, i) => ({
          id: `sbu1-${String.fromCharCode(97 + i)}`,
          driver,
          profile: 'ref-big-trays',
          chip: { encoder: 'emulated' },
          emulator: { ambient: 'palembang-hot-day', seed: i + 1, extensions: true },
        })),
      },
    ],
  };
}

/** Starts the hot-day office at 07:00 with `backlog` PRR jobs queued. */
export async function startHotDay(
  policy: 'thermal' | 'fifo',
  backlog: number,
  stations = 1,
  driver?: string,
): Promise<TestDaemon> {
  const test = await startTestDaemon({
    config: hotDayFleet(policy, stations, driver),
    clock: new VirtualClock(at('07:00')),
  });
  const rows = syntheticResidents(backlog, 1000);
  for (let i = 0; i < rows.length; i += 1000) test.daemon.intake.submitBatch(rows.slice(i, i + 1000), []);
  return test;
}

export interface DayCounts {
  printed: number;
  spoiled: number;
  overheats: number;
}

/** Cards finished so far today, by outcome, from the daily report. */
export async function dayCounts(test: TestDaemon): Promise<DayCounts> {
  const report = (await test.get('/api/reports/daily?date=2026-01-05')).body as {
    stations: Array<{ good: number; spoiled: number; spoiledByReason: Record<string, number> }>;
  };
  return report.stations.reduce(
    (sum, s) => ({
      printed: sum.printed + s.good,
      spoiled: sum.spoiled + s.spoiled,
      overheats: sum.overheats + (s.spoiledByReason.overheat ?? 0),
    }),
    { printed: 0, spoiled: 0, overheats: 0 },
  );
}
