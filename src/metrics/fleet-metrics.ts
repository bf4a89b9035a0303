import { Registry } from 'prom-client';
import { registerAlertGauges } from './alert-gauges.js';
import type { FleetMetricsOptions } from './fleet-metrics-options.js';
import { registerInfoGauges } from './info-gauges.js';
import { registerJobMetrics } from './job-metrics.js';
import { registerLoopMetrics } from './loop-metrics.js';
import { registerOfficeGauges } from './office-gauges.js';
import { processMetrics } from './process-metrics.js';
import { ScrapeCache } from './scrape-cache.js';
import { registerStationGauges } from './station-gauges.js';

export type { FleetMetricsOptions } from './fleet-metrics-options.js';

export interface FleetMetrics {
  /** This fleet's registry (never prom-client's global one). */
  readonly registry: Registry;
  /** The exposition format's content type, for `GET /metrics`. */
  readonly contentType: string;
  /**
   * The registry in the exposition format as UTF-8 bytes, for `GET /metrics`: rendered at most once a second (of
   * the daemon's clock) and again at once after a job, station or alert event.
   */
  body(): Promise<Buffer>;
  /** Stops listening to the event bus. */
  stop(): void;
}

/**
 * The fleet's Prometheus metrics. Labels are config ids and closed sets only (station, kecamatan,
 * state, sensor, item, priority, reason, level, code): never a NIK, a name or a job id, and few
 * enough values that every office can be scraped without growing the series count.
 */
export function createFleetMetrics(options: FleetMetricsOptions): FleetMetrics {
  const fleet = new Registry();
  registerStationGauges(fleet, options.stations);
  registerInfoGauges(fleet, options.stations);
  registerOfficeGauges(fleet, options);
  registerAlertGauges(fleet, options.unacknowledgedAlerts ?? (() => []));
  const pool = options.cardWork;
  registerLoopMetrics(fleet, { timers: options.timers, cardWork: pool && (() => pool.load) });
  const unsubscribe = registerJobMetrics({
    registry: fleet,
    stations: options.stations,
    jobs: options.jobs,
    events: options.events,
    clock: options.clock,
    kecamatanIds: options.config.kecamatan.map((k) => k.id),
  });
  // A new registry holding this fleet's metrics and the process's shared ones.
  const registry = Registry.merge([fleet, processMetrics()]);
  const cache = new ScrapeCache(() => registry.metrics(), options.clock, options.events);
  return {
    registry,
    contentType: registry.contentType,
    body: () => cache.body(),
    stop: () => {
      unsubscribe();
      cache.stop();
    },
  };
}
