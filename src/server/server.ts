import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Clock } from '../clock/clock.js';
import { dashboardRoutes } from '../dashboard/dashboard-routes.js';
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
import { type AuthOptions, installAuth } from './auth.js';
import { installErrorHandler } from './error-handlers.js';
import { installHostCheck } from './host-check.js';
import { echoRequestId, requestId } from './request-id.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { metricsRoutes } from './routes/metrics.js';
import { openApiRoutes } from './routes/openapi.js';
import { reportRoutes } from './routes/reports.js';
import { stationRoutes } from './routes/stations.js';
import { statusRoutes } from './routes/status.js';

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
  /** The same status as JSON text, serialised once per change. */
  readonly statusJson: () => string;
  /** The daily report for a local date (default: today). */
  readonly dailyReport: (date?: string) => DailyReport;
  /** The fleet's Prometheus metrics, served at `GET /metrics`. */
  readonly metrics: Pick<FleetMetrics, 'contentType' | 'text'>;
  readonly auth: AuthOptions;
  /** `server.allowedHosts`: names besides the loopback ones the status port answers to. */
  readonly allowedHosts: readonly string[];
  readonly log: Logger;
}

/** Builds the status port (not yet listening): tests call `inject()` on it, the daemon `listen()`s. */
export function buildStatusPort(services: StatusPortServices): FastifyInstance {
  const app = Fastify({
    loggerInstance: services.log.child({ component: 'status-port' }) as FastifyBaseLogger,
    // The dashboard polls; a log line per request would bury what matters.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: requestId,
  });

  // The API speaks JSON only; a text body would just be an unreadable job.
  app.removeContentTypeParser('text/plain');
  installErrorHandler(app);
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
  installHostCheck(app, { allowedHosts: services.allowedHosts });
  echoRequestId(app);
  installAuth(app, services.auth);
  app.register(healthRoutes, services);
  app.register(eventRoutes, services);
  app.register(openApiRoutes, services);
  app.register(statusRoutes, services);
  app.register(jobRoutes, services);
  app.register(stationRoutes, services);
  app.register(reportRoutes, services);
  app.register(metricsRoutes, services);
  app.register(dashboardRoutes);
  return app;
}
