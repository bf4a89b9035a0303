import type { Clock } from '../clock/clock.js';
import type { Config } from '../config/schema.js';
import type { EventBus } from '../events/fleet-events.js';
import type { BigCardWorkLoad } from '../render/big-card-work.js';
import type { StationView } from '../station/station-view.js';
import type { AlertRecord } from '../store/alert-store.js';
import type { JobStore } from '../store/job-store.js';
import type { TimerLateness } from './loop-metrics.js';

/** What the fleet's metrics read (`createFleetMetrics`); apart so each gauge module can take it too. */
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
  /** The big-photo queue, when the daemon uses one. */
  readonly cardWork?: { readonly load: BigCardWorkLoad } | undefined;
  /** Free space on the store's disk (absent in memory). */
  readonly diskFreeBytes?: () => number | undefined;
}
