import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { dashboardRoutes } from '../dashboard/dashboard-routes.js';
import { installAuth } from './auth.js';
import { installErrorHandler } from './error-handlers.js';
import { installHostCheck } from './host-check.js';
import { installOpenApi } from './openapi.js';
import { echoRequestId, requestId } from './request-id.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { metricsRoutes } from './routes/metrics.js';
import { openApiRoutes } from './routes/openapi.js';
import { reportRoutes } from './routes/reports.js';
import { stationRoutes } from './routes/stations.js';
import { statusRoutes } from './routes/status.js';
import type { StatusPortServices } from './services.js';

export type { StatusPortServices } from './services.js';

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
  installOpenApi(app);
  app.register(healthRoutes, services);
  app.register(eventRoutes, services);
  app.register(openApiRoutes);
  app.register(statusRoutes, services);
  app.register(jobRoutes, services);
  app.register(stationRoutes, services);
  app.register(reportRoutes, services);
  app.register(metricsRoutes, services);
  app.register(dashboardRoutes);
  return app;
}
