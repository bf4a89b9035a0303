import { Registry } from 'prom-client';
import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/schema.js';
import type { EventBus } from '../events/fleet-events.js';
import type { StationView } from '../station/station-view.js';
import type { AlertRecord } from '../store/alert-store.js';
import type { JobStore } from '../store/job-store.js';
import { registerAlertGauges } from './alert-gauges.js';
import { registerInfoGauges } from './info-gauges.js';
import { registerJobMetrics } from './job-metrics.js';
import { type CardWorkLoad, registerLoopMetrics, type TimerLateness } from './loop-metrics.js';
import { registerOfficeGauges } from './office-gauges.js';
import { processMetrics } from './process-metrics.js';
import { ScrapeCache } from './scrape-cache.js';
import { registerStationGauges } from './station-gauges.js';

export interface FleetMetricsOptions {
  readonly stations: readonly StationView[];
  readonly jobs: JobStore;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly config: Readonly<Config>;
  /** Active alerts nobody has acknowledged (none when left out). */
  readonly unacknowledgedAlerts?: () => readonly AlertRecord[];
  /** The daemon's real clock's late timers; absent on a virtual clock, where none can be late. */
  readonly timers?: TimerLateness | undefined;
  /** The card-work threads, when the daemon uses them. */
  readonly cardWork?: { readonly load: CardWorkLoad } | undefined;
  /** Free space on the store's disk (absent in memory). */
  readonly diskFreeBytes?: () => number | undefined;
}

export interface FleetMetrics {
  /** This fleet's registry (never prom-client's global one). */
  readonly registry: Registry;
  /** The exposition format's content type, for `GET /metrics`. */
  readonly contentType: string;
  /**
   * The registry in the exposition format, for `GET /metrics`: rendered at most once a second (of
   * the daemon's clock) and again at once after a job, station or alert event.
   */
  text(): Promise<string>;
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
    text: () => cache.text(),
    stop: () => {
      unsubscribe();
      cache.stop();
    },
  };
}
