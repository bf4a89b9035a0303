import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/schema.js';
import { forecastStation, walkInEtas } from '../scheduler/forecast.js';
import type { Station } from '../station/station.js';
import type { JobStore, Priority } from '../store/job-store.js';
import { localDay } from '../util/local-day.js';
import { thermalView } from './thermal-view.js';

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
  // One read of the (short) walk-in queue serves both the ETAs and the per-kecamatan lists.
  const walkIns = store.queuedWalkIns(config.kecamatan.map((k) => k.id));
  const etas = walkInEtasByJob(stations, walkIns, now);
  // Siblings share their kecamatan's queue: each is projected to print its share of it.
  const shareOf = (station: Station) => {
    const queue = queueFor(station.serves);
    const siblings = stations.filter(
      (s) => s.kecamatan === station.kecamatan && s.blockingProblems.length === 0,
    );
    return Math.ceil((queue.walkIn + queue.backlog) / Math.max(1, siblings.length));
  };

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
        // What operators are shown; `printerState` is the printer's own last report.
        state: station.displayedState,
        printerState: station.state,
        pausedSince: station.pausedSince === undefined ? null : new Date(station.pausedSince).toISOString(),
        problems: station.printer?.problems ?? [],
        temperatures: station.printer?.temperatures ?? {},
        thermal: thermalView(station.model, station.printer?.temperatures.internalC, now),
        consumables: station.printer?.consumables ?? {},
        printer: station.identity ?? null,
        currentJob: station.currentJobId ?? null,
        lastError: station.lastError ?? null,
        lastSeen: station.lastSeen === undefined ? null : new Date(station.lastSeen).toISOString(),
        today: { ...today, target: targetOf(station.kecamatan) },
        forecast: forecastStation(station, now, today.printed, shareOf(station)),
        // Stations of one kecamatan share its queue, so siblings show the same numbers.
        queue: queueFor(station.serves),
      };
    }),
    kecamatan: config.kecamatan.map((k) => ({
      id: k.id,
      name: k.name,
      printsAt: k.parent ?? k.id,
      queue: queueFor([k.id]),
      walkIns: walkIns
        .filter((job) => job.kecamatan === k.id)
        .map(({ id }) => ({ id, eta: etas.has(id) ? new Date(etas.get(id) as number).toISOString() : null })),
    })),
  };
}

export type FleetStatus = ReturnType<typeof fleetStatus>;

function queueKey(priority: Priority): keyof QueueCounts {
  return priority === 'walk-in' ? 'walkIn' : 'backlog';
}

/**
 * When each queued walk-in should come out: the walk-ins of a printing kecamatan (and those routed
 * to it) are dealt to its stations in turn, each planned on its printer's thermal model.
 */
function walkInEtasByJob(
  stations: readonly Station[],
  walkIns: ReadonlyArray<{ id: string; kecamatan: string }>,
  now: number,
): Map<string, number> {
  const etas = new Map<string, number>();
  const groups = new Map<string, Station[]>();
  for (const station of stations)
    groups.set(station.kecamatan, [...(groups.get(station.kecamatan) ?? []), station]);
  for (const group of groups.values()) {
    const ready = group.filter((s) => s.blockingProblems.length === 0);
    const serves = group[0]?.serves ?? [];
    const queued = walkIns.filter((job) => serves.includes(job.kecamatan));
    if (ready.length === 0 || queued.length === 0) continue;
    ready.forEach((station, j) => {
      const mine = queued.filter((_, i) => i % ready.length === j);
      walkInEtas(station, now, mine.length).forEach((eta, i) => {
        const job = mine[i];
        if (job) etas.set(job.id, eta);
      });
    });
  }
  return etas;
}
