import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Clock } from '../clock/clock.js';
import { dashboardRoutes } from '../dashboard/dashboard-routes.js';
import { CetakError } from '../errors.js';
import { storeView } from '../fleet/store-view.js';
import type { Logger } from '../log/logger.js';
import { installErrorHandler } from './error-handlers.js';
import { installHostCheck } from './host-check.js';
import { echoRequestId, requestId } from './request-id.js';

export interface DegradedPortOptions {
  /** Why the daemon cannot open its store yet: `disk full: 0.0 MB free, need 1 MB`. */
  readonly reason: () => string;
  /** Since when (epoch ms). */
  readonly since: number;
  readonly site: string;
  readonly clock: Clock;
  readonly allowedHosts: readonly string[];
  readonly log: Logger;
}

/**
 * The status port of a daemon waiting for disk space: it could not open its store, so it prints
 * nothing, but it answers, so the office sees why instead of a dead port. `/healthz` 200 (the
 * process is alive), `/readyz` 503 with the reason, `/api/status` an empty fleet carrying the
 * reason (the dashboard shows it), job submissions 507 with nothing stored, the rest of the API
 * 503. It holds no token and no data, so it needs none: nothing here reads or changes anything.
 */
export function buildDegradedPort(options: DegradedPortOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.log.child({ component: 'status-port' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: false,
    genReqId: requestId,
  });
  installErrorHandler(app);
  installHostCheck(app, { allowedHosts: options.allowedHosts });
  echoRequestId(app);
  // This port soon hands over to the real one: a kept-alive socket would then be reset mid-poll.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('connection', 'close');
  });
  const store = () => storeView({ ok: false, reason: options.reason(), since: options.since });

  app.get('/healthz', async () => ({ status: 'ok', degraded: options.reason() }));
  app.get('/readyz', async (_request, reply) =>
    reply.status(503).send({
      status: 'not-ready',
      reason: options.reason(),
      stations: { total: 0, reachable: 0 },
      store: store(),
    }),
  );
  app.get('/api/status', async () => ({
    site: options.site,
    now: new Date(options.clock.now()).toISOString(),
    stations: [],
    kecamatan: [],
    store: store(),
  }));
  app.register(dashboardRoutes);
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method === 'POST' && path.startsWith('/api/jobs')) {
      throw new CetakError(
        'STORE_FULL',
        `${options.reason()}; nothing was stored. Cetak takes jobs again by itself once there is room`,
      );
    }
    if (path.startsWith('/api/') || path === '/metrics') {
      throw new CetakError(
        'STORE_UNAVAILABLE',
        `the daemon is waiting for disk space before it opens its store (${options.reason()})`,
      );
    }
    return reply.status(404).send({ error: 'NOT_FOUND', message: `no route ${request.method} ${path}` });
  });
  return app;
}
