import type { FastifyInstance } from 'fastify';
import { statusSchemas } from '../schemas/status-schemas.js';
import type { StatusPortServices } from '../services.js';

/**
 * `GET /metrics`: the fleet in Prometheus text format. A read, so open on loopback and behind a
 * token otherwise: the operator's, or the read-only scrape token a city Prometheus is given
 * (`authorization: credentials_file`), which opens nothing else.
 */
export async function metricsRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  app.get(
    '/metrics',
    { config: { scrape: true }, schema: statusSchemas.metrics },
    async (_request, reply) => {
      return reply.type(services.metrics.contentType).send(await services.metrics.body());
    },
  );
}
