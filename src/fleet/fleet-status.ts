import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/schema.js';
import type { Station } from '../station/station.js';
import type { JobStore, Priority } from '../store/job-store.js';
import { localDay } from '../util/local-day.js';

export interface QueueCounts {
  walkIn: number;
  backlog: number;
}

/** The body of `GET /api/status`: what an operator needs to see of the whole fleet at a glance. */
export function fleetStatus(
  config: Readonly<Config>,
  stations: readonly Station[],
  store: JobStore,
  clock: Clock,
) {
  const now = clock.now();
  const day = localDay(now, config.site.timezone);
  const counts = store.dayCounts(day);
  const queues = new Map<string, QueueCounts>();
  for (const { kecamatan, priority, count } of store.queueLengths()) {
    const entry = queues.get(kecamatan) ?? { walkIn: 0, backlog: 0 };
    entry[queueKey(priority)] += count;
    queues.set(kecamatan, entry);
  }
  const queueFor = (kecamatanIds: readonly string[]): QueueCounts =>
    kecamatanIds.reduce(
      (sum, id) => {
        const q = queues.get(id);
        return q ? { walkIn: sum.walkIn + q.walkIn, backlog: sum.backlog + q.backlog } : sum;
      },
      { walkIn: 0, backlog: 0 },
    );
  const targetOf = (kecamatanId: string) =>
    config.kecamatan.find((k) => k.id === kecamatanId)?.dailyTarget ?? config.site.dailyTarget;

  return {
    site: config.site.name,
    now: new Date(now).toISOString(),
    day,
    stations: stations.map((station) => {
      const today = counts.get(station.id) ?? { printed: 0, spoiled: 0 };
      return {
        id: station.id,
        kecamatan: station.kecamatan,
        serves: station.serves,
        driver: station.driverName,
        state: station.state,
        problems: station.printer?.problems ?? [],
        temperatures: station.printer?.temperatures ?? {},
        consumables: station.printer?.consumables ?? {},
        printer: station.identity ?? null,
        currentJob: station.currentJobId ?? null,
        lastError: station.lastError ?? null,
        lastSeen: station.lastSeen === undefined ? null : new Date(station.lastSeen).toISOString(),
        today: { ...today, target: targetOf(station.kecamatan) },
        // Stations of one kecamatan share its queue, so siblings show the same numbers.
        queue: queueFor(station.serves),
      };
    }),
    kecamatan: config.kecamatan.map((k) => ({
      id: k.id,
      name: k.name,
      printsAt: k.parent ?? k.id,
      queue: queueFor([k.id]),
    })),
  };
}

export type FleetStatus = ReturnType<typeof fleetStatus>;

function queueKey(priority: Priority): keyof QueueCounts {
  return priority === 'walk-in' ? 'walkIn' : 'backlog';
}
