import type { FastifyInstance } from 'fastify';
import type { StatusPortServices } from '../server.js';

/**
 * `GET /metrics`: the fleet in Prometheus text format. A read, so open on loopback and behind the
 * token otherwise (Prometheus sends it with `authorization: credentials_file`).
 */
export async function metricsRoutes(app: FastifyInstance, services: StatusPortServices): Promise<void> {
  app.get('/metrics', async (_request, reply) => {
    const text = await services.metrics.text();
    return reply.type(services.metrics.contentType).send(text);
  });
}
