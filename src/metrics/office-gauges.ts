import { Gauge, type Registry } from 'prom-client';
import { PRIORITIES } from '../store/job-store.js';
import { localDay } from '../util/local-day.js';
import type { FleetMetricsOptions } from './fleet-metrics-options.js';

/**
 * What the city's view and alerting rules need beyond counters (`config/monitoring/`): each
 * station's cards today against its daily target, how long the oldest job of each queue has
 * waited, and the store's free disk space. Read at scrape time; every series exists from start-up
 * (at 0 where there is nothing yet), so a rule never sees "no data" on a quiet office.
 */
export function registerOfficeGauges(
  registry: Registry,
  { stations, jobs, clock, config, diskFreeBytes }: FleetMetricsOptions,
): void {
  const registers = [registry];
  const kecamatanIds = config.kecamatan.map((k) => k.id);
  const targetOf = (kecamatan: string) =>
    config.kecamatan.find((k) => k.id === kecamatan)?.dailyTarget ?? config.site.dailyTarget;

  new Gauge({
    name: 'cetak_station_printed_today_cards',
    help: "Good cards the station printed since midnight in the site's time zone.",
    labelNames: ['station', 'kecamatan'] as const,
    registers,
    collect() {
      const counts = jobs.dayCounts(localDay(clock.now(), config.site.timezone));
      for (const station of stations) {
        this.set({ station: station.id, kecamatan: station.kecamatan }, counts.get(station.id)?.printed ?? 0);
      }
    },
  });
  const target = new Gauge({
    name: 'cetak_station_daily_target_cards',
    help: 'Cards a day the station is expected to print (site.dailyTarget, or its kecamatan’s).',
    labelNames: ['station', 'kecamatan'] as const,
    registers,
  });
  for (const station of stations) {
    target.set({ station: station.id, kecamatan: station.kecamatan }, targetOf(station.kecamatan));
  }

  new Gauge({
    name: 'cetak_queue_oldest_age_seconds',
    help: 'How long the longest-waiting queued job has waited, by kecamatan and priority (0 when none waits).',
    labelNames: ['kecamatan', 'priority'] as const,
    registers,
    collect() {
      this.reset();
      for (const kecamatan of kecamatanIds)
        for (const priority of PRIORITIES) this.set({ kecamatan, priority }, 0);
      const now = clock.now();
      for (const { kecamatan, priority, oldestCreatedAt } of jobs.queueLengths())
        this.set({ kecamatan, priority }, Math.max(0, (now - oldestCreatedAt) / 1000));
    },
  });

  new Gauge({
    name: 'cetak_store_disk_free_bytes',
    help: 'Free space on the disk holding the job store (absent for an in-memory store).',
    registers,
    collect() {
      this.reset();
      const free = diskFreeBytes?.();
      if (free !== undefined) this.set(free);
    },
  });
}
