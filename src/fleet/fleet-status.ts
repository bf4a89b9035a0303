import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/schema.js';
import type { StationSnapshot, StationView } from '../station/station-view.js';
import type { AlertRecord } from '../store/alert-store.js';
import type { JobStore, Priority } from '../store/job-store.js';
import { localDay } from '../util/local-day.js';

export interface QueueCounts {
  walkIn: number;
  backlog: number;
}

/**
 * The body of `GET /api/status` (`fleetStatusSchema`): what an operator needs to see of the whole
 * fleet at a glance. Each station is its snapshot, taken once here, with what the fleet owns added.
 */
export function fleetStatus(
  config: Readonly<Config>,
  stations: readonly StationView[],
  store: JobStore,
  clock: Clock,
  activeAlerts: () => readonly AlertRecord[] = () => [],
) {
  const now = clock.now();
  const views = stations.map((station) => ({ station, snapshot: station.snapshot(now) }));
  const alerts = activeAlerts();
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
  const etas = walkInEtasByJob(views, walkIns, now);
  // Siblings share their kecamatan's queue: each is projected to print its share of it.
  const shareOf = (snapshot: StationSnapshot) => {
    const queue = queueFor(snapshot.serves);
    const siblings = views.filter(
      (v) => v.snapshot.kecamatan === snapshot.kecamatan && v.snapshot.blockingProblems.length === 0,
    );
    return Math.ceil((queue.walkIn + queue.backlog) / Math.max(1, siblings.length));
  };

  return {
    schemaVersion: 1 as const,
    site: config.site.name,
    now: new Date(now).toISOString(),
    day,
    stations: views.map(({ station, snapshot }) => {
      const today = counts.get(snapshot.id) ?? { printed: 0, spoiled: 0 };
      return {
        ...snapshot,
        today: { ...today, target: targetOf(snapshot.kecamatan) },
        forecast: station.forecast(now, today.printed, shareOf(snapshot)),
        // Stations of one kecamatan share its queue, so siblings show the same numbers.
        queue: queueFor(snapshot.serves),
        alerts: alerts.filter((a) => a.station === snapshot.id).map(({ code, level }) => ({ code, level })),
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
  views: ReadonlyArray<{ station: StationView; snapshot: StationSnapshot }>,
  walkIns: ReadonlyArray<{ id: string; kecamatan: string }>,
  now: number,
): Map<string, number> {
  const etas = new Map<string, number>();
  const groups = new Map<string, (typeof views)[number][]>();
  for (const view of views)
    groups.set(view.snapshot.kecamatan, [...(groups.get(view.snapshot.kecamatan) ?? []), view]);
  for (const group of groups.values()) {
    const ready = group.filter((v) => v.snapshot.blockingProblems.length === 0);
    const serves = group[0]?.snapshot.serves ?? [];
    const queued = walkIns.filter((job) => serves.includes(job.kecamatan));
    if (ready.length === 0 || queued.length === 0) continue;
    ready.forEach(({ station }, j) => {
      const mine = queued.filter((_, i) => i % ready.length === j);
      station.walkInEtas(now, mine.length).forEach((eta, i) => {
        const job = mine[i];
        if (job) etas.set(job.id, eta);
      });
    });
  }
  return etas;
}
