import type { Clock } from '../clock/clock.js';
import type { AlertBook } from '../events/alert-book.js';
import type { EventBus } from '../events/fleet-events.js';
import type { TemperatureHistory } from '../events/temperature-history.js';
import type { FleetStatus } from '../fleet/fleet-status.js';
import type { JobIntake } from '../jobs/job-intake.js';
import type { Logger } from '../log/logger.js';
import type { FleetMetrics } from '../metrics/fleet-metrics.js';
import type { JobActions } from '../operations/job-actions.js';
import type { StationControls } from '../operations/station-controls.js';
import type { StockKeeper } from '../operations/stock-keeper.js';
import type { DailyReport } from '../reports/daily-report.js';
import type { StationView } from '../station/station-view.js';
import type { JobStore } from '../store/job-store.js';
import type { StoreHealth } from '../store/store-health.js';
import type { AuthOptions } from './auth.js';

/** What the status port needs from the daemon. */
export interface StatusPortServices {
  readonly stations: readonly StationView[];
  readonly controls: StationControls;
  readonly events: EventBus;
  readonly alerts: AlertBook;
  readonly temperatures: TemperatureHistory;
  /** Whether the fleet has started and the daemon is not stopping (`/readyz`). */
  readonly ready: () => boolean;
  readonly storeHealth: StoreHealth;
  readonly clock: Clock;
  readonly intake: JobIntake;
  readonly jobs: JobStore;
  readonly jobActions: JobActions;
  readonly stock: StockKeeper;
  readonly status: () => FleetStatus;
  /** The same status as UTF-8 JSON bytes, serialised once per change. */
  readonly statusBody: () => Buffer;
  /** The daily report for a local date (default: today). */
  readonly dailyReport: (date?: string) => DailyReport;
  /** The fleet's Prometheus metrics, served at `GET /metrics`. */
  readonly metrics: Pick<FleetMetrics, 'contentType' | 'body'>;
  readonly auth: AuthOptions;
  /** `server.allowedHosts`: names besides the loopback ones the status port answers to. */
  readonly allowedHosts: readonly string[];
  readonly log: Logger;
}
